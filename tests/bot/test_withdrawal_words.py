"""Words that withdraw a request, read by their kind (bot/withdrawal_words.py): no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.withdrawal_words import (
    says_withdrawn,
    withdrawal_answer,
    withdrawn_among,
    withdraws_ticket,
)


@pytest.mark.parametrize(
    "text",
    [
        "Forget it, I've sorted it out myself. Please cancel my complaint.",
        "算了,不用了,我自己找物业了",
        "Please cancel my complaint",
        "cancel it please",
        # "cancel" alone in its clause (a fresh tester's finding: filed, once not answered)
        "please cancel",
        "Oh it's working again, please cancel",
        "cancel please",
        "I want to withdraw my request.",
        "You can close this ticket, thanks",
        "Never mind, I fixed it myself",
        "No need any more, thanks",
        "I don’t need help any more",
        "Could you cancel my report?",
        "I no longer need this",
        "We sorted it out ourselves.",
        "不用了,谢谢",
        "不需要派人了",
        "不用麻烦了,我自己修好了",
        "撤销工单",
        "帮我取消这个投诉吧",
        "取消吧",
        "那就算了吧",
        "能不能帮我撤销一下?",
        "我已经自己解决了",
        "请撤回我的报修",
        "I called them after lunch and fixed it myself. Please cancel my complaint",
    ],
)
def test_words_that_withdraw(text: str) -> None:
    assert says_withdrawn(text)


@pytest.mark.parametrize(
    "text",
    [
        "Don't cancel my complaint, I still need help",
        "Please do not withdraw my request",
        "I haven't sorted it out myself",
        "How do I cancel my complaint?",
        "Should I withdraw the ticket?",
        "I need to cancel my appointment",
        "How do I withdraw my housing fund?",
        "cancel my gym membership",
        "the cancel button does not work",
        "Can I cancel?",
        "If nobody comes tomorrow, forget it",
        "I sorted out the paperwork myself but the leak is still there",
        "The lights are still off",
        "取消预约怎么办",
        "别取消我的投诉",
        "不要撤销工单",
        "我没有自己解决",
        "我自己解决不了",
        "不用担心",
        "如果明天还不来就算了",
        "是不是不用了?",
        "怎么撤销投诉",
        "算了吧你们根本不管",
        "取消订单",
        "算了,不用了,还是别撤销了",
        "水还是不行",
        "Please close the ticket once it's fixed",
        "You can close my complaint when the light works again",
        "修好以后再撤销工单",
        "等师傅来过再取消吧",
    ],
)
def test_words_that_do_not(text: str) -> None:
    assert not says_withdrawn(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "Yes please",
        "对,撤销吧",
        "是的",
        "好的,撤销吧",
        "撤销吧",
        "never mind, cancel it",
        # The verb alone, as the question's button says it (were filed, nothing withdrawn).
        "嗯,撤了吧",
        "撤吧",
        "yes withdraw",
        "please withdraw",
        "ok, withdraw it, thanks",
    ],
)
def test_answers_that_withdraw(text: str) -> None:
    assert withdrawal_answer(text) is True


@pytest.mark.parametrize(
    "text", ["撤离", "嗯,撤离", "要撤离吗", "撤退吧", "我想撤", "withdraw money"]
)
def test_evacuating_and_other_verbs_are_no_answer(text: str) -> None:
    """撤离 (evacuate) is no yes: 撤 answers only alone in its clause."""
    assert withdrawal_answer(text) is None


@pytest.mark.parametrize(
    "text",
    ["no, keep it", "No.", "不用撤", "不用撤了", "别撤销", "Keep it open please", "继续办理"],
)
def test_answers_that_keep_it(text: str) -> None:
    assert withdrawal_answer(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "我家在三楼",
        "yes, keep it",
        "hello",
        "I said yes to my neighbour",
        "nobody came",
        "ok",
        "好的谢谢",
        # Not this ticket: another one is meant (a fresh tester's finding: this withdrew it).
        "不是这个,是路灯那个不用了",
        "不是这件事,另一个撤销吧",
        "not this one, cancel the noise complaint",
        "wrong one, cancel the other one",
    ],
)
def test_words_that_answer_neither_way(text: str) -> None:
    assert withdrawal_answer(text) is None


@given(st.text(max_size=40))
def test_an_answer_never_withdraws_what_it_denies(text: str) -> None:
    """Words that say to keep the ticket never withdraw it, whatever else they say."""
    if withdrawal_answer(text) is True:
        assert withdrawal_answer(text + ", keep it open") is None
        assert withdrawal_answer(text + ",不用撤") is None


TWO = {1: "我想申请公租房", 2: "我家门口的路灯坏了"}


@pytest.mark.parametrize("text", ["算了,取消吧", "Never mind, please cancel it.", "不用了"])
def test_withdrawing_beside_two_tickets_naming_neither_may_be_either(text: str) -> None:
    """Issue 14: "Never mind, please cancel it." with two open was asked of one only."""
    assert withdrawn_among(text, TWO) == frozenset({1, 2})


def test_withdrawing_names_the_ticket_by_its_matter() -> None:
    assert withdrawn_among("路灯那个不用了", TWO) == frozenset({2})


@pytest.mark.parametrize("text", ["路灯还没修好", "How do I cancel a complaint?", "谢谢"])
def test_words_that_withdraw_nothing_choose_nothing(text: str) -> None:
    assert withdrawn_among(text, TWO) is None


@pytest.mark.parametrize(
    "text",
    ["I want to cancel my ticket", "我想取消我的工单", "please withdraw the ticket", "撤销工单吧"],
)
def test_words_that_withdraw_a_ticket_named_as_one(text: str) -> None:
    assert withdraws_ticket(text)


@pytest.mark.parametrize(
    "text",
    ["cancel it", "算了,不用了", "cancel my complaint", "How do I cancel a ticket?", "别撤销工单"],
)
def test_words_that_name_no_ticket_or_do_not_withdraw_it(text: str) -> None:
    assert not withdraws_ticket(text)
