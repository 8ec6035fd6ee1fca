"""What /new keeps of the inquiry in progress for the new question (`anew.kept`): forwards
waiting to be asked about, and a request for a person or a service whose matter was asked
for; nothing else (issue 14: "人工", then /new, lost the request and the words after it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.intake import inquiry
from bot.intake.anew import Kept, kept, waiting, words_after_command
from bot.models import DialogStep, Requester


def _requester(step: DialogStep | None, last_question: str | None) -> Requester:
    return Requester(
        telegram_user_id=1,
        chat_id=1,
        language="zh",
        dialog_step=step.value if step is not None else None,
        last_question=last_question,
    )


@pytest.mark.parametrize(
    ("step", "last_question", "expected"),
    [
        (DialogStep.MATTER, None, Kept.PERSON),  # "人工": nothing of it is the question
        (DialogStep.MATTER, "我要报修", Kept.SERVICE),
        (DialogStep.ABOUT, '(转发的消息,来自频道"水务")通知:本周六停水', Kept.FORWARD),
        (DialogStep.ABOUT, None, None),
        (DialogStep.CATEGORY, "我上个月提交的材料", None),  # handed over first, not kept
        (DialogStep.CLARIFY, "你好", None),
        (DialogStep.NEW_QUESTION, None, None),
        (None, "社保卡丢了怎么补办", None),
    ],
)
def test_what_new_keeps(
    step: DialogStep | None, last_question: str | None, expected: Kept | None
) -> None:
    assert kept(_requester(step, last_question)) is expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("/new 公积金怎么提取", "公积金怎么提取"),
        (
            "/new@shouwen_bot  How do I withdraw my housing fund?",
            "How do I withdraw my housing fund?",
        ),
        ("/new 路灯坏了\n在幸福路12号", "路灯坏了\n在幸福路12号"),
        ("/new", ""),
        ("/new   ", ""),
    ],
)
def test_the_words_on_the_line_of_new_are_the_question(text: str, words: str) -> None:
    assert words_after_command(text) == words


AT = datetime(2026, 11, 30, 9, tzinfo=UTC)
NOISE = "隔壁工地半夜施工太吵了,我要投诉"
SAID = inquiry.said(NOISE, AT, message_id=5)
OFFERED = inquiry.bot_did("suggest", AT, ["噪音扰民投诉"], templates=["noise-complaint"])


def _inquiring(step: DialogStep | None, turns: list[inquiry.Turn]) -> Requester:
    requester = _requester(step, NOISE)
    requester.inquiry = turns
    return requester


@pytest.mark.parametrize(
    ("step", "turns", "expected"),
    [
        # "did you mean ..." offered, nothing picked: the complaint waits, handed over first
        (None, [SAID, OFFERED], NOISE),
        (DialogStep.CATEGORY, [SAID, inquiry.bot_did("category", AT)], NOISE),
        # "none of these" said: already handed over (or asked its kind), nothing waits here
        (None, [SAID, {**OFFERED, "rejected": True}], None),
        # answered: it may have helped (its buttons say), not a question waiting
        (None, [SAID, inquiry.bot_did("answer", AT, ["噪音扰民投诉"])], None),
        (DialogStep.CLARIFY, [SAID, inquiry.bot_did("clarify", AT)], None),
        (DialogStep.MATTER, [SAID, inquiry.bot_did("matter", AT)], None),  # kept instead
        (None, [], None),
    ],
)
def test_what_waits_for_new_to_hand_over(
    step: DialogStep | None, turns: list[inquiry.Turn], expected: str | None
) -> None:
    assert waiting(_inquiring(step, turns), AT + timedelta(minutes=5)) == expected


def test_options_offered_yesterday_no_longer_wait() -> None:
    assert waiting(_inquiring(None, [SAID, OFFERED]), AT + inquiry.IDLE + timedelta(1)) is None
