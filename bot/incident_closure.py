"""A mass incident resolved at once (SPEC rules 9 and 10): `/incident N resolve <summary>`
resolves every ticket of the incident still in progress, each requester told once in their
language and asked to confirm and rate, as for any resolution (bot/closure.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from bot.closure import resolve_and_tell
from bot.dangers import of_tickets
from bot.errors import DeskError, InvalidInput, NotAllowed, NotFound
from bot.guards import clean_text
from bot.incident_reports import member_cards
from bot.incident_updates import in_languages
from bot.models import ACTIVE_STATUSES, Incident, Requester, Ticket, TicketStatus
from bot.notices import card_refresh, publish
from bot.rules import Rules
from bot.tickets import claim
from bot.transaction import Transaction


@dataclass
class Resolved:
    """What resolving an incident did: `ticket_ids`, the tickets resolved; `left`, those
    still in progress it could not resolve (being transferred, or of a department the one
    resolving does not supervise); `dangers`, those left as a danger to people's own."""

    ticket_ids: list[int] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    # Those telling a danger to people (bot/dangers.py): their own matter, settled on their
    # own (the power back is no rescue of someone trapped), though the updates reached them.
    dangers: list[int] = field(default_factory=list)


async def resolve_incident(
    *, tx: Transaction, rules: Rules, incident_id: int, officer_id: int, text: str
) -> Resolved:
    """Resolve each active ticket of incident `incident_id` with the summary `text` (once per
    language, separated by " | ", as an update: `bot.incident_updates.in_languages`), each
    requester getting the one in their language, else the first. A ticket nobody claimed is
    claimed by `officer_id` first; one being transferred is left as it is. Only a supervisor
    of a department of its tickets, or management, resolves an incident. A ticket telling a
    danger to people is left to be settled on its own (`Resolved.dangers`).

    Raises InvalidInput ("empty_text") for a summary with no words, NotFound when there is
    no such incident (`no_such_incident`) or it has no active ticket (`no_incident`),
    NotAllowed when `officer_id` supervises none of its tickets' departments."""
    cleaned = clean_text(text, "the resolution summary", "summary")
    languages = rules.settings.languages.supported
    texts = in_languages(cleaned, languages)
    if not texts:
        raise InvalidInput("an incident's resolution has no words", "empty_text")
    if await tx.session.get(Incident, incident_id) is None:
        raise NotFound(f"no incident {incident_id}", "no_such_incident", incident_id=incident_id)
    rows = (
        await tx.session.execute(
            select(Ticket.id, Ticket.status, Ticket.department_key, Requester.language)
            .join(Requester, Requester.id == Ticket.requester_id)
            .where(Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
    ).all()
    if not rows:
        raise NotFound(
            f"incident {incident_id} has no active ticket", "no_incident", incident_id=incident_id
        )
    staff = rules.staff
    mine = [
        row
        for row in rows
        if staff.is_management(officer_id) or staff.is_supervisor(officer_id, row.department_key)
    ]
    if not mine:
        raise NotAllowed(f"user {officer_id} supervises no ticket of incident {incident_id}")
    done = Resolved(left=[row.id for row in rows if row not in mine])
    told = await of_tickets(tx.session, [row.id for row in mine])
    for row in mine:
        if row.id in told:
            done.dangers.append(row.id)
            continue
        if row.status is TicketStatus.TRANSFERRING:
            done.left.append(row.id)
            continue
        summary = texts.get(row.language) or next(iter(texts.values()))
        staff_reads = texts.get(rules.settings.languages.default) or next(iter(texts.values()))
        try:
            if row.status is TicketStatus.OPEN:
                claimed = await claim(
                    session=tx.session,
                    rules=rules,
                    ticket_id=row.id,
                    officer_id=officer_id,
                    now=tx.now,
                )
                # Its card no longer offers Claim: it shows its owner (and stays so resolved).
                await publish(tx, rules, [card_refresh(claimed)])
            await resolve_and_tell(
                tx=tx,
                rules=rules,
                ticket_id=row.id,
                officer_id=officer_id,
                summary=summary,
                for_staff=staff_reads,
                others=False,  # the others' cards are redrawn once, below
            )
        except (InvalidInput, NotFound):
            raise  # the summary itself refused (too long): for every ticket alike
        except DeskError:
            done.left.append(row.id)
            continue
        done.ticket_ids.append(row.id)
    done.left.sort()
    # Those left open say how many are: one redraw each, not one a resolution.
    await publish(tx, rules, await member_cards(tx.session, incident_id, but=0))
    return done
