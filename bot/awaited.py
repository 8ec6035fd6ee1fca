"""The details a ticket in hand still waits for from its requester, as pure functions on plain
values: those the bot asked for when it answered (a template's `handling.ask_for`, kept on the
ticket's first inquiry as its answer turn's `ask_for`) and the requester has not given since,
and those its officer's question, still unanswered, asks for. A clerk who asked for the power
cut's address files the address there when it comes, whatever other matter was opened since
(issue 14, "every word reaches its ticket"). A detail is given in any message after the ask,
read as the first message is (`details.stated`: "灯一直闪", "it keeps flickering" tell what the
lights do), and the card lists it as given, no longer as asked for (`given_since`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.answer_kinds import asks
from bot.details import carried, kind_of, stated


def bot_asked(turns: Sequence[Mapping[str, Any]] | None) -> frozenset[str]:
    """The kinds of detail (bot/details.py) the bot's latest answer in an inquiry's `turns`
    asked for; none when it asked for none."""
    for turn in reversed(turns or ()):
        if turn.get("did") == "answer":
            kinds = (kind_of(item) for item in turn.get("ask_for") or ())
            return frozenset(k for k in kinds if k is not None)
    return frozenset()


def told(said: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The kinds of detail the requester's messages `said` (each its words and content type)
    give: by their words (`details.stated`) or by what they are (`details.carried`)."""
    return frozenset().union(*(_gives(words, content_type) for words, content_type in said))


@functools.lru_cache(maxsize=8192)
def _gives(words: str, content_type: str) -> frozenset[str]:
    """What one message gives (see `told`): kept for the next look, since every message a
    requester files under a ticket that waits for a detail reads all those before it."""
    return stated(words) | carried(content_type)


def awaits(
    *,
    turns: Sequence[Mapping[str, Any]] | None,
    since: Iterable[tuple[str, str]] = (),
    staff_said: str = "",
    staff_waiting: bool = False,
) -> frozenset[str]:
    """The kinds of detail a ticket waits for: those the bot asked for in its first inquiry
    `turns` that none of the requester's messages filed under it `since` (each its words and
    content type) gives (`told`), and, while its staff wait for the requester's answer
    (`staff_waiting`), those their latest message (`staff_said`) asks for (bot/answer_kinds.py
    `asks`: an ID, a card's last digits, which side, besides a template's kinds)."""
    staff = asks(staff_said) if staff_waiting and staff_said else frozenset()
    owed = bot_asked(turns)
    for words, content_type in since:
        if not owed:
            break
        owed -= _gives(words, content_type)
    return owed | staff


def given_since(turns: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`turns` (a first inquiry's, and what the requester said after its ticket opened, in
    order) with each answer's `ask_for` split as the staff read it: the items the
    requester's turns after it give (`told`: their words, a photo, a place shared) under
    `given` (after any given with the question), the rest still under `ask_for`."""
    shown = [dict(turn) for turn in turns]
    for n, turn in enumerate(shown):
        if turn.get("did") != "answer" or not turn.get("ask_for"):
            continue
        after = [
            (t.get("text") or "", t.get("kind") or "text")
            for t in shown[n + 1 :]
            if t.get("by") == "requester"
        ]
        have = told(after)
        items = list(turn["ask_for"])
        turn["ask_for"] = [item for item in items if kind_of(item) not in have]
        # after those given with the question (a photo it came with: `inquiry.bot_did`)
        turn["given"] = [*turn.get("given", ()), *(i for i in items if i not in turn["ask_for"])]
    return shown
