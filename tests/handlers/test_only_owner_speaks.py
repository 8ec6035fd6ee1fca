"""Staff talk never reaches the requester (issue 14's tester: a colleague's reply to a claimed
ticket's card, "这个人之前也投诉过,别理他", was relayed to the requester word for word).
Once a ticket is owned, only its owner speaks to the requester (SPEC rule 1; supervisors act
through /assign): anyone else's words where the ticket's words go are kept as their internal
note, the owner reads them (in the topic, or there as a notice when written elsewhere, and in
/ticket N), and the writer is told why in the staff's language. Before a claim, an officer may
still ask the requester under the card (tests/handlers/test_unclaimed_seen.py). End to end
over the emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    answer_to,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OWNER, COLLEAGUE, SUPERVISOR = 100101, 100102, 100190
STAFF_TALK = "这个人之前也投诉过,别理他"
# What the writer is told: it did not go, who owns the ticket, what to do.
TOLD = {
    "zh": ("没有发给诉求人", "由 王芳 负责", "/assign"),
    "en": ("did not go to the requester", "owned by 王芳", "/assign"),
}
NOTED = {"zh": "李强 的内部备注(未发给诉求人):", "en": "Internal note by 李强 (not sent to"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


def _texts(emulator: Emulator, chat_id: int, thread_id: int | None = None) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id, thread_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("forum", [True, False])
async def test_a_non_owners_words_on_a_claimed_ticket_stay_with_the_staff(
    running: tuple[Emulator, App], settings: Settings, forum: bool
) -> None:
    emulator, application = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OWNER, GENERAL_GROUP, card.message_id, "claim:1")
    thread = (await only_topic(world, GENERAL_GROUP)).thread_id if forum else None
    # A colleague replies to the card; a colleague and a supervisor write where the owner
    # talks to the requester (the topic; under the card in a group without topics).
    where = {"thread_id": thread} if forum else {"reply_to": card.message_id}
    writers = [
        (COLLEAGUE, STAFF_TALK, {"reply_to": card.message_id}),
        (COLLEAGUE, "我上次接过他的电话", where),
        (SUPERVISOR, "注意态度", where),
    ]
    for who, text, place in writers:
        told = await answer_to(emulator, GENERAL_GROUP, who, text, **place)
        assert all(part in told for part in TOLD[language]), told
    # The owner still speaks to the requester; nothing of the others' reached them.
    await world.user_sends(OWNER, "请明天上午来窗口", GENERAL_GROUP, **where)
    await until(lambda: "请明天上午来窗口" in _texts(emulator, REQUESTER))
    heard = "\n".join(_texts(emulator, REQUESTER))
    assert not any(text in heard for _, text, _ in writers), heard
    # Kept as each writer's internal note.
    async with application.bot_data.desk.sessions() as session:
        notes = list(
            await session.execute(
                select(TicketMessage.author_id, TicketMessage.text).where(
                    TicketMessage.direction == Direction.NOTE
                )
            )
        )
    assert sorted(tuple(n) for n in notes) == sorted((who, text) for who, text, _ in writers)
    if forum:  # the reply to the card was written outside the topic: the owner reads it there
        shown = _texts(emulator, GENERAL_GROUP, thread)
        assert any(NOTED[language] in t and STAFF_TALK in t for t in shown), shown


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh"], indirect=True)
async def test_ticket_n_names_who_wrote_a_note(running: tuple[Emulator, App]) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OWNER, GENERAL_GROUP, card.message_id, "claim:1")
    await answer_to(emulator, GENERAL_GROUP, COLLEAGUE, STAFF_TALK, reply_to=card.message_id)
    record = await answer_to(emulator, GENERAL_GROUP, OWNER, "/ticket 1")
    assert f"李强 内部备注:{STAFF_TALK}" in record, record
