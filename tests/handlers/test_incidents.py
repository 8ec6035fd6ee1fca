"""A mass incident in Telegram: one /incident update from staff reaches every requester whose
ticket is linked to it (SPEC rule 9), and a mistyped one is answered with its usage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, DeskClock, bot_said, until
from tests.handlers.opening import open_at_desk

App = Application  # type: ignore[type-arg]
OFFICER = 100101
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900
COMPLAINTS = [
    "小区电梯又坏了,老人下不了楼",
    "我们小区电梯又坏了,老人没法下楼",
    "电梯又坏了 老人下不了楼!",
    "小区的电梯又坏了,家里老人下不了楼",
    "小区电梯又坏啦,老人下不了楼了",
]


def _bot_said(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("poster", "place"),
    [(OFFICER, GENERAL_GROUP), (MANAGER, MANAGEMENT_CHAT)],
    ids=["officer", "manager"],
)
async def test_one_incident_update_reaches_every_affected_requester(
    running: tuple[Emulator, App], desk_clock: DeskClock, poster: int, place: int
) -> None:
    """From an officer in their group, or from management in the supervisors' chat (where the
    surge alert goes; management is in no department, and was once silently ignored)."""
    emulator, application = running
    world = emulator.world
    people = [700001 + n for n in range(len(COMPLAINTS))]
    incident_id = None
    for n, (user_id, text) in enumerate(zip(people, COMPLAINTS, strict=True)):
        world.add_user(user_id, f"R{n}", "zh", started=True)  # they wrote to the bot before
        desk_clock.now += timedelta(minutes=3)
        opened = await open_at_desk(
            application, user_id, "zh", question=text, category="complaint"
        )
        incident_id = opened.ticket.incident_id
    assert incident_id is not None  # five alike in a quarter of an hour are one incident

    update = "维修人员已到场,预计今晚18点前恢复运行"
    await world.user_sends(poster, f"/incident {incident_id} {update}", place)
    for user_id in people:
        await until(lambda u=user_id: any(update in t for t in _bot_said(emulator, u)))
    await until(lambda: any("5 位诉求人" in t for t in _bot_said(emulator, place)))

    # Without the text: the refusal and how to write it; nobody else hears anything.
    await world.user_sends(poster, f"/incident {incident_id}", place)
    await until(lambda: any("用法:/incident 事件编号" in t for t in _bot_said(emulator, place)))
    assert all(len(_bot_said(emulator, u)) == 1 for u in people)
    # Nothing but the separator (or spaces around it) is no update either: refused with the
    # usage, never sent to anyone as "|".
    for empty in ("|", "  |  ", "| |"):
        before = len(_bot_said(emulator, place))
        await world.user_sends(poster, f"/incident {incident_id} {empty}", place)
        await until(lambda b=before: len(_bot_said(emulator, place)) > b)
        assert "内容不能为空" in _bot_said(emulator, place)[-1]
        assert "用法:/incident 事件编号" in _bot_said(emulator, place)[-1]
    assert all(len(_bot_said(emulator, u)) == 1 for u in people)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_update_given_in_each_language_reaches_each_requester_in_theirs(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A tester's English requesters got "Update on ticket #15: 供水管网抢修中": the update
    may be written once per language ("中文 | English"), each requester gets theirs; and a
    number that is no incident is said to be none, not "has no ticket in progress"."""
    emulator, application = running
    world = emulator.world
    people = {700101 + n: ("zh" if n < 3 else "en") for n in range(len(COMPLAINTS))}
    incident_id = None
    for (user_id, language), text in zip(people.items(), COMPLAINTS, strict=True):
        world.add_user(user_id, f"R{user_id}", language, started=True)
        desk_clock.now += timedelta(minutes=3)
        opened = await open_at_desk(
            application, user_id, language, question=text, category="complaint"
        )
        incident_id = opened.ticket.incident_id
    assert incident_id is not None

    zh, en = (
        "维修人员已到场,预计今晚18点前恢复运行",
        "Engineers are on site; the lifts run again by 6 pm",
    )
    await world.user_sends(OFFICER, f"/incident {incident_id} {zh} | {en}", GENERAL_GROUP)
    for user_id, language in people.items():
        expected = zh if language == "zh" else en
        await until(lambda u=user_id, e=expected: any(e in t for t in _bot_said(emulator, u)))
    for user_id, language in people.items():
        (heard,) = _bot_said(emulator, user_id)
        assert (zh in heard, en in heard) == (language == "zh", language == "en")
        assert "|" not in heard

    await world.user_sends(OFFICER, "/incident 99 测试", GENERAL_GROUP)
    await until(lambda: any("没有群体性事件 #99" in t for t in _bot_said(emulator, GENERAL_GROUP)))
