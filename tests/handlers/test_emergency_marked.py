"""An emergency stands out to staff and keeps its requester told what to do (issue 14, SPEC
rule 9; a fresh tester): the supervisors' alert named no danger nor the numbers the requester
was told; the card, /queue and /ticket N showed no danger; a trapped person's follow-ups got
only "已记入工单". A careful clerk marks the ticket with the danger by name wherever staff
see it, and tells the requester again, briefly, what to do now, that help is on its way and
the number to call. End to end over the emulation, staff and requester in each language."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, only_topic, until

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
STAFF = {"general": (100101, -1000000000101), "utilities": (100301, -1000000000103)}
TRAPPED = {
    REQUESTER: "电梯里有人被困了,幸福路4号楼,快来人",
    ENGLISH: "Someone is trapped in the lift of building 4 on Xingfu Road",
}
LATER = {REQUESTER: "我妈还在里面,好害怕", ENGLISH: "My mother is still inside, I am scared"}
MARK = {"zh": "⚠️ 危险:有人被困", "en": "⚠️ DANGER: someone trapped"}
TOLD = {
    "zh": "已告知诉求人先拨打:电梯困人救援 96333",
    "en": "told to call first: Lift rescue 96333",
}
ADVICE = {REQUESTER: "按电梯内的警铃", ENGLISH: "press the alarm button in the lift"}
ADDED = {REQUESTER: "已记入工单 #1", ENGLISH: "Added to ticket #1"}  # claimed: named


async def _ticket(application: App) -> Ticket | None:
    async with application.bot_data.desk.sessions() as session:
        return await session.get(Ticket, 1)


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("settings", "user"), [("zh", REQUESTER), ("en", ENGLISH)], indirect=["settings"]
)
async def test_a_trapped_person_stands_out_and_is_told_again_what_to_do(
    running: tuple[Emulator, App], settings: Settings, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    staff = settings.languages.default
    await world.user_sends(user, TRAPPED[user])
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    ticket = await _ticket(application)
    assert ticket is not None and ticket.priority == "urgent"
    officer, group = STAFF[ticket.handling_department_key]
    # The alert names the danger and the number the requester was told.
    await until(lambda: any(MARK[staff] in t for t in _texts(emulator, MANAGEMENT)))
    (alert,) = [t for t in _texts(emulator, MANAGEMENT) if MARK[staff] in t]
    assert TOLD[staff] in alert, alert
    # The card, /queue and /ticket 1.
    await until(lambda: any("#1" in t for t in _texts(emulator, group)))
    card = next(t for t in _texts(emulator, group) if "#1" in t)
    assert card.startswith(MARK[staff]), card
    before = len(_texts(emulator, group))
    await world.user_sends(officer, "/queue", group)
    await until(lambda: len(_texts(emulator, group)) > before)
    queue = _texts(emulator, group)[before]
    line = next(x for x in queue.splitlines() if "#1" in x)
    assert MARK[staff] in line, queue
    before = len(_texts(emulator, group))
    await world.user_sends(officer, "/ticket 1", group)
    await until(lambda: len(_texts(emulator, group)) > before)
    record = _texts(emulator, group)[before]
    assert record.startswith(MARK[staff]), record
    # Claimed: its topic's introduction leads with the mark too.
    card_id = next(e.message_id for e in bot_said(world, group) if "#1" in e.text)
    await world.user_presses(officer, group, card_id, "claim:1")
    topic = await only_topic(world, group)
    assert topic.name.startswith("⚠️ #1 "), topic.name  # it stands out in the topic list
    await until(lambda: bool(bot_said(world, group, topic.thread_id)))
    assert bot_said(world, group, topic.thread_id)[0].text.startswith(MARK[staff])
    # A follow-up: the safety advice again, the number, and that it was filed.
    heard = len(_texts(emulator, user))
    await world.user_sends(user, LATER[user])
    await until(lambda: any(ADDED[user] in t for t in _texts(emulator, user)[heard:]))
    ack = next(t for t in _texts(emulator, user)[heard:] if ADDED[user] in t)
    assert ADVICE[user] in ack and "96333" in ack, ack
