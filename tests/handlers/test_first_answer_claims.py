"""Who answers a ticket's requester first takes responsibility for it (issue 14's tester: before
anyone claimed a ticket, any officer's reply under its card reached the requester, remarks
meant for colleagues included; another department's officer's reply was refused and kept
nowhere). SPEC rule 1 (首问负责): a human takes the inquiry over by claiming it and becomes
its owner, who talks to the requester. So an officer of the ticket's department who answers
under an unclaimed card claims it by answering: they own it, the card shows it claimed, the
requester hears who owns it (as at a claim) and then the answer; the officer hears it is
theirs now. Anyone else on staff (another department's officer, a supervisor) is kept as an
internal note on the ticket, never sent, and told why. End to end over the emulation, in both
languages of the staff."""

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
OFFICER, SUPERVISOR, OTHER_DEPARTMENT = 100101, 100190, 100201
ASKED = "请问您家几口人?"
REMARK = "这个归社保科吧?"
# What the officer who answered first hears; the card's line once claimed.
YOURS = {
    "zh": "工单 #1 现由您负责",
    "en": "ticket #1 is now yours",
}
CLAIMED = {"zh": "✅ 已由 王芳 认领", "en": "✅ Claimed by 王芳"}
# What another department's officer hears of words under an unclaimed card: not sent, whose.
NOT_OURS = {
    "zh": ("没有发给诉求人", "综合服务窗口", "内部备注"),
    "en": ("did not go to the requester", "General Services", "internal note"),
}
# A note as the owner reads it in the ticket's topic.
NOTE_BY = {
    "zh": "{name} 的内部备注(未发给诉求人):",
    "en": "Internal note by {name} (not sent to the requester): ",
}
# A supervisor: not sent, nobody owns it yet, how to name an owner.
UNCLAIMED = {
    "zh": ("没有发给诉求人", "尚无人认领", "/assign"),
    "en": ("did not go to the requester", "nobody owns", "/assign"),
}
OWNED = {
    "zh": ("没有发给诉求人", "由 王芳 负责"),
    "en": ("did not go to the requester", "owned by 王芳"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


def _heard(emulator: Emulator) -> list[str]:
    return [e.text for e in bot_said(emulator.world, REQUESTER)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("forum", [True, False])
async def test_an_officer_answering_under_an_unclaimed_card_claims_it(
    running: tuple[Emulator, App], settings: Settings, forum: bool
) -> None:
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)  # the promise
    told = await answer_to(emulator, GENERAL_GROUP, OFFICER, ASKED, reply_to=card.message_id)
    assert YOURS[language] in told, told
    # The requester hears who owns it, then the answer.
    await until(lambda: ASKED in _heard(emulator))
    heard = _heard(emulator)
    (owned_at,) = [n for n, text in enumerate(heard) if "王芳" in text and "#1" in text]
    assert owned_at < heard.index(ASKED), heard
    # The card reads claimed, with no Claim button.
    shown = world.messages[(GENERAL_GROUP, card.message_id)]
    await until(lambda: CLAIMED[language] in shown["text"])
    assert not shown.get("reply_markup", {}).get("inline_keyboard")
    if forum:  # the ticket's topic, introduced with what the owner already asked
        topic = await only_topic(world, GENERAL_GROUP)

        def introduction() -> str:
            return "\n".join(e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id))

        await until(lambda: ASKED in introduction())
    # The owner goes on talking to the requester, the ticket is theirs: no second claim.
    pressed = await world.user_presses(SUPERVISOR, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: pressed["callback_query"]["id"] in world.answered)
    assert sum("王芳" in text for text in _heard(emulator)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("forum", [True, False])
async def test_other_staff_words_under_a_card_are_kept_as_their_note_and_they_hear_why(
    running: tuple[Emulator, App], settings: Settings, forum: bool
) -> None:
    emulator, application = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    world.chats[GENERAL_GROUP].members.add(OTHER_DEPARTMENT)  # a colleague sitting in
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)  # the promise
    told = await answer_to(
        emulator, GENERAL_GROUP, OTHER_DEPARTMENT, REMARK, reply_to=card.message_id
    )
    assert all(part in told for part in NOT_OURS[language]), told
    told = await answer_to(
        emulator, GENERAL_GROUP, SUPERVISOR, "谁来接一下", reply_to=card.message_id
    )
    assert all(part in told for part in UNCLAIMED[language]), told
    # Still nobody's: the card keeps its Claim button; the officer claims it.
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: any("王芳" in text for text in _heard(emulator)))
    # Once owned, another department's officer is told who owns it.
    where = {"reply_to": card.message_id}
    told = await answer_to(
        emulator, GENERAL_GROUP, OTHER_DEPARTMENT, "我上次接过他的电话", **where
    )
    assert all(part in told for part in OWNED[language]), told
    if forum:  # the owner reads in the topic the notes from before the claim, and this one
        topic = await only_topic(world, GENERAL_GROUP)

        def in_topic() -> str:
            return "\n".join(e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id))

        await until(lambda: "我上次接过他的电话" in in_topic())
        assert NOTE_BY[language].format(name="陈静") + REMARK in in_topic()
        assert NOTE_BY[language].format(name="张主任") + "谁来接一下" in in_topic()
    heard = "\n".join(_heard(emulator))
    assert REMARK not in heard and "谁来接一下" not in heard and "接过他的电话" not in heard
    async with application.bot_data.desk.sessions() as session:
        notes = list(
            await session.execute(
                select(TicketMessage.author_id, TicketMessage.text).where(
                    TicketMessage.direction == Direction.NOTE,
                    TicketMessage.author_id.is_not(None),
                )
            )
        )
    assert sorted(tuple(n) for n in notes) == sorted(
        [
            (OTHER_DEPARTMENT, REMARK),
            (SUPERVISOR, "谁来接一下"),
            (OTHER_DEPARTMENT, "我上次接过他的电话"),
        ]
    )
