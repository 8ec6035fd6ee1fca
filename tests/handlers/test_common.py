"""Long texts are cut into messages Telegram accepts, losing nothing and cutting no word
that fits in a message (bot/excerpt.py `split_text`)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.excerpt import MAX_MESSAGE, split_text
from tests.handlers.test_whole_input import LONG


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


WORDISH = st.text(
    alphabet=st.sampled_from([*"abcdé 日本語水管漏了。！？.!?\n", "😀", "\u3000"]),
    max_size=3000,
)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12_000), st.integers(2, 200))
def test_parts_fit_and_join_to_the_text(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert "".join(parts) == text
    assert all(_units(part) <= limit for part in parts)
    assert all(parts) or parts == [""]


@given(WORDISH, st.integers(2, 300))
def test_mixed_words_fit_and_join_to_the_text(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert "".join(parts) == text and all(_units(p) <= limit for p in parts)


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=30), min_size=1))
def test_a_word_is_cut_only_when_it_is_longer_than_a_message(words: list[str]) -> None:
    text = " ".join(words)
    parts = split_text(text, 40)
    assert "".join(parts) == text
    assert all(_units(p) <= 40 for p in parts)
    # Every word whole in one part (each is shorter than a part).
    assert sorted(w for p in parts for w in p.split()) == sorted(words)


def test_the_3355_character_question_fits_in_one_message_and_longer_ones_at_sentence_ends() -> (
    None
):
    assert split_text(LONG) == [LONG]
    # Three times as long, one paragraph: cut after a 。, nowhere else.
    longer = LONG * 3
    parts = split_text(longer)
    assert "".join(parts) == longer and len(parts) == 3
    assert all(_units(p) <= MAX_MESSAGE for p in parts)
    assert all(p.endswith("。") for p in parts)


def test_english_is_cut_after_a_sentence_then_between_words_never_inside_one() -> None:
    sentence = " ".join(f"word{n:04d}" for n in range(12)) + ". "
    text = sentence * 120  # about 13,000 characters, no line end
    parts = split_text(text)
    assert "".join(parts) == text and len(parts) == 4
    assert all(p.endswith(". ") for p in parts)
    no_stops = " ".join(f"token{n:05d}" for n in range(2000))  # no sentence end at all
    parts = split_text(no_stops)
    assert "".join(parts) == no_stops
    assert all(re.fullmatch(r"(token\d{5} ?)+", p) for p in parts)


def test_a_long_report_is_cut_at_line_ends() -> None:
    lines = [f"第{n}行:" + "数据" * 30 for n in range(200)]
    parts = split_text("\n".join(lines))
    assert len(parts) > 1 and all(_units(p) <= MAX_MESSAGE for p in parts)
    assert all(part.split("\n")[0].startswith("第") for part in parts)
    assert all(part.endswith("\n") for part in parts[:-1])


def test_a_word_longer_than_a_message_is_cut_and_nothing_else() -> None:
    word = "x" * 5000
    parts = split_text(f"short words {word} end")
    assert parts == ["short words ", "x" * 4096, "x" * 904 + " end"]
    emoji = "😀" * 3000  # two units each: 2,048 to a message
    assert [len(p) for p in split_text(emoji)] == [2048, 952]
