"""Each recent ticket's matter words read once for the surge check (bot/surge_words.py)."""

from __future__ import annotations

import json

from bot import surge_words
from bot.intake.close import matter_words


def test_a_ticket_s_words_are_read_once_while_its_question_and_inquiry_stay_the_same() -> None:
    read: list[str] = []

    def reader(question: str, turns: surge_words.Turns) -> str:
        read.append(question)
        return matter_words(question, turns)

    turns = [{"by": "requester", "text": "幸福里停水了", "at": "2026-12-04T08:00:00+00:00"}]
    stored = json.dumps(turns, ensure_ascii=False)
    first = surge_words.read(reader, 900001, "幸福里停水了", stored)
    again = surge_words.read(reader, 900001, "幸福里停水了", stored)
    assert first == again == matter_words("幸福里停水了", turns) and len(read) == 1
    # Erased for retention (another question), or another ticket: read anew.
    assert surge_words.read(reader, 900001, "[erased]", None) == "[erased]"
    surge_words.read(reader, 900002, "幸福里停水了", stored)
    assert len(read) == 3


def test_only_the_latest_tickets_are_kept() -> None:
    def reader(question: str, turns: surge_words.Turns) -> str:
        return question

    for number in range(surge_words.KEPT + 10):
        surge_words.read(reader, number, f"q{number}", None)
    kept = {key[1] for key in surge_words._kept if key[0] is reader}
    assert 0 not in kept and surge_words.KEPT + 9 in kept
    assert len(surge_words._kept) <= surge_words.KEPT
