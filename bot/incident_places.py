"""A place told after the ticket opened joins the incident there (SPEC rule 9, issue 14): someone
trapped in the lift of "3号楼" is asked where exactly (bot/intake/emergency.py `place_unknown`),
and "在幸福里" told next puts the ticket in the power cut open at 幸福里, as the words would
have, said at once ("幸福里3号楼电梯困人了"); a placeless "停电了" told its estate later joins
that estate's cut the same way. The surge check reads the ticket's words with the place told
(`bot.incidents.detect_surge` `told`)."""

from __future__ import annotations

from bot.desk import Desk
from bot.incidents import detect_surge
from bot.intake.close import area_matter, matter_words, topic
from bot.models import ACTIVE_STATUSES, Ticket
from bot.same_matter import subject
from bot.store import get, save
from bot.transaction import Transaction


def _places(settings_places: tuple[tuple[str, ...], ...], words: str) -> frozenset[str]:
    """The roads and estates `words` name (`bot.same_matter.subject`, config `surge.places`)."""
    return subject(words, None, places=settings_places).places


async def place_told(*, tx: Transaction, desk: Desk, ticket_id: int, text: str) -> bool:
    """Words `text` a requester sent into their ticket `ticket_id`: when the ticket is in no
    incident, named no road or estate, and these words name one, the ticket joins the open
    incident of its matter there, or makes one with the tickets alike there (the surge check,
    its alerts published: the supervisors told, the requester the incident's latest update);
    whether it joined one."""
    places = desk.settings.surge.places
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    if ticket.incident_id is not None or ticket.status not in ACTIVE_STATUSES:
        return False
    if not _places(places, text) or _places(places, _said(ticket)):
        return False  # no place told, or its place was known: nothing new to join by
    surge = await detect_surge(
        session=tx.session,
        rules=desk.rules,
        ticket=ticket,
        now=tx.now,
        topic=lambda words: topic(desk.matcher, words, desk.templates),
        matter_words=matter_words,
        area=lambda found: area_matter(desk.templates, found),
        told=text,
    )
    await save(tx.session, desk.rules, ticket)
    await tx.publish(surge.alerts)
    return ticket.incident_id is not None


def _said(ticket: Ticket) -> str:
    """The ticket's own words: its question and its first inquiry's (`matter_words`)."""
    return matter_words(ticket.question, ticket.inquiry)
