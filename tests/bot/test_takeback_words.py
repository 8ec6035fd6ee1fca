"""Words that take a withdrawal back (bot/takeback_words.py), words that only wonder whether
to withdraw (bot/withdrawal_words.py `wonders_withdrawing`), and a ticket named when asked
which (bot/intake/which_named.py `ticket_named`): no database."""

from __future__ import annotations

import pytest

from bot.intake.which_named import ticket_named
from bot.takeback_words import takes_back
from bot.withdrawal_words import says_withdrawn, wonders_withdrawing


@pytest.mark.parametrize(
    "text",
    [
        "我没要撤销停电那个!",
        "我不是要取消",
        "撤销错了",
        "点错了",
        "恢复工单",
        "还是要修的",
        "I didn't mean to cancel that",
        "I did not want it withdrawn",
        "Sorry, pressed the wrong button",
        "undo please, I still need it",
    ],
)
def test_words_that_take_a_withdrawal_back(text: str) -> None:
    assert takes_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "谢谢",
        "好的",
        "我家停电了",
        "什么时候恢复供电?",
        "如果还不来就恢复吧",
        "ok thanks",
        "还要办理居住证",  # a matter of its own
        "I still need to know the opening hours",
    ],
)
def test_words_that_do_not(text: str) -> None:
    assert not takes_back(text)


@pytest.mark.parametrize(
    "text",
    ["要不算了?", "要不就撤销了吧", "还是算了?", "maybe just cancel it?", "Should I just cancel?"],
)
def test_words_that_wonder_whether_to_withdraw(text: str) -> None:
    assert wonders_withdrawing(text)
    assert not says_withdrawn(text)


@pytest.mark.parametrize(
    "text",
    [
        "算了,不用了",  # clear: not wondering
        "要不别撤销了?",
        "How do I cancel a complaint?",
        "取消预约要不要带证件?",
        "maybe I should cancel my appointment?",
        "如果明天还不来就算了?",
    ],
)
def test_words_that_do_not_wonder(text: str) -> None:
    assert not wonders_withdrawing(text)


@pytest.mark.parametrize(
    ("text", "ticket_id"),
    [
        ("第二个", 7),
        ("1号", 3),
        ("the first one", 3),
        ("#7", 7),
        ("工单 #7", 7),
        ("Ticket 3.", 3),
        ("2", 7),  # by its place, as the buttons show them
        ("#5", None),  # no ticket of theirs
        ("都不是", None),
        ("1号楼漏水了", None),
    ],
)
def test_a_ticket_named_when_asked_which(text: str, ticket_id: int | None) -> None:
    assert ticket_named(text, [3, 7]) == ticket_id
