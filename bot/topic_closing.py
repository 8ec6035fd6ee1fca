"""A ticket's forum topic follows the ticket, as a clerk shuts the folder of a finished case
(issue 14): closed (confirmed, auto-closed, withdrawn), where config `closure.close_topics`
says so, its topic is closed after the last
word about it went there, so nobody goes on writing in a finished case (what still comes about
it goes under its card: handlers/runtime/calls.py); back in hand (reopened as not solved, a
withdrawal taken back), its topic is reopened first, so its staff can write in it again, even
one a person closed after the resolution.

Wordless notices to the ticket's staff: the front turns them into closeForumTopic /
reopenForumTopic on the ticket's topic as it is when sent, and into nothing where the ticket
has no topic or is no longer so (closed and back in hand again meanwhile)."""

from __future__ import annotations

from bot.models import Ticket
from bot.notices import Audience, Notice
from bot.rules import Rules

TOPIC_CLOSE = "topic_close"
TOPIC_REOPEN = "topic_reopen"
TOPIC_STATES = frozenset({TOPIC_CLOSE, TOPIC_REOPEN})


def close_topic(rules: Rules, ticket: Ticket) -> list[Notice]:
    """The notice that closes `ticket`'s topic, where config `closure.close_topics` says so:
    published last of the closing's notices (the outbox keeps a chat's order), so what they
    say reaches the topic before it closes. Off, none: a closed topic takes words from the
    group's administrators only, and officers go on there after a closing (/propose)."""
    if not rules.settings.closure.close_topics:
        return []
    return [Notice(TOPIC_CLOSE, (Audience.TICKET_STAFF,), ticket)]


def reopen_topic(ticket: Ticket) -> Notice:
    """The notice that reopens `ticket`'s topic: published first of the reopening's notices,
    so they, and its staff, find it open."""
    return Notice(TOPIC_REOPEN, (Audience.TICKET_STAFF,), ticket)
