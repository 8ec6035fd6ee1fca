"""An officer presses a card's Claim at the same instant as another officer of the department
answers under the unclaimed card, which claims it too (bot/speaking.py `said_as` CLAIM; issue
14's tester: the answer's words could be lost, the claim winning and the answer dropped, or
the other way round). Nothing said is lost: whoever wins owns the ticket; the other's words
are kept, sent to the requester when they are the new owner's answer, else an internal note
by their writer, who is told so, and which the owner reads in the ticket's topic (before,
words under the card just after the claim were filed but never reached the topic its claim
was opening). Both updates reach the bot in one batch, in either order; end to end over the
emulation, in both languages of the staff. The race between processes on PostgreSQL:
tests/bot/test_claim_and_words.py."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Direction, Ticket, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    replied,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
PRESSER, WRITER = 100101, 100102  # 王芳 presses Claim; 李强 answers under the card
ASKED = "请问您家几口人?"
YOURS = {"zh": "工单 #1 现由您负责", "en": "ticket #1 is now yours"}
OWNED = {
    "zh": ("没有发给诉求人", "由 王芳 负责"),
    "en": ("did not go to the requester", "owned by 王芳"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("pressed_first", [True, False])
async def test_a_claim_and_an_answer_at_once_lose_no_words(
    running: tuple[Emulator, App], settings: Settings, pressed_first: bool
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    # Both in the bot's next batch of updates: neither waits for the other's handling.
    if pressed_first:
        await world.user_presses(PRESSER, GENERAL_GROUP, card.message_id, "claim:1")
    sent = await world.user_sends(WRITER, ASKED, GENERAL_GROUP, reply_to=card.message_id)
    if not pressed_first:
        await world.user_presses(PRESSER, GENERAL_GROUP, card.message_id, "claim:1")
    assert sent is not None
    # What the writer hears, as a reply to their words.
    told = await replied(world, GENERAL_GROUP, sent["message"]["message_id"])
    desk = application.bot_data.desk
    async with desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
        owner = ticket.owner_id
        kept = list(
            await session.execute(
                select(TicketMessage.direction, TicketMessage.author_id).where(
                    TicketMessage.text == ASKED
                )
            )
        )
    assert owner in (PRESSER, WRITER)
    if owner == WRITER:  # the answer claimed it: the requester has it
        assert [tuple(k) for k in kept] == [(Direction.OUT, WRITER)]
        assert YOURS[language] in told
        await until(lambda: any(ASKED in e.text for e in bot_said(world, REQUESTER)))
    else:  # the claim won: the answer is the writer's note, and they hear so and why
        assert [tuple(k) for k in kept] == [(Direction.NOTE, WRITER)]
        assert all(part in told for part in OWNED[language]), told
        assert not any(ASKED in e.text for e in bot_said(world, REQUESTER))
        # The owner reads it where they work on the ticket: its topic.
        topic = await only_topic(world, GENERAL_GROUP)
        await until(
            lambda: any(
                ASKED in (e.text or "") for e in bot_said(world, GENERAL_GROUP, topic.thread_id)
            )
        )
