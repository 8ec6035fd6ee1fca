"""Readers of a requester's words that remember what they read: one message's first inquiry
reads the same words several times (is it a follow-up, a place alone, a fault, a question of
another matter?), each reading a few dozen regular expressions."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

WORDS_KEPT = 1024  # texts remembered per reader, the least recently read forgotten first

Result = TypeVar("Result")


def remembered(reader: Callable[[str], Result]) -> Callable[[str], Result]:
    """`reader` (a pure function of a text, its result immutable) remembering its last
    WORDS_KEPT answers."""
    return lru_cache(maxsize=WORDS_KEPT)(reader)
