"""A ticket's priority: changed by staff, by keywords in the question, or by a surge."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.classify import denied
from bot.errors import InvalidInput
from bot.models import ACTIVE_STATUSES, Requester, Ticket
from bot.notices import Audience, Notice
from bot.rules import Rules


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
    """Change a loaded ticket's priority and deadlines, recording the event."""
    if priority not in {p.key for p in rules.settings.priorities}:
        raise InvalidInput(f"unknown priority {priority!r}", "unknown_priority", name=priority)
    require_unsettled(ticket)
    if priority == ticket.priority:
        return
    ticket.priority = priority
    rules.set_deadlines(ticket)
    lifecycle.record(
        session,
        ticket,
        lifecycle.PRIORITY_CHANGED,
        now=now,
        actor_id=actor_id,
        data={"priority": priority, "reason": reason},
    )


@lru_cache(maxsize=1024)
def _pattern(word: str) -> re.Pattern[str]:
    """A keyword as found in a casefolded text: Latin words whole, or in the plural
    ("outages" is an outage; "sparkling" is no "spark", "fireworks" no "fire"), Chinese
    anywhere (no spaces between words)."""
    folded = re.escape(word.casefold())
    if not word.isascii():
        return re.compile(folded)
    return re.compile(rf"(?<![a-z0-9]){folded}(?:e?s)?(?![a-z0-9])")


# A Chinese word right after these is denied or undone: "打不着火" (will not light) is no
# "着火" (on fire), "没冒烟" no smoke.
_ZH_NOT = frozenset("不没未无")


def uses_keyword(text: str, word: str) -> bool:
    """Whether `text` uses the configured keyword `word` (case ignored; `_pattern`) other
    than denied: not right after 不/没/未/无 ("打不着火" is no fire), nor in a denial
    (`bot.classify.denied`: "没有燃气泄漏", "there is no gas leak")."""
    folded = text.casefold()
    for found in _pattern(word).finditer(folded):
        start = found.start()
        if start and folded[start - 1] in _ZH_NOT and not word.isascii():
            continue
        if not denied(folded[:start]):
            return True
    return False


def emergency_words(rules: Rules, text: str) -> list[str]:
    """The words of config `keywords` rules marked `emergency` that `text` uses (none: it
    tells no danger to people). SPEC rule 9: a safety keyword raises priority."""
    return [
        word
        for rule in rules.settings.keywords
        if rule.emergency
        for word in rule.words
        if uses_keyword(text, word)
    ]


def keyword_priority(rules: Rules, text: str, priority: str) -> tuple[str, list[str]]:
    """Raise `priority` to what configured keywords in `text` demand (`uses_keyword`);
    return the words hit."""
    hits: list[str] = []
    for rule in rules.settings.keywords:
        words = [w for w in rule.words if uses_keyword(text, w)]
        if words:
            hits.extend(words)
            if rules.settings.priority_rank(rule.priority) > rules.settings.priority_rank(
                priority
            ):
                priority = rule.priority
    return priority, hits


def _priority_name(rules: Rules, key: str, language: str) -> str:
    return next(p.names[language] for p in rules.settings.priorities if p.key == key)


def priority_notices(
    rules: Rules, ticket: Ticket, requester: Requester, *, promise_moved: bool
) -> list[Notice]:
    """Who hears of `ticket`'s new priority, in that order: its staff (in its topic, or under
    its card) in the desk's language, with the new resolution deadline; its requester, in
    theirs, of the new promise when `promise_moved` (its resolution deadline changed)."""
    staff = rules.settings.languages.default
    event = {
        "event": "priority",
        "priority": _priority_name(rules, ticket.priority, staff),
        "due": ticket.resolution_due_at,
    }
    notices = [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)]
    if promise_moved:
        promise = {"priority": _priority_name(rules, ticket.priority, requester.language)}
        notices.append(
            Notice("new_promise", (Audience.REQUESTER,), ticket, promise, requester=requester)
        )
    return notices
