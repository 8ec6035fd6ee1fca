"""The details a ticket in hand still waits for from its requester, as pure functions on plain
values: those the bot asked for when it answered (a template's `handling.ask_for`, kept on the
ticket's first inquiry as its answer turn's `ask_for`) and the requester has not given since,
and those its officer's question, still unanswered, asks for. A clerk who asked for the power
cut's address files the address there when it comes, whatever other matter was opened since
(issue 14, "every word reaches its ticket")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.details import asked, carried, given, kind_of


def bot_asked(turns: Sequence[Mapping[str, Any]] | None) -> frozenset[str]:
    """The kinds of detail (bot/details.py) the bot's latest answer in an inquiry's `turns`
    asked for; none when it asked for none."""
    for turn in reversed(turns or ()):
        if turn.get("did") == "answer":
            kinds = (kind_of(item) for item in turn.get("ask_for") or ())
            return frozenset(k for k in kinds if k is not None)
    return frozenset()


def awaits(
    *,
    turns: Sequence[Mapping[str, Any]] | None,
    since: Iterable[tuple[str, str]] = (),
    staff_said: str = "",
    staff_waiting: bool = False,
) -> frozenset[str]:
    """The kinds of detail a ticket waits for: those the bot asked for in its first inquiry
    `turns` that none of the requester's messages filed under it `since` (each its words and
    content type) gives (`details.given`, `details.carried`), and, while its staff wait for
    the requester's answer (`staff_waiting`), those their latest message (`staff_said`) asks
    for."""
    have: frozenset[str] = frozenset().union(
        *(given(words) | carried(content_type) for words, content_type in since)
    )
    staff = asked(staff_said) if staff_waiting and staff_said else frozenset()
    return (bot_asked(turns) - have) | staff
