"""A reader of a requester's words alone remembers what it read (bot/reading.py `read`): one
message's first inquiry asks several readers the same of its words several times
(`wants_person` seven). What one remembers is what a fresh reading finds, and immutable, so
that no caller can change it for the next. No database, no Telegram."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import bot
from bot.reading import read, reading

# What every reader `read` makes runs: how they are told from the desk's other functions.
_READING_FORM = read(lambda text: text).__code__

SAID = [
    "你好",
    "谢谢你们!",
    "我要投诉!!!",
    "人工",
    "human please",
    "停電了",
    "幸福里3号楼停电了,什么时候来电",
    "从3月5号开始幸福里小区就没水了",
    "厨房有股煤气味",
    "I have a question about",
    "my lost social security card, how do I replace it",
    "This is ridiculous!!!",
    "ｈｕｍａｎ",
    "asdfghjkl",
    "解决了,谢谢",
    "不是投诉,就是想问问",
    "第二个",
    "1",
    "",
]


def _readers() -> Iterator[Callable[[str], Any]]:
    """Every reader of the words alone the desk has (`read` over a one-parameter function)."""
    for found in pkgutil.walk_packages(bot.__path__, "bot."):
        if found.name.endswith("__main__"):
            continue  # the command line, run when imported
        module = importlib.import_module(found.name)
        for value in vars(module).values():
            if getattr(value, "__code__", None) is not _READING_FORM:
                continue
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported here: checked where it is made
            if len(inspect.signature(value.__wrapped__).parameters) == 1:
                yield value


READERS = list(_readers())


def test_the_desk_has_readers_of_the_words_alone() -> None:
    names = {reader.__name__ for reader in READERS}
    assert {"wants_person", "has_words", "is_courtesy", "reply_to_answer"} <= names


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SAID) | st.text(max_size=24))
def test_what_a_reader_remembers_is_what_it_reads_anew(text: str) -> None:
    for reader in READERS:
        found = reader(text)
        assert reader(text) is found  # remembered
        assert found == reader.__wrapped__(reading(text)), reader.__name__  # as read anew
        hash(found)  # immutable: no caller can change it for the next


def test_a_reader_of_the_words_alone_reads_each_once() -> None:
    seen: list[str] = []

    @read
    def says_power(text: str) -> bool:
        seen.append(text)
        return "电" in text

    assert says_power("停电了") and says_power("停电了")
    assert says_power("停電了")  # its traditional form is read as the simplified one
    assert not says_power("no water")
    assert seen == ["停电了", "no water"]


def test_a_reader_of_more_than_the_words_reads_each_time() -> None:
    seen: list[str] = []

    @read
    def names(text: str, word: str) -> bool:
        seen.append(text)
        return word in text

    assert names("停电了", "电") and names("停电了", "电")
    assert not names("停电了", "水")
    assert seen == ["停电了"] * 3
