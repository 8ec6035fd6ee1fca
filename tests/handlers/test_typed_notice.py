"""A requester who types an announcement ("通知:本周六停水", "Notice: water will be off this
Saturday") states a fact and asks nothing: a tester's opened an urgent fault ticket at once. A
careful clerk answers from a template that fits, else asks once what they want done about it
(as for a forwarded notice), and the announcement's words never make the ticket their answer
opens urgent. A notice with a problem of their own after it, in one message, is that problem
(a tester's leaking pipe became an urgent water outage); a fault report after a notice is
handled as it would be with no notice before it (a tester's got "did you mean" offers). End
to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103


def _everywhere_but(emulator: Emulator, user: int) -> list[Any]:
    """What the bot said to anyone but the requester (cards, alerts)."""
    world = emulator.world
    return [e for chat in world.transcripts if chat != user for e in bot_said(world, chat)]


async def _ticket(application: App, ticket_id: int) -> Ticket:
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_typed_notice_is_asked_about_not_made_an_urgent_fault(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:本周六停水")
    (asked,) = await bot_lines(emulator, REQUESTER, 1)
    assert "请问您希望我们就这条消息为您做什么" in asked.text and asked.buttons == []
    assert "转发" not in asked.text  # they wrote it
    # No ticket, no card, no keyword alert for the supervisors.
    assert _everywhere_but(emulator, REQUESTER) == []

    answer = "我家有老人,周六能不能送水上门?"
    await world.user_sends(REQUESTER, answer)
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    ticket = await _ticket(application, 1)
    assert ticket.question == "通知:本周六停水\n" + answer
    # The announcement's 停水 is no outage of theirs: the ticket is not raised for it.
    assert ticket.priority == "normal"
    assert not [e for e in bot_said(world, -1000000000900) if "关键词" in e.text]
    # Asked once: the question, then the ticket's promise.
    assert "请问您希望" not in bot_said(world, REQUESTER)[-1].text
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert (
        f"· 诉求人:通知:本周六停水\n· 机器人问其就这条通知想办什么事\n· 诉求人:{answer}"
    ) in card.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_forwarded_notice_does_not_raise_the_ticket_either(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    notice = {"user_id": REQUESTER, "text": "通知:本周六停水", "origin": "channel"}
    await control(emulator, "forwards", notice)
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(REQUESTER, "周六几点能来水?")
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    assert (await _ticket(application, 1)).priority == "normal"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_in_english_a_typed_notice_is_asked_about_in_english(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(ENGLISH, "Notice: water will be off this Saturday")
    (asked,) = await bot_lines(emulator, ENGLISH, 1)
    assert "What would you like us to do about it" in asked.text
    assert "forward" not in asked.text
    assert _everywhere_but(emulator, ENGLISH) == []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_notice_with_their_own_problem_is_their_matter(
    running: tuple[Emulator, App],
) -> None:
    """Words of their own after the notice ("but ours is off already") are a matter: not asked
    about, handled as any report of theirs is."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:本周六停水,但是我家今天就停水了,什么时候恢复?")
    # Their outage, today: the water-outage answer and a ticket at once, as for any report.
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    assert not [e for e in bot_said(world, REQUESTER) if "请问您希望" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_typed_notice_a_template_answers_is_answered(
    running: tuple[Emulator, App],
) -> None:
    """A notice about what the knowledge base answers alone (office hours): its answer, with
    nothing for a person to act on and no ticket."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:市民服务中心办公时间调整")
    (answered,) = await bot_lines(emulator, REQUESTER, 1)
    assert "9:00-12:00" in answered.text and "请问您希望" not in answered.text
    assert _everywhere_but(emulator, REQUESTER) == []


MANAGEMENT = -1000000000900
LEAK_ZH = "另外我家厨房水管漏水了，一直在滴水，怎么办？"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_notice_and_their_own_problem_in_one_message_is_sorted_by_their_problem(
    running: tuple[Emulator, App],
) -> None:
    """A notice typed with a problem of their own after it, in one message (a tester's
    "停水" notice made their leaking pipe an urgent water outage, answered as one): their
    problem decides what it is and how urgent; the notice stays in the ticket as context."""
    emulator, application = running
    world = emulator.world
    text = "通知：本周六停水。" + LEAK_ZH
    await world.user_sends(REQUESTER, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    ticket = await _ticket(application, 1)
    assert (ticket.category, ticket.priority) == ("fault_report", "normal")
    assert ticket.question == text  # every word: their problem whole, the notice with it
    said = [e.text for e in bot_said(world, REQUESTER)]
    # Not answered as the water outage the notice announces, not asked about the notice.
    assert not [t for t in said if "计划停水" in t or "请问您希望" in t]
    assert "已为您登记工单 #1(故障报修)" in said[-1]
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert LEAK_ZH in card.text and "本周六停水" in card.text
    assert "特急" not in card.text
    assert not [e for e in bot_said(world, MANAGEMENT) if "关键词" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    "notice",
    ["Notice: water will be cut off this Saturday.", "Notice: planned water outage on Saturday."],
)
async def test_in_english_a_notice_and_their_own_problem_is_their_problem(
    running: tuple[Emulator, App], notice: str
) -> None:
    emulator, application = running
    world = emulator.world
    own = "Also, my kitchen pipe is leaking, what should I do?"
    await world.user_sends(ENGLISH, f"{notice} {own}")
    await until(lambda: any("#1" in e.text for e in bot_said(world, ENGLISH)))
    ticket = await _ticket(application, 1)
    assert (ticket.category, ticket.priority) == ("fault_report", "normal")
    assert ticket.question == f"{notice} {own}"
    said = [e.text for e in bot_said(world, ENGLISH)]
    assert not [t for t in said if "Planned water outages" in t or "What would you like" in t]
    assert "Your ticket #1 (Fault report) is registered" in said[-1]
    assert not [e for e in bot_said(world, MANAGEMENT) if "关键词" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_notice_before_a_question_the_knowledge_base_answers_gets_its_answer(
    running: tuple[Emulator, App],
) -> None:
    """Their own question after the notice is what is answered: no ticket of the notice."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:本周六停水。另外想问一下社保卡丢了怎么补办?")
    (answered,) = await bot_lines(emulator, REQUESTER, 1)
    assert "社保卡" in answered.text and "计划停水" not in answered.text
    assert _everywhere_but(emulator, REQUESTER) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "notice", "report", "answer", "promise"),
    [
        pytest.param(
            REQUESTER,
            "通知:本周六停水",
            "幸福路23号门口的路灯坏了三天了,找谁修?",
            "路灯由市政照明部门维修",
            "已为您登记工单 #1(故障报修)",
            id="zh-asked-about",
        ),
        pytest.param(
            REQUESTER,
            "通知:市民服务中心办公时间调整",  # answered from a template, not asked about
            "我家门口的路灯不亮了",
            "路灯由市政照明部门维修",
            "已为您登记工单 #1(故障报修)",
            id="zh-answered",
        ),
        pytest.param(
            ENGLISH,
            "Notice: office hours change next week",
            "The street light outside No. 23 Xingfu Road has been broken for three days",
            "the street-lighting department",
            "Your ticket #1 (Fault report) is registered",
            id="en-asked-about",
        ),
    ],
)
async def test_a_fault_report_after_a_notice_is_handled_as_a_first_inquiry_is(
    running: tuple[Emulator, App], user: int, notice: str, report: str, answer: str, promise: str
) -> None:
    """After a typed notice was answered or asked about, a clear fault report of theirs is
    taken as it would be with no notice before it (a tester's got "did you mean" offers: the
    notice asked about was searched with it): the street light's answer, which asks for the
    details, and its ticket at once. The notice stays in the ticket as context."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, notice)
    await bot_lines(emulator, user, 1)
    await world.user_sends(user, report)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    said = [e for e in bot_said(world, user)][1:]
    assert answer in said[0].text and said[0].buttons == []
    assert promise in said[-1].text
    ticket = await _ticket(application, 1)
    assert (ticket.category, ticket.priority) == ("fault_report", "normal")
    assert ticket.question.endswith(report)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("one_message", [False, True])
async def test_is_this_about_me_after_a_notice_goes_to_a_person_with_the_notice(
    running: tuple[Emulator, App], one_message: bool
) -> None:
    """ "这跟我有关吗?" after a notice (its answer, or in the same message): nothing the
    knowledge base knows; a person looks, with the notice before them, not urgent."""
    emulator, application = running
    world = emulator.world
    notice, asked = "通知:本周六停水", "这跟我有关吗?"
    if one_message:
        await world.user_sends(REQUESTER, f"{notice}。{asked}")
    else:
        await world.user_sends(REQUESTER, notice)
        await bot_lines(emulator, REQUESTER, 1)
        await world.user_sends(REQUESTER, asked)
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    assert not [e for e in bot_said(world, REQUESTER) if "您是想问" in e.text]
    ticket = await _ticket(application, 1)
    assert notice in ticket.question and ticket.question.endswith(asked)
    assert (ticket.category, ticket.priority) == ("fault_report", "normal")
