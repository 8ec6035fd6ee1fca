"""The ticket number staff write after a command ("/ticket 12", "/link #12"), read. Pure."""

from __future__ import annotations

from bot.errors import InvalidInput, NotFound
from bot.excerpt import excerpt

# Ticket numbers are a 32-bit integer column (PostgreSQL's `integer`): none is larger.
LARGEST_TICKET_NUMBER = 2**31 - 1
WORD_SHOWN = 40  # characters of a word that is no ticket number, as a refusal repeats it


def ticket_number(word: str) -> int:
    """The ticket number in a word staff wrote after a command ("12", "#12", "＃１２"):
    a positive whole number, "#" before it allowed. InvalidInput (reason
    `not_ticket_number`, with `word` shortened to WORD_SHOWN characters) when it is none;
    NotFound (reason `no_ticket`) when no ticket can have it (past LARGEST_TICKET_NUMBER)."""
    digits = word.strip().removeprefix("#").removeprefix("＃")
    if not digits.isdecimal():
        shown = excerpt(word, WORD_SHOWN).text
        raise InvalidInput(f"{word!r} is not a ticket number", "not_ticket_number", word=shown)
    number = int(digits)
    if not 0 < number <= LARGEST_TICKET_NUMBER:
        raise NotFound(f"no ticket {number}", "no_ticket", ticket_id=number)
    return number
