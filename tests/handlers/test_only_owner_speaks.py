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

from bot.config import Settings, load_settings
from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.conftest import ROOT
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
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
    """config.yaml, the staff's language as the test says."""
    configured = load_settings(ROOT / "config.yaml")
    languages = configured.languages.model_copy(update={"default": request.param})
    return configured.model_copy(update={"languages": languages})


def _texts(emulator: Emulator, chat_id: int, thread_id: int | None = None) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id, thread_id)]


async def _told(emulator: Emulator, who: int, text: str, **where: object) -> str:
    """What the bot answers `who` writing `text` in the general group (where: thread_id,
    reply_to): its answer, a reply to their message."""
    world = emulator.world
    sent = await world.user_sends(who, text, GENERAL_GROUP, **where)
    assert sent is not None
    mine = sent["message"]["message_id"]

    def answer() -> str | None:
        for line in bot_said(world, GENERAL_GROUP):
            message = world.messages[(GENERAL_GROUP, line.message_id)]
            if message.get("reply_to_message", {}).get("message_id") == mine:
                return str(line.text)
        return None

    await until(answer)
    found = answer()
    assert found is not None
    return found


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
        told = await _told(emulator, who, text, **place)
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
    await _told(emulator, COLLEAGUE, STAFF_TALK, reply_to=card.message_id)
    record = await _told(emulator, OWNER, "/ticket 1")
    assert f"李强 内部备注:{STAFF_TALK}" in record, record
