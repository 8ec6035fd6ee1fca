"""A question typed in parts, read whole on the sample knowledge base (bot/intake/gathered.py):
what the words gathered over several messages, or the latest alone, find; whether the rest of
a question answered after its first part is more of what that answer says (`holds`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake.decision import Action
from bot.intake.gathered import asked_again, asked_person, found_for, holds, read_whole


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("gathered", "latest", "action", "template"),
    [
        (
            "我有个问题是关于\n社保卡丢了怎么补办",
            "社保卡丢了怎么补办",
            Action.ANSWER,
            "social-card-lost",
        ),
        (
            "hello\nI have a question about\nmy lost social security card, how do I replace it",
            "my lost social security card, how do I replace it",
            Action.ANSWER,
            "social-card-lost",
        ),
        # The whole question far from any template, the latest alone middling: offered.
        ("我想咨询一下我家的事\n公积金怎么提取", "公积金怎么提取", Action.SUGGEST, None),
        ("housing fund\nhow do I get it out", "how do I get it out", Action.SUGGEST, None),
        ("housing fund", "housing fund", None, None),  # a topic alone asks nothing
        # Nothing the knowledge base knows, whichever way it is read.
        ("我家里的事情想找人帮忙看看\n怎么处理比较好", "怎么处理比较好", None, None),
        ("I have a question about", "I have a question about", None, None),
        # Details added ask nothing: no "did you mean" for them.
        (
            "I handed in my papers last month and have heard nothing since\n"
            "The address is 12 Heping Road, unit 3, phone 13800138000",
            "The address is 12 Heping Road, unit 3, phone 13800138000",
            None,
            None,
        ),
        # A person's: a complaint, a fault told, a danger, their own case's state.
        (
            "I handed in my papers last month\nand the clerk at window 3 was rude to me",
            "and the clerk at window 3 was rude to me",
            None,
            None,
        ),
        ("小区门口的路灯\n坏了三天了", "坏了三天了", None, None),
        ("家里\n燃气泄漏了", "燃气泄漏了", None, None),
        ("我的工单\n现在到哪一步了", "现在到哪一步了", None, None),
    ],
)
async def test_the_whole_question_is_read_as_if_typed_in_one_message(
    desk: Desk, gathered: str, latest: str, action: Action | None, template: str | None
) -> None:
    found = read_whole(desk, gathered, latest, None, frozenset())
    assert (found and found.action) == action
    if template is not None:
        assert found is not None and found.best.id == template


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_template_rejected_is_never_found_again(desk: Desk) -> None:
    words = "社保卡丢了怎么补办"
    found = found_for(desk, words, None, frozenset({"social-card-lost"}))
    assert found is None or found.best.id != "social-card-lost"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("before", "latest", "template", "expected"),
    [
        ("社保卡丢了", "怎么补办", "social-card-lost", True),
        ("我想问一下\n社保卡丢了", "怎么补办", "social-card-lost", True),
        ("I lost my social security card", "how do I replace it", "social-card-lost", True),
        (
            "我的社保卡丢了怎么补办",
            "补办以后原来卡里的钱还在吗我担心丢了很着急",
            "social-card-lost",
            False,
        ),
        (
            "my social security card is lost, how do I replace it",
            "will the money on the old card still be there? I'm worried",
            "social-card-lost",
            False,
        ),
        ("水费怎么交", "我家的户号找不到了", "utility-bill-payment", False),
        ("居住证怎么办理", "我是外地的,租房住,没有房东的合同怎么办", "residence-permit", False),
    ],
)
async def test_the_rest_holds_to_the_answer_only_when_it_says_no_more(
    desk: Desk, before: str, latest: str, template: str, expected: bool
) -> None:
    assert holds(desk, before, f"{before}\n{latest}", template, None) is expected


def test_a_person_asked_for_in_the_inquiry_is_theirs() -> None:
    said = {"by": "requester", "text": "社保卡丢了", "at": "2026-11-30T09:00:00+00:00"}
    assert not asked_person([said])
    assert asked_person([{**said, "text": "人工"}, said])
    assert asked_person([{**said, "text": "human"}, said])
    assert asked_person([said, {"by": "requester", "asked": "person", "at": said["at"]}])
    assert not asked_person([said, {"by": "bot", "did": "answer", "at": said["at"]}])


def _turns(*texts: str) -> list[dict[str, str]]:
    """The requester's texts with the bot's answer after the first (an inquiry's turns)."""
    said = [{"by": "requester", "text": t} for t in texts]
    return [said[0], {"by": "bot", "did": "answer"}, *said[1:]]


def test_a_question_asked_again_whole_is_no_part_of_it() -> None:
    assert asked_again(_turns("What are your opening hours?", "what are your opening hours"))
    assert asked_again(_turns("社保卡丢了", "社保卡丢了,怎么补办?"))
    assert asked_again(_turns("水费怎么交", "水费怎么交？"))  # full-width punctuation aside
    # The rest of a question typed in parts is no question asked again.
    assert not asked_again(_turns("社保卡丢了", "怎么补办"))
    assert not asked_again(_turns("my water bill", "how do I pay it"))
    assert not asked_again(_turns("社保卡丢了"))  # nothing said since
