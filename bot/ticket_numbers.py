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


def is_number(word: str) -> bool:
    """Whether `word` is written as a ticket number would be (digits, maybe after "#")."""
    return word.strip().removeprefix("#").removeprefix("＃").isdecimal()


def this_ticket(word: str, here: int) -> bool:
    """Whether `word`, written first after a command in the place of ticket `here` (its topic,
    a reply to its card), names that ticket again ("/priority 13 紧急" in #13's topic, issue
    14): True when it is a number and it is `here`'s; False when it is no number (the
    command's own words). InvalidInput (reason `other_ticket_here`, with `ticket_id` the
    place's ticket and `word`) when it is another ticket's number: a command in one ticket's
    place never acts on another."""
    if not is_number(word):
        return False
    if ticket_number(word) == here:
        return True
    shown = excerpt(word, WORD_SHOWN).text
    raise InvalidInput(
        f"{word!r} names another ticket than #{here}",
        "other_ticket_here",
        ticket_id=here,
        word=shown,
    )
