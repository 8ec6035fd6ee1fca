"""Words beside a ticket in hand: a follow-up stays the ticket's, a plainly other matter is its
own (`bot.intake.follow_up`, issue 14). Precision over recall: no follow-up ever leaves."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake.follow_up import (
    Beside,
    follows_up,
    own_matter,
    shares_characters,
    shares_words,
)

FOLLOW_UPS = [
    "还没修好",
    "还没修好吗?",
    "还没处理好吗?",
    "进展怎么样了?",
    "什么时候来修?",
    "什么时候能处理?",
    "要等多久?",
    "怎么还没人来?",
    "车还在,又堵上了",
    "路灯还是不亮",
    "又坏了",
    "麻烦催一下",
    "我的电话是13800138000",
    "在和平路88号",
    "地址是幸福里3号楼2单元",
    "谢谢",
    "好的,谢谢你们",
    "人工",
    "师傅今天能来吗?",
    "你们到底管不管?",
    "这个问题到底谁负责?",
    "上次说的那个事呢?",
    "我的工单有结果了吗?",
    "没用",
    "Any news?",
    "any update on this?",
    "When will someone come?",
    "When will someone come to fix it?",
    "How long do I have to wait?",
    "It is still not working",
    "The cars are still there",
    "It's broken again",
    "My phone number is 13800138000",
    "The address is 88 Heping Road",
    "Thanks",
    "thank you very much",
    "ok",
    "I want to talk to a person",
    "Is anyone working on my ticket?",
    "Did you get my report?",
    "Nobody has come yet",
    "not fixed",
]
OWN = [
    "我家停电了",
    "The power is out in my flat",
    "社保卡丢了怎么补办?",
    "How do I renew a passport?",
]


@pytest.mark.parametrize("text", FOLLOW_UPS)
def test_a_follow_up_reads_as_one(text: str) -> None:
    assert follows_up(text)


@pytest.mark.parametrize("text", OWN)
def test_a_matter_of_its_own_is_no_follow_up_by_its_words(text: str) -> None:
    assert not follows_up(text)


@pytest.mark.parametrize("text", FOLLOW_UPS)
@given(
    same=st.booleans(),
    fault=st.booleans(),
    ticket_fault=st.booleans(),
    new_supply=st.booleans(),
    question=st.booleans(),
    elsewhere=st.booleans(),
)
def test_a_follow_up_never_leaves_its_ticket_whatever_else_is_said(
    text: str,
    same: bool,
    fault: bool,
    ticket_fault: bool,
    new_supply: bool,
    question: bool,
    elsewhere: bool,
) -> None:
    beside = Beside(follows_up(text), same, fault, ticket_fault, new_supply, question, elsewhere)
    assert not own_matter(beside)


@given(
    follow_up=st.booleans(),
    same=st.booleans(),
    fault=st.booleans(),
    ticket_fault=st.booleans(),
    new_supply=st.booleans(),
    question=st.booleans(),
    elsewhere=st.booleans(),
)
def test_own_matter_needs_another_matter_told(
    follow_up: bool,
    same: bool,
    fault: bool,
    ticket_fault: bool,
    new_supply: bool,
    question: bool,
    elsewhere: bool,
) -> None:
    beside = Beside(follow_up, same, fault, ticket_fault, new_supply, question, elsewhere)
    if own_matter(beside):
        assert not follow_up and not same
        assert (fault and (not ticket_fault or new_supply)) or (question and elsewhere)


def test_a_fault_beside_another_kind_of_ticket_is_its_own() -> None:
    assert own_matter(Beside(follow_up=False, same_matter=False, fault=True))
    # Beside a fault report, only a supply cut its words do not tell.
    beside_fault = Beside(follow_up=False, same_matter=False, fault=True, ticket_fault=True)
    assert not own_matter(beside_fault)
    assert own_matter(
        Beside(follow_up=False, same_matter=False, fault=True, ticket_fault=True, new_supply=True)
    )
    # A question no template places elsewhere stays.
    assert not own_matter(Beside(follow_up=False, same_matter=False, question=True))


@pytest.mark.parametrize(
    ("text", "ticket", "shared"),
    [
        ("路灯还是不亮", "我家门口的路灯坏了,在和平路88号", True),
        ("我家停电了", "我家门口的路灯坏了,在和平路88号", False),
        ("小区停电了", "小区的消防通道被私家车堵死了", False),
        ("消防通道着火了车进不来", "小区的消防通道被私家车堵死了", True),
        ("The power is out in my flat", "The street light outside my door is broken", False),
        ("the street light flickers", "The street light outside my door is broken", True),
        ("What about this?", "The street light outside my door is broken", False),
    ],
)
def test_words_of_a_matter_shared(text: str, ticket: str, shared: bool) -> None:
    assert shares_words(text, ticket) is shared


@pytest.mark.parametrize(
    ("text", "ticket", "shared"),
    [
        ("灯一闪一闪的", "我家门口的路灯坏了三天了", True),
        ("吵得睡不着", "楼上装修太吵了", True),
        # "天" of "三天" and of "天天", "楼", "晚上": no matter told by them.
        ("楼上邻居天天晚上吵得睡不着", "我家门口的路灯坏了三天了", False),
        ("马路上有个大坑", "我家门口的路灯晚上坏了", False),
        ("The light is off", "The street light is broken", False),
    ],
)
def test_characters_of_a_matter_shared(text: str, ticket: str, shared: bool) -> None:
    assert shares_characters(text, ticket) is shared
