"""The dangers to people a ticket was told of (issue 14, SPEC rule 9), so that an emergency
stands out wherever staff see it and its requester keeps hearing what to do. Each danger
heard in a requester's own words (at the ticket's opening, or said into it later) is recorded
in the ticket's event log (`told`, `lifecycle.DANGER_TOLD`: its kinds, `bot.hazard`, and the
words that told it), and read back (`of_tickets`) for its card, /queue and /mine, /ticket N
and the acknowledgement of the requester's follow-ups; and the emergency numbers that fit
(`numbers`: all, those for the kinds first; `first_numbers`: those for the kinds alone, all
only for an unclear danger: what the requester is told, the alert names and a follow-up's
acknowledgement repeats)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import hazard, lifecycle
from bot.config import EmergencyNumber, Settings
from bot.models import IN_HAND, Requester, Ticket, TicketEvent
from bot.priority import DEPENDENT, dependent_now, emergency_words
from bot.reading import reading
from bot.rules import Rules

# The kind of a danger told by a configured `emergency` phrase alone (config `keywords`), of
# no kind `bot.hazard` knows: named as a danger, no more.
UNNAMED = "danger"
# Within this span of the last alert about an emergency ticket, words that tell no danger it
# was not told of already are filed without another alert or the numbers again (`news`).
REPEAT_AFTER = timedelta(minutes=10)


def kinds_told(text: str, words: Sequence[str]) -> list[str]:
    """The kinds of danger `text` tells now (`bot.hazard.dangers`, in `hazard.ALL` order);
    `UNNAMED` when only a configured phrase (`words`) told one; none when `words` is empty."""
    text = reading(text)
    if not words:
        return []
    return kinds_now(text) or [UNNAMED]


def kinds_now(text: str) -> list[str]:
    """The kinds of danger `text` tells now, each once: those `bot.hazard` hears, in its
    order; else DEPENDENT for someone on medical equipment in a cut now (`dependent_now`)."""
    text = reading(text)
    heard = merged([[d.kind for d in hazard.dangers(text)]])
    return heard or ([DEPENDENT] if dependent_now(text) else [])


def told(
    session: AsyncSession,
    ticket: Ticket,
    *,
    text: str,
    words: Sequence[str],
    now: datetime,
    actor_id: int | None,
    alerted: bool = True,
) -> list[str]:
    """Record in `ticket`'s log the danger `words` of `text` told (`kinds_told`), and
    whether the supervisors were alerted of it (`news`); return its kinds (none recorded for
    none)."""
    kinds = kinds_told(text, words)
    if kinds:
        session.info.get(_NONE_TOLD, set()).discard(ticket.id)  # told of one now
        data: dict[str, object] = {"kinds": kinds, "words": list(words)}
        if not alerted:
            data["alerted"] = False
        else:  # the requester hears the numbers in full for it (`danger_reminder`)
            session.info.setdefault(_ADVISED, set()).add(ticket.id)
        lifecycle.record(
            session, ticket, lifecycle.DANGER_TOLD, now=now, actor_id=actor_id, data=data
        )
    return kinds


def merged(groups: Iterable[Sequence[str]]) -> list[str]:
    """The kinds of several records as one list, each once, in the order first told."""
    found: list[str] = []
    for kinds in groups:
        found.extend(k for k in kinds if k not in found)
    return found


# Built once: read for every requester's message into a ticket (its acknowledgement) and
# every redrawn card; building the statement cost more than running it.
_TOLD = (
    select(TicketEvent.ticket_id, TicketEvent.data)
    .where(
        TicketEvent.kind == lifecycle.DANGER_TOLD,
        TicketEvent.ticket_id.in_(bindparam("told_tickets", expanding=True)),
    )
    .order_by(TicketEvent.id)
)


async def news(
    session: AsyncSession, ticket: Ticket, kinds: Sequence[str], now: datetime
) -> list[str] | None:
    """What a danger of `kinds` told into `ticket` at `now` adds to what it was told before:
    the kinds new to it (someone unconscious after a cry for help), all of them when the last
    alert about it is REPEAT_AFTER old or it had none; None when it adds nothing (the same cry
    again, within the span): filed, no alert and no numbers again, so that a flood of cries
    is no flood of alerts and numbers."""
    rows = await session.execute(
        select(TicketEvent.at, TicketEvent.data)
        .where(TicketEvent.kind == lifecycle.DANGER_TOLD, TicketEvent.ticket_id == ticket.id)
        .order_by(TicketEvent.id)
    )
    earlier: list[list[str]] = []
    alerted_at: datetime | None = None
    for at, data in rows:
        earlier.append(list(data.get("kinds") or [UNNAMED]))
        if data.get("alerted", True):
            alerted_at = at
    before = merged(earlier)
    new = [k for k in kinds if k not in before]
    if new:
        return new
    if alerted_at is None or now - alerted_at >= REPEAT_AFTER:
        return list(kinds)
    return None


async def endangered(
    session: AsyncSession, rules: Rules, telegram_user_id: int, text: str
) -> bool:
    """Whether a requester writing `text` is in danger, so that no limit against floods
    holds their words back (bot/abuse.py): the words tell one (`emergency_words`), or a
    ticket of theirs in hand was told of one."""
    if text and emergency_words(rules, text):
        return True
    found = await session.scalar(
        select(TicketEvent.id)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .join(Requester, Requester.id == Ticket.requester_id)
        .where(
            Requester.telegram_user_id == telegram_user_id,
            Ticket.status.in_(IN_HAND),
            TicketEvent.kind == lifecycle.DANGER_TOLD,
        )
        .limit(1)
    )
    return found is not None


# Whether a ticket was told of any danger, as a column of a query that loads it (correlated
# with its `tickets` row): read with the ticket, a ticket told of none needs no `of_tickets`
# query in that transaction (`none_told`).
ANY_TOLD = (
    exists()
    .where(TicketEvent.kind == lifecycle.DANGER_TOLD, TicketEvent.ticket_id == Ticket.id)
    .correlate(Ticket)
    .label("any_danger_told")
)
# The session's tickets read (`ANY_TOLD`) as told of no danger in its transaction.
_NONE_TOLD = "tickets_told_of_no_danger"
# The session's tickets told of a danger in its transaction with an alert (`told`): their
# requester hears the emergency reply, the numbers in full.
_ADVISED = "tickets_advised_now"


def none_told(session: AsyncSession, ticket: Ticket | None, any_told: object) -> None:
    """`ticket` was read in this session's transaction with its `ANY_TOLD`: when it was told
    of no danger, `of_tickets` knows so without a query until a danger is recorded into it
    (`told`): the acknowledgement of every requester's message into a ticket, and every card
    redrawn, asked it (a statement each, for the few tickets ever told of one)."""
    if ticket is not None and not any_told:
        session.info.setdefault(_NONE_TOLD, set()).add(ticket.id)


async def of_tickets(session: AsyncSession, ticket_ids: Sequence[int]) -> dict[int, list[str]]:
    """The kinds of danger each of `ticket_ids` was told of (`told`), by ticket; a ticket told
    of none is not in it."""
    if not ticket_ids or session.info.get(_NONE_TOLD, set()).issuperset(ticket_ids):
        return {}
    rows = await session.execute(_TOLD, {"told_tickets": list(ticket_ids)})
    grouped: dict[int, list[list[str]]] = {}
    for ticket_id, data in rows:
        grouped.setdefault(ticket_id, []).append(list(data.get("kinds") or [UNNAMED]))
    return {ticket_id: merged(groups) for ticket_id, groups in grouped.items()}


def _named(number: EmergencyNumber, language: str) -> dict[str, str]:
    return {
        "name": number.names.get(language) or next(iter(number.names.values())),
        "number": number.number,
    }


def numbers(settings: Settings, language: str, kinds: Sequence[str] = ()) -> list[dict[str, str]]:
    """The emergency numbers to tell a requester, all of them: first those for the `kinds`
    of danger heard (config `emergency.numbers` `kinds`: police for a knife, an ambulance for
    someone who does not answer) in the order the kinds come (`bot.hazard.ALL`: the danger
    itself before a plea for help, so someone trapped in a lift who cries "救命" hears the
    lift rescue line before the police), then the rest, each part in config order but that
    a line for a kind among its first comes before one that serves it too (the gas company's
    for a gas leak, then the fire brigade's): [{name, number}], each named in `language`
    (every language is checked in config)."""

    def rank(number: EmergencyNumber) -> tuple[int, int]:
        at = min((n for n, kind in enumerate(kinds) if kind in number.kinds), default=len(kinds))
        return (at, number.kinds.index(kinds[at]) if at < len(kinds) else 0)

    return [_named(n, language) for n in sorted(settings.emergency.numbers, key=rank)]


# Kinds whose advice is to get out first and call from outside, no phone used inside (a gas
# leak, carbon monoxide, a fire, smoke): what asks them to write here (the place, a phone
# number) asks it once they are outside, not while they stay in (`leave_first`).
LEAVE_FIRST = frozenset({"gas", "co", "fire", "smoke"})


def leave_first(kinds: Sequence[str]) -> bool:
    """Whether a danger of `kinds` is one to leave before writing to us (`LEAVE_FIRST`)."""
    return bool(LEAVE_FIRST.intersection(kinds))


# Kinds that tell no danger of their own: a cry for help ("救命", "Help!"), a configured
# phrase of no kind. Heard alone, the danger is unclear.
UNCLEAR = frozenset({"plea", UNNAMED})


def first_numbers(settings: Settings, language: str, kinds: Sequence[str]) -> list[dict[str, str]]:
    """The numbers that fit the danger told (`kinds`), as a clerk names them: those whose
    config `kinds` name a kind of it, the one for it first (`numbers`: the gas company, then
    the fire brigade, for a gas smell; the ambulance alone for someone who fainted); a cry for
    help beside a danger adds nothing (the lift rescue line for someone trapped who cries
    "救命"). All of them, those for the cry first, only when the danger is unclear: a cry
    alone, a configured phrase of no kind (`UNCLEAR`)."""
    clear = [kind for kind in kinds if kind not in UNCLEAR]
    fitting = [n for n in settings.emergency.numbers if set(n.kinds) & set(clear)]
    if not fitting:
        return numbers(settings, language, kinds)
    named = [_named(n, language) for n in fitting]
    return [n for n in numbers(settings, language, clear) if n in named]


def alert_values(settings: Settings, kinds: Sequence[str]) -> dict[str, object]:
    """What an alert about a danger adds (`alert_keyword`): its kinds (`dangers`, named by the
    templates) and the numbers the requester was told first (`first_numbers`), named in the
    staff's language; nothing for no danger (an outage, someone's dialysis alone)."""
    if not kinds:
        return {}
    staff = settings.languages.default
    return {"dangers": list(kinds), "numbers": first_numbers(settings, staff, kinds)}


async def danger_reminder(
    session: AsyncSession, rules: Rules, ticket: Ticket, requester: Requester, text: str
) -> dict[str, object]:
    """What the acknowledgement of a requester's words filed into `ticket` adds when it was
    told of a danger to people (`added_to_ticket`): its kinds (`dangers`: the safety advice
    for the first, briefly, that this service sends no emergency help and the duty staff
    have it) and the numbers to call themselves (`numbers`, `first_numbers`), in their
    language; nothing when it was told of none, or when these words were just answered with
    the emergency reply, the numbers in full (`told` with an alert: the same danger again
    soon after one is answered here, bot/danger_asked.py), or for a message without words
    (a photo, a voice note, a place shared: what they send of the scene is acknowledged as
    any addition is, the advice not said again)."""
    if not text.strip():
        return {}
    told = (await of_tickets(session, [ticket.id])).get(ticket.id, [])
    if not told or ticket.id in session.info.get(_ADVISED, set()):
        return {}
    return {"dangers": told, "numbers": first_numbers(rules.settings, requester.language, told)}
