"""Words added in a row to the question waiting for its kind, acknowledged once
(bot/intake/wait_more.py `in_a_row`; pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.intake.inquiry import said
from bot.intake.wait_more import in_a_row

AT = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
QUIET = timedelta(minutes=5)


def _added(at: datetime) -> dict[str, object]:
    return {**said("三月份交的", at), "added": True}


def test_words_after_words_just_added_are_in_a_row() -> None:
    assert in_a_row(_added(AT), said("窗口说一个月", AT + timedelta(seconds=30)), QUIET)


def test_the_first_added_after_a_quiet_spell_or_the_bot_is_acknowledged() -> None:
    later = said("现在五个月了", AT + QUIET)
    assert not in_a_row(_added(AT), later, QUIET)  # a quiet spell
    assert not in_a_row(None, later, QUIET)  # nothing before
    assert not in_a_row({"by": "bot", "did": "remind", "at": AT.isoformat()}, later, QUIET)
    assert not in_a_row(said("我上个月提交的材料", AT), later, QUIET)  # the question itself
    assert not in_a_row(_added(AT), said("x", AT + timedelta(seconds=1)), timedelta(0))
