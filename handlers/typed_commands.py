"""A requester's command typed on a full-width keyboard ("/ｓｔａｔｕｓ", "／ｈｅｌｐ", or
"／status" in a Chinese keyboard's punctuation mode): Telegram's commands are ASCII, so no
CommandHandler takes it (and Telegram marks none in it); read as its ASCII form
(`bot.reading.reading`, as every reader reads their words), it is that command. A name that
is no requester's command gets what any unknown command in private gets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.reading import reading
from handlers import greeting, lookup
from handlers.context import DeskContext

# A text starting with a slash (either width) and a full-width letter, or with a full-width
# slash and any letter ("／status": a Chinese keyboard's punctuation mode; python-telegram-bot's
# `filters.Regex`, on the text).
FULL_WIDTH = r"^(?:[/\uff0f][\uff21-\uff3a\uff41-\uff5a]|\uff0f[A-Za-z])"

# The requester's commands that take no words after them (/new's words are a question:
# handlers/received.py reads it, ASCII only; /lang's word is read from the command's args).
_COMMANDS: dict[str, Callable[[Update, DeskContext], Awaitable[None]]] = {
    "start": greeting.start,
    "help": greeting.help_text,
    "status": lookup.status,
}


def typed(text: str) -> str | None:
    """The requester's command `text` names typed full-width ("/ｓｔａｔｕｓ" → "status",
    "／ＨＥＬＰ" → "help"), None when it names none of `_COMMANDS`."""
    words = reading(text).split()
    if not words or not words[0].startswith("/"):
        return None
    name = words[0].removeprefix("/").partition("@")[0].lower()
    return name if name in _COMMANDS else None


async def run(update: Update, context: DeskContext) -> None:
    """The command a text typed full-width names (`typed`), carried out as typed in ASCII;
    any other such text gets what an unknown command does (`greeting.command`)."""
    message = update.effective_message
    name = typed(message.text or "") if message is not None else None
    await (_COMMANDS[name] if name is not None else greeting.command)(update, context)
