"""Where a question handed to a person goes: whether a ticket opens now, and the department
whose staff group gets it, as pure functions (bot/intake/decision.py re-exports them)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Handover(StrEnum):
    """What handing a question to a person comes to."""

    OPEN = "open"  # a ticket, now
    ASK_CATEGORY = "ask_category"  # first the requester picks the category (buttons)
    TOO_MANY = "too_many"  # refused politely: the requester has the most open tickets allowed


def handover(*, category: str | None, open_tickets: int, open_ticket_limit: int) -> Handover:
    """Whether a question handed to a person opens a ticket now. The abuse limit comes first
    (config `abuse.open_tickets`), then a category must be known (from cue words or a close
    template; else the requester is asked)."""
    if open_tickets >= open_ticket_limit:
        return Handover.TOO_MANY
    if category is None:
        return Handover.ASK_CATEGORY
    return Handover.OPEN


def route(
    *,
    template_department: str | None,
    category: str,
    by_category: Mapping[str, str],
    default: str,
    topic_department: str | None = None,
) -> str:
    """The department whose staff group gets a new ticket (config `routing`): the department
    of the template the question came close enough to (`template_department`, None when none
    did), else the one its category is routed to, else that of the topic its words name
    (`topic_department`: "公积金" is social security's), else the default (the general
    window)."""
    return template_department or by_category.get(category) or topic_department or default
