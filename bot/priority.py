"""A ticket's priority: changed by staff, by keywords in the question, or by a surge."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from bot import faults, hazard, lifecycle, peril_needs
from bot.config import Settings
from bot.errors import InvalidInput
from bot.models import ACTIVE_STATUSES, Requester, Ticket
from bot.notices import Audience, Notice
from bot.reading import reading
from bot.remembered import Same
from bot.rules import Rules
from bot.ticket_language import notice_language


def require_unsettled(ticket: Ticket) -> None:
    """InvalidInput ("priority_settled") once the ticket is resolved or closed: its priority
    can no longer change (a button offering to change it is stale)."""
    if ticket.status not in ACTIVE_STATUSES:
        raise InvalidInput(
            f"ticket {ticket.id} is {ticket.status}; its priority is settled",
            "priority_settled",
            ticket_id=ticket.id,
        )


def set_priority(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    priority: str,
    *,
    now: datetime,
    actor_id: int | None,
    reason: str = "",
) -> None:
    """Change a loaded ticket's priority and deadlines, recording the event. A deadline
    promised is never made later, nor set in the past (`bot.sla.kept_promise`)."""
    if priority not in {p.key for p in rules.settings.priorities}:
        raise InvalidInput(f"unknown priority {priority!r}", "unknown_priority", name=priority)
    require_unsettled(ticket)
    if priority == ticket.priority:
        return
    ticket.priority = priority
    rules.change_deadlines(ticket, now)
    lifecycle.record(
        session,
        ticket,
        lifecycle.PRIORITY_CHANGED,
        now=now,
        actor_id=actor_id,
        data={"priority": priority, "reason": reason},
    )


def uses_keyword(text: str, word: str, *, emergency: bool = True) -> bool:
    """Whether `text` uses the configured keyword `word` (case ignored) as happening now
    (`bot.hazard.said_now`): not denied ("打不着火" is no fire, "there is no gas leak"),
    not past, supposed or inside a word for something else; an ordinary keyword (not
    `emergency`: an outage) also not asked about or planned ("明天停电吗")."""
    return hazard.said_now(reading(text), word, emergency=emergency)


def emergency_priority(settings: Settings) -> str:
    """The priority a danger to people demands: the highest of the `emergency` keyword
    rules', else the highest there is."""
    wanted = [r.priority for r in settings.keywords if r.emergency]
    return max(wanted or [p.key for p in settings.priorities], key=settings.priority_rank)


def danger_priority(settings: Settings, words: list[str]) -> str:
    """The priority the danger told by `words` (`emergency_words`) demands: that of the
    `emergency` rules naming them, at least `emergency_priority`."""
    named = [r.priority for r in settings.keywords if r.emergency and set(r.words) & set(words)]
    return max([emergency_priority(settings), *named], key=settings.priority_rank)


def emergency_words(rules: Rules, text: str) -> list[str]:
    """The words in `text` that tell a danger to people now (none: it tells none): those of
    config `keywords` rules marked `emergency` it uses, then those of each kind of danger
    `bot.hazard` hears (smoke in the stairwell, someone stuck in the elevator). SPEC rule
    9: a safety keyword raises priority. The kinds are told only when no configured word
    is: one danger, not named twice."""
    return list(_emergency_words(Same(rules.settings), reading(text)))


@lru_cache(maxsize=1024)
def _emergency_words(same: Same, text: str) -> tuple[str, ...]:
    """`emergency_words`, read once per configuration and text: the path of a requester's
    message asks it of the same words several times (the priority, whether it is a matter
    apart, the reminder). The cache holds the configuration it keys on."""
    folded = text.casefold()
    configured = [
        word
        for rule in same.settings.keywords
        if rule.emergency
        for word in rule.words
        if word.casefold() in folded and uses_keyword(text, word)
    ]
    return tuple(configured or [d.words for d in hazard.dangers(text)] or dependent_now(text))


def dependent_now(text: str) -> list[str]:
    """The words of someone depending on medical equipment or treatment whose supply `text`
    tells is cut now or known to be (`peril_needs.dependent_known`: "没电了,家里有老人用制氧机",
    a notice of a cut on a date): a danger to people (kind `DEPENDENT`), whose requester
    hears the ambulance number and what to do if the device stops. A cut only asked about is
    urgent, no more (`keyword_priority`)."""
    return peril_needs.dependent_known(text)


DEPENDENT = "dependent"  # the kind of danger `dependent_now` tells (bot/dangers.py)


@lru_cache(maxsize=64)
def _cut_named(words: tuple[str, ...]) -> frozenset[str]:
    """The supplies a keyword rule's `words` name cut ("停电": power), read once per
    configuration (`faults.cut_supplies`)."""
    return frozenset().union(*(faults.cut_supplies(w) for w in words))


def keyword_priority(rules: Rules, text: str, priority: str) -> tuple[str, list[str]]:
    """Raise `priority` to what configured keywords in `text` demand (`uses_keyword`; a
    keyword naming a supply cut, by that cut said now in any words, `faults.cuts_now`), and a
    danger to people heard in it (`bot.hazard`) or someone depending on a supply an outage
    cuts (`dependence`) or a vulnerable one at home without heating (`peril_needs.exposure`)
    to `emergency_priority`; return the words hit."""
    text = reading(text)
    settings = rules.settings
    hits: list[str] = []
    wanted = [priority]
    folded = text.casefold()  # a keyword not in the text at all is not read further
    cuts = faults.cuts_now(text)
    for rule in settings.keywords:
        if rule.emergency:
            continue
        words = [
            w
            for w in rule.words
            if w.casefold() in folded and uses_keyword(text, w, emergency=False)
        ]
        # A keyword that is a supply cut ("停电", "no water") is that cut in any words said
        # now ("整栋楼都没电了", "no power since 8am", "building 3 is dark"): the words told.
        named = _cut_named(tuple(rule.words)) if cuts else frozenset()
        words += [c.words for c in cuts if c.supply in named and c.words not in words]
        if words:
            hits.extend(words)
            wanted.append(rule.priority)
    danger = emergency_words(rules, text)
    if danger:
        hits.extend(w for w in danger if w not in hits)
        wanted.append(danger_priority(settings, danger))
    needs = dependence(text) + peril_needs.exposure(text)
    if needs:
        hits.extend(w for w in needs if w not in hits)
        wanted.append(emergency_priority(settings))
    return max(wanted, key=settings.priority_rank), hits


def dependence(text: str) -> list[str]:
    """What someone in `text` depends on that an outage it names cuts (dialysis, an oxygen
    machine: `bot.peril_needs.dependence`): the ticket is urgent (`emergency_priority`); with
    the supply cut now, a danger (`dependent_now`)."""
    return peril_needs.dependence(text)


def _priority_name(rules: Rules, key: str, language: str) -> str:
    return next(p.names[language] for p in rules.settings.priorities if p.key == key)


def priority_event(
    rules: Rules, ticket: Ticket, language: str, *, was: str | None = None, by: str | None = None
) -> dict[str, object]:
    """The staff's word (`staff_event`, in `language`) of `ticket`'s new priority: its name,
    the resolution deadline, who changed it (`by`, as staff are shown), and, when it came
    down from `was` (the priority it had), `lowered` and that one's name (issue 14: "/priority
    high" on an urgent ticket read "priority is now high", the lowering unsaid; staff may
    lower it on purpose, so it is said, never refused)."""
    keys = [p.key for p in rules.settings.priorities]
    lowered = was in keys and keys.index(ticket.priority) < keys.index(was)
    return {
        "event": "priority",
        "priority": _priority_name(rules, ticket.priority, language),
        "due": ticket.resolution_due_at,
        "by": by,
        "lowered": lowered,
        "was": _priority_name(rules, was, language) if was and lowered else None,
    }


def priority_notices(
    rules: Rules,
    ticket: Ticket,
    requester: Requester,
    *,
    promise_moved: bool,
    by: str | None = None,
    was: str | None = None,
) -> list[Notice]:
    """Who hears of `ticket`'s new priority, in that order: its staff (in its topic, or under
    its card) in the desk's language (`priority_event`: lowered from `was`, by `by`); its
    requester, in theirs, of the new promise when `promise_moved` (its resolution deadline
    changed)."""
    event = priority_event(rules, ticket, rules.settings.languages.default, was=was, by=by)
    notices = [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)]
    if promise_moved:
        promise = {
            "priority": _priority_name(rules, ticket.priority, notice_language(ticket, requester))
        }
        notices.append(
            Notice(
                "new_promise",
                (Audience.REQUESTER,),
                ticket,
                promise,
                requester=requester,
                own_word=True,
            )
        )
    return notices


def raised_for_danger(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    requester: Requester,
    text: str,
    now: datetime,
) -> list[Notice]:
    """A ticket reopened by the requester's words (`text`, "not solved, and now it smells of
    gas") raised to the priority the danger they tell demands (`danger_priority`), as words
    into an active ticket raise it (issue 14: reopened at its old priority, the danger read
    only while it could not be raised): who hears of it (`priority_notices`); nothing for
    words of no danger, or a ticket already that urgent. The caller saves the ticket."""
    words = emergency_words(rules, text)
    wanted = danger_priority(rules.settings, words) if words else None
    if wanted is None or rules.settings.priority_rank(wanted) <= rules.settings.priority_rank(
        ticket.priority
    ):
        return []
    due = ticket.resolution_due_at
    set_priority(session, rules, ticket, wanted, now=now, actor_id=None, reason="keywords")
    moved = ticket.resolution_due_at != due
    return priority_notices(rules, ticket, requester, promise_moved=moved)
