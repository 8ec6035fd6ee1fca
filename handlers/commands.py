"""Reading a command as Telegram writes it: `/name`, `/name@bot_username`, then the rest.

Picking a command from a group's menu sends `/resolve@<bot username>`; people also write
`/Resolve` (read as `/resolve`, as python-telegram-bot's CommandHandler reads `/Ticket`: one
casing rule for every command, issue 14 item 3) or a command that does not exist there. This
module only reads the text; what a place does with the command is its handler's
(handlers/staff.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a ticket's topic (or a reply to its card) takes besides text for the requester.
IN_TICKET = ("note", "resolve", "transfer", "handoff_due")
_COMMAND = re.compile(r"/(?P<head>[^\s@]+(?:@\S*)?)(?P<rest>.*)", re.DOTALL)
# A text that names a command, as `read` reads one (python-telegram-bot's `filters.Regex`): a
# bare "/" (or "/ text") names none, though Telegram may mark it as a command.
NAMED = r"^/[^\s@]"


@dataclass(frozen=True)
class Command:
    """A command read from a message: `name` without the slash and the `@username`, in lower
    case (`/Resolve` is `resolve`), `rest` the text after it with its line breaks, `to_us`
    False when it names another bot (`/start@other_bot`)."""

    name: str
    rest: str
    to_us: bool = True


def read(text: str, username: str | None) -> Command | None:
    """The command `text` starts with, or None if it is not a command. `username` is the
    bot's own (without '@'), compared as Telegram does, case-insensitively."""
    found = _COMMAND.match(text)
    if found is None:
        return None
    name, at, addressee = found["head"].partition("@")
    to_us = not at or (username is not None and addressee.casefold() == username.casefold())
    return Command(name.lower(), found["rest"].strip(), to_us)


def name_of(text: str | None) -> str:
    """The name of the command `text` starts with, as `read` reads it (`/Mine@bot` is
    `mine`), or "" when it is none: a handler serving several commands tells them apart by
    this, never by the text as written (`/Mine` is `/mine`, not the other one)."""
    command = read(text or "", None)
    return command.name if command is not None else ""
