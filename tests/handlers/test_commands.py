"""Reading commands as Telegram writes them (handlers/commands.py): no Telegram, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.commands import Command, read

BOT = "shouwen_bot"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/resolve", Command("resolve", "")),
        ("/resolve@shouwen_bot", Command("resolve", "")),
        ("/resolve@Shouwen_Bot 已修好", Command("resolve", "已修好")),
        ("/resolve 已修好\n明早复查", Command("resolve", "已修好\n明早复查")),
        ("/resolve\n已修好", Command("resolve", "已修好")),
        ("/Resolve 好", Command("resolve", "好")),
        ("/NOTE@Shouwen_Bot 好", Command("note", "好")),
        ("/resolved 已办", Command("resolved", "已办")),
        ("/resolve@other_bot 好", Command("resolve", "好", to_us=False)),
        ("/close@", Command("close", "", to_us=False)),
    ],
)
def test_commands_are_read_as_telegram_writes_them(text: str, expected: Command) -> None:
    assert read(text, BOT) == expected


@pytest.mark.parametrize("text", ["hello", "", "/", "/ resolve", "a /resolve", "／resolve"])
def test_text_that_is_not_a_command(text: str) -> None:
    assert read(text, BOT) is None


@given(st.text(min_size=1).filter(lambda s: not s[0].isspace() and "@" not in s.split()[0]))
def test_nothing_after_the_command_is_lost(rest: str) -> None:
    command = read(f"/note {rest}", BOT)
    assert command is not None and command.name == "note" and command.rest == rest.strip()
