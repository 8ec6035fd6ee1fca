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
from typing import Any

from sqlalchemy import Select, or_, select

from bot.models import Incident, Ticket


def live(now: datetime, quiet: timedelta) -> Select[Any]:
    """The ids of the incidents still being reported at `now`: a ticket of theirs opened, or
    their latest update posted, within `quiet` (config `surge.quiet`) before it."""
    since = now - quiet
    reported = select(Ticket.incident_id).where(
        Ticket.incident_id.is_not(None), Ticket.opened_at >= since
    )
    return select(Incident.id).where(
        or_(Incident.id.in_(reported), Incident.latest_update_at >= since)
    )


def hears_update(incident: Incident, ticket: Ticket, *, danger: bool) -> bool:
    """Whether `ticket`, joining `incident` by the surge check, is told its latest update:
    when there is one, unless the ticket tells a danger to people (`danger`) and the update
    was posted before it was opened: that update is not about them (pure)."""
    if incident.latest_update is None:
        return False
    posted = incident.latest_update_at
    return not (danger and posted is not None and posted < ticket.opened_at)
