"""A new-user trial: with a street-light ticket open (claimed, the officer had replied), "谢谢",
"好的谢谢", "ok, thanks", "thank you" were filed as the requester's words and copied to the
officer, and the requester heard "已记入工单 #1" or, a minute after another message of theirs,
nothing at all. Thanks alone to a ticket in hand are answered each time ("不客气。工单 #1 仍在
处理中…", bot/thanked.py): kept in its record, not handed to the officer, nothing changed, never
a confirmation; a message after them is acknowledged again. Thanks answering the officer's
question are that answer, passed on. End to end over the emulation, in both languages."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, only_topic, until
from tests.handlers.looks import filed_texts, said_text, ticket_no

App = Application  # type: ignore[type-arg]
UTILITIES, OFFICER = -1000000000103, 100301  # the street lights' department, its officer
LIGHT = {REQUESTER: "我家门口的路灯坏了", ENGLISH: "The street light outside my door is broken"}
MORE = {REQUESTER: "灯杆上的编号是A-123", ENGLISH: "The number on the pole is A-123"}
LATER = {REQUESTER: "旁边那盏也不亮了", ENGLISH: "The one next to it is out too"}
REPAIR = {REQUESTER: "已安排师傅维修", ENGLISH: "A repair crew has been scheduled"}
VISIT = {REQUESTER: "明天上午师傅上门可以吗?", ENGLISH: "Can the crew come tomorrow morning?"}
THANKS = {REQUESTER: ["谢谢", "好的谢谢"], ENGLISH: ["ok, thanks", "thank you"]}
WELCOME = {REQUESTER: "不客气。工单 #1 仍在处理中", ENGLISH: "You're welcome. Ticket #1 is still"}
ADDED = {REQUESTER: "已记入工单 #1", ENGLISH: "Added to ticket #1"}


class Desk:
    """The requester's and the officer's chats with the bot, the desk's clock moved by hand."""

    def __init__(self, emulator: Emulator, clock: DeskClock, user: int) -> None:
        self.world, self.clock, self.user = emulator.world, clock, user
        self.thread: int | None = None

    def heard(self) -> list[str]:
        return [line.text for line in bot_said(self.world, self.user)]

    def in_topic(self, text: str) -> bool:
        return any(text in e.text for e in self.world.transcripts.get(UTILITIES, []))

    async def says(self, text: str) -> list[str]:
        """The requester writes `text` a minute on; what the bot says back (nothing: [])."""
        before = len(self.heard())
        self.clock.now += timedelta(minutes=1)
        await self.world.user_sends(self.user, text)
        await until(lambda: self.in_topic(text) or len(self.heard()) > before)
        with contextlib.suppress(TimeoutError):  # silence is an answer too: none
            await until(lambda: len(self.heard()) > before, seconds=1.5)
        return self.heard()[before:]

    async def officer_says(self, text: str) -> None:
        self.clock.now += timedelta(minutes=1)
        await self.world.user_sends(OFFICER, text, UTILITIES, self.thread)
        await until(lambda: text in said_text(self.world, self.user))

    async def opened_and_claimed(self) -> None:
        await self.world.user_sends(self.user, LIGHT[self.user])
        await until(lambda: "#1" in said_text(self.world, self.user))
        await until(lambda: bool(bot_said(self.world, UTILITIES)))
        card = bot_said(self.world, UTILITIES)[0]
        await self.world.user_presses(OFFICER, UTILITIES, card.message_id, "claim:1")
        self.thread = (await only_topic(self.world, UTILITIES)).thread_id
        await until(lambda: len(self.heard()) >= 2)  # the promise, the claim


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_to_a_ticket_in_hand_are_answered_each_time(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    desk = Desk(emulator, desk_clock, user)
    await desk.opened_and_claimed()
    await desk.officer_says(REPAIR[user])
    first, again = THANKS[user]
    said = await desk.says(first)
    # The owner named in the requester's language (config `also_known_as`).
    owner = "孙伟" if user == REQUESTER else "Sun Wei"
    assert len(said) == 1 and WELCOME[user] in said[0] and owner in said[0], said
    # More words, acknowledged; thanks a minute later, in the same run: answered still.
    assert any(ADDED[user] in line for line in await desk.says(MORE[user]))
    said = await desk.says(again)
    assert len(said) == 1 and WELCOME[user] in said[0], said
    # What follows the thanks starts a run of its own: acknowledged, not met with silence.
    assert any(ADDED[user] in line for line in await desk.says(LATER[user]))
    await until(lambda: desk.in_topic(LATER[user]))
    # Kept in the record, never handed to the officer; the ticket as it was, not resolved.
    assert [first, again] == [t for t in await filed_texts(application, 1) if t in THANKS[user]]
    assert not desk.in_topic(first) and not desk.in_topic(again)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.status is TicketStatus.CLAIMED


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_before_anyone_claimed_the_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    desk = Desk(emulator, desk_clock, user)
    await desk.world.user_sends(user, LIGHT[user])
    await until(lambda: "#1" in said_text(desk.world, user))
    said = await desk.says(THANKS[user][0])
    assert len(said) == 1 and WELCOME[user] in said[0], said
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.status is TicketStatus.OPEN


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_answering_the_officers_question_reach_the_officer(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """ "好的谢谢" to "明天上午师傅上门可以吗?" is a yes the officer needs: passed on, and
    acknowledged as any answer."""
    emulator, _ = running
    desk = Desk(emulator, desk_clock, user)
    await desk.opened_and_claimed()
    await desk.officer_says(VISIT[user])
    answer = THANKS[user][1]
    said = await desk.says(answer)
    assert any(ADDED[user] in line for line in said), said
    await until(lambda: desk.in_topic(answer))
