"""An emergency told in the first inquiry is its own matter, end to end over the emulation (a
new-user trial). A fresh requester asked how to replace a lost social security card (answered
from the knowledge base), said hello (asked for more), then "救命!我们小区3号楼电梯里困了人…":
the emergency's ticket held all three texts, was routed by the first (its card in Social
Security, not Utilities, who call the lift's maintainers) and the supervisors' alert quoted
"社保卡丢了怎么补办 你好 救命!…". The emergency's ticket now holds the emergency's words
alone, routed by what they say. And "A man just collapsed in the lobby of your service
centre and he is not breathing" is a medical emergency: the ambulance first, never a fault
report asking for an estate or street name."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, said_text

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
SOCIAL_SECURITY = -1000000000102
UTILITIES = -1000000000103

CARD = {REQUESTER: "社保卡丢了怎么补办", ENGLISH: "How do I replace my social security card?"}
HELLO = {REQUESTER: "你好", ENGLISH: "hello"}
LIFT = {
    REQUESTER: "救命!我们小区3号楼电梯里困了人,一个老人,已经快半小时了,物业电话打不通",
    ENGLISH: "Help! Someone is trapped in the lift of building 3, an old man, for half an hour",
}
EARLIER = {REQUESTER: ("社保卡", "你好"), ENGLISH: ("social security", "hello")}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("small_talk", [True, False])
async def test_an_emergency_after_an_answer_and_small_talk_is_its_own_ticket(
    running: tuple[Emulator, App], user: int, small_talk: bool
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, CARD[user])
    await bot_lines(emulator, user, 1)
    if small_talk:
        await world.user_sends(user, HELLO[user])
        await bot_lines(emulator, user, 2)
    await world.user_sends(user, LIFT[user])
    await until(lambda: "#1" in said_text(world, user))
    tickets = await all_tickets(application)
    assert len(tickets) == 1
    ticket = tickets[0]
    assert ticket.priority == "urgent"
    assert not any(w in ticket.question for w in EARLIER[user]), ticket.question
    assert ("电梯" if user == REQUESTER else "lift") in ticket.question
    # Routed by the emergency: the lift's, Utilities'; nothing of it in Social Security.
    await until(lambda: any("#1" in line.text for line in bot_said(world, UTILITIES)))
    assert not any("#1" in line.text for line in bot_said(world, SOCIAL_SECURITY))
    await until(lambda: any("#1" in line.text for line in bot_said(world, MANAGEMENT)))
    alert = [line.text for line in bot_said(world, MANAGEMENT) if "#1" in line.text]
    assert not any(w in text for text in alert for w in EARLIER[user]), alert
    assert "96333" in said_text(world, user)
    # The requester's /status names the emergency, not the card nor the greeting.
    heard = len(bot_said(world, user))
    await world.user_sends(user, "/status")
    await until(lambda: len(bot_said(world, user)) > heard)
    status = "\n".join(line.text for line in bot_said(world, user)[heard:])
    assert not any(w in status for w in EARLIER[user]), status


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "turns", "lift"),
    [
        (
            REQUESTER,
            ["社保卡丢了怎么补办", "你好", "我想问一下", "公积金"],
            "救命!我们小区3号楼电梯里困了人,一个老人,已经快半小时了,物业电话打不通",
        ),
        (
            ENGLISH,
            [
                "How do I replace my social security card?",
                "hello",
                "I have a question",
                "housing fund",
            ],
            "Help! Someone is trapped in the lift of building 3, an old man, for half an hour",
        ),
    ],
)
async def test_the_trials_whole_inquiry_before_an_emergency_is_set_aside(
    running: tuple[Emulator, App], user: int, turns: list[str], lift: str
) -> None:
    """The trial's inquiry: an answer, a greeting, an opener, another matter, the emergency."""
    emulator, application = running
    world = emulator.world
    for n, text in enumerate(turns, 1):
        await world.user_sends(user, text)
        await bot_lines(emulator, user, n)
    await world.user_sends(user, lift)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.question == lift, ticket.question
    await until(lambda: any("#1" in line.text for line in bot_said(world, UTILITIES)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "place", "lift", "where"),
    [
        (REQUESTER, "我在阳光花园3号楼", "电梯困人了", "阳光花园"),
        (
            ENGLISH,
            "I'm at Sunshine Garden, building 3",
            "Someone is trapped in the lift",
            "Sunshine",
        ),
    ],
)
async def test_a_place_said_just_before_an_emergency_stays_with_it(
    running: tuple[Emulator, App], user: int, place: str, lift: str, where: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, place)
    await bot_lines(emulator, user, 1)
    await world.user_sends(user, lift)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert where in ticket.question and lift in ticket.question, ticket.question
    assert not any(w in said_text(world, user) for w in ASK_PLACE.values())


ASK_PLACE = {"zh": "请告诉我们具体位置", "en": "Please tell us exactly where this is"}
LABEL = "⚠️ 危险:有人昏迷或无反应"  # the alert, in the staff's language


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "place_known"),
    [
        (
            ENGLISH,
            "A man just collapsed in the lobby of your service centre and he is not breathing",
            True,
        ),
        (REQUESTER, "你们服务中心大厅有个人突然倒地,没有呼吸了", True),
        (REQUESTER, "有人晕倒了,没有呼吸了", False),
        (REQUESTER, "一个老人突然倒地不省人事", False),
        (ENGLISH, "Someone collapsed and is not breathing", False),
    ],
)
async def test_someone_down_and_not_breathing_is_a_medical_emergency(
    running: tuple[Emulator, App], user: int, text: str, place_known: bool
) -> None:
    """The ambulance first, what to do for the person; the supervisors alerted of someone
    unconscious; the place asked only when nothing tells it: the desk's own service centre
    is known to its staff."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: "#1" in said_text(world, user))
    first = bot_said(world, user)[0].text
    numbered = [line for line in first.splitlines() if line.startswith("·")]
    assert numbered and numbered[0].endswith("120"), first
    assert ("呼吸通畅" if user == REQUESTER else "airway") in first, first
    asked = ASK_PLACE["zh" if user == REQUESTER else "en"] in said_text(world, user)
    assert asked is not place_known, said_text(world, user)
    (ticket,) = await all_tickets(application)
    assert ticket.priority == "urgent"
    await until(lambda: any("#1" in line.text for line in bot_said(world, MANAGEMENT)))
    alert = [line.text for line in bot_said(world, MANAGEMENT) if "#1" in line.text]
    assert any(a.startswith(LABEL) for a in alert), alert


WAITING = {
    REQUESTER: ("电费被扣了两次", "救命,楼下有人触电了,倒在地上,在幸福里7号楼", "电费"),
    ENGLISH: (
        "My electricity meter reading looks wrong",
        "Help, a man downstairs got an electric shock and is lying on the ground, Xingfuli 7",
        "meter",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_question_waiting_for_its_kind_is_not_the_emergencys(
    running: tuple[Emulator, App], user: int
) -> None:
    """A second trial: "电费被扣了两次" waiting for its kind, then someone electrocuted: the
    alert quoted the bill first and the card opened with it. A question of no thing of the
    danger, asked its kind, is set aside like one answered."""
    emulator, application = running
    world = emulator.world
    question, danger, word = WAITING[user]
    await world.user_sends(user, question)
    (asked,) = await bot_lines(emulator, user, 1)
    assert any(c.startswith("cat:") for c in callbacks_of(asked)), asked.text  # its kind asked
    await world.user_sends(user, danger)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert word not in ticket.question and ticket.priority == "urgent", ticket.question
    await until(lambda: any("#1" in line.text for line in bot_said(world, MANAGEMENT)))
    alert = [line.text for line in bot_said(world, MANAGEMENT) if "#1" in line.text]
    assert not any(word in text for text in alert), alert
