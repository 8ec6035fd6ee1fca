"""Whether a mass incident is still being reported, and what a report joining it hears
(SPEC rule 9; a new user's trial). Two people trapped in the lift of 阳光花园 building 3 were
one incident, its update "已解救" (rescued); four days later a child trapped in that lift
joined it, and its requester was told the person was already rescued.

An open incident takes a new report while it is still being reported: its last report (a
ticket of it opened), or its latest update, within config `surge.quiet` (2 days by default).
A water cut reported all day keeps joining its reports, and "Xingfuli still has no water" a
day into it joins it still; after that long without a word the event is over, whatever
tickets of it are still open, and a new report is a new event (a ticket of its own, a new
incident if a surge forms). And a report of a danger to people (`bot.same_matter.Subject`
`dangers`: someone trapped, hurt, a gas smell) joining an incident never hears an update
posted before it: a rescue announced earlier is not theirs (staff who know it is link it,
bot/incident_links.py, and it is told)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, CompoundSelect, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Incident, Ticket


def live(now: datetime, quiet: timedelta) -> CompoundSelect[tuple[int]]:
    """The ids of the incidents still being reported at `now`: a ticket of theirs opened, or
    their latest update posted, within `quiet` (config `surge.quiet`) before it. A union of
    two index searches (tickets by `opened_at`, incidents by `latest_update_at`), never a
    scan of every incident: an OR of the two read them all, and the surge check runs at
    every fault report."""
    since = now - quiet
    reported = select(Ticket.incident_id).where(
        Ticket.incident_id.is_not(None), Ticket.opened_at >= since
    )
    return union(reported, select(Incident.id).where(Incident.latest_update_at >= since))


async def live_ids(session: AsyncSession, now: datetime, quiet: timedelta) -> list[int]:
    """The incidents still being reported at `now` (`live`), their ids."""
    return list(await session.scalars(live(now, quiet)))


def lately(now: datetime, window: timedelta, live: list[int], dialect: str) -> ColumnElement[bool]:
    """Whether a ticket is one the surge check compares a new report with (whatever its
    status): opened within `window` (config `surge.window`) before `now`, or of an incident
    still being reported (`live`: `live_ids`), whenever opened. As each database reads it by
    its indexes (`dialect`: SQLAlchemy's name of it), not by every ticket ever opened: that
    grew with the desk's history, and on SQLite with 20,000 tickets closed long ago a fault
    report took 16 ms against 8 ms on an empty history (benchmarks/history.py). SQLite reads
    the surge check's "latest first, at most 500" along the table in id order, so it gets the
    ids as a union of two index searches; PostgreSQL reads an OR of the two as one bitmap,
    and misjudged the union (a full scan, once a compilation of 35 ms)."""
    opened = Ticket.opened_at >= now - window
    of_live = Ticket.incident_id.in_(live)
    if dialect == "sqlite":
        found = select(Ticket.id).where(opened)
        return Ticket.id.in_(union(found, select(Ticket.id).where(of_live)) if live else found)
    return or_(opened, of_live) if live else opened


def hears_update(incident: Incident, ticket: Ticket, *, danger: bool) -> bool:
    """Whether `ticket`, joining `incident` by the surge check, is told its latest update:
    when there is one, unless the ticket tells a danger to people (`danger`) and the update
    was posted before it was opened: that update is not about them (pure)."""
    if incident.latest_update is None:
        return False
    posted = incident.latest_update_at
    return not (danger and posted is not None and posted < ticket.opened_at)
