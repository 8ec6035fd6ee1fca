"""Readers of a requester's words that remember what they read: one message's first inquiry
reads the same words several times (is it a follow-up, a place alone, a fault, a question of
another matter?), each reading a few dozen regular expressions."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from bot.config import Settings

WORDS_KEPT = 1024  # texts remembered per reader, the least recently read forgotten first

Result = TypeVar("Result")


def remembered(reader: Callable[[str], Result]) -> Callable[[str], Result]:
    """`reader` (a pure function of a text, its result immutable) remembering its last
    WORDS_KEPT answers."""
    return lru_cache(maxsize=WORDS_KEPT)(reader)


class Same:
    """A configuration as a cache key beside a text: the same object (settings never change
    once read; a new configuration is a new object). A cache holding it holds the
    configuration, so that its id is never another's."""

    __slots__ = ("settings",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __hash__(self) -> int:
        return id(self.settings)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.settings is self.settings
