"""Issue 14: a complaint about a member of staff was shown word for word on its card in the
staff group where the one complained of works, its topic opened there, listed with its words
in /queue and /mine and read whole by any officer's /ticket N; what the requester said next
went into that group. A clerk keeps a complaint about a colleague between the requester and
the supervisor who has it: the group's card says only that a complaint is there and that it is
confidential, no topic is opened, lists show no words of it, an ordinary officer's /ticket N
is refused, and the requester's later words go to the supervisor in private, whose reply to
them there reaches the requester. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.models import StaffLink
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import REQUESTER, DeskClock, answer_to, bot_said, until
from tests.handlers.looks import said_text, ticket_no

App = Application  # type: ignore[type-arg]
GENERAL_GROUP = -1000000000101
WANG_FANG, LI_QIANG, DIRECTOR_ZHANG = 100101, 100102, 100190
MANAGEMENT, MANAGER = -1000000000900, 900001
COMPLAINT = "上周在窗口办事的时候李强态度很差,说话很冲,我要投诉他"
LATER = "他还当着排队的人骂我是乡下人"
ANSWER = "您好,我们已约谈当事人,向您郑重致歉"


async def _linked(application: App, chat_id: int, message_id: int) -> bool:
    """Whether the bot's message `message_id` in `chat_id` is linked to its ticket yet (as
    it is recorded sent: a reply before that is a moment too early)."""
    async with application.bot_data.desk.sessions() as session:
        return await session.get(StaffLink, (chat_id, message_id)) is not None


async def _in_private(world: Any, who: int, text: str) -> str:
    """What the bot answers `who` sending `text` in their private chat with it."""
    heard = len(bot_said(world, who))
    await world.user_sends(who, text, who)
    await until(lambda: len(bot_said(world, who)) > heard)
    return "\n".join(e.text for e in bot_said(world, who)[heard:])


def _group_text(world: Any) -> str:
    return "\n".join(e.text or "" for e in bot_said(world, GENERAL_GROUP))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_about_staff_stays_between_requester_and_supervisor(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, COMPLAINT)
    await until(lambda: "#1" in said_text(world, REQUESTER))
    await until(lambda: "#1" in _group_text(world))
    await until(lambda: any(COMPLAINT[:10] in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.owner_id == DIRECTOR_ZHANG, ticket
    # The card says a complaint is there, confidential; none of its words; no topic.
    card = _group_text(world)
    assert "🔒" in card and "保密" in card, card
    assert "态度" not in card and "窗口办事" not in card, card
    # Lists and the record: no words of it for the group's officers.
    queued = await answer_to(emulator, GENERAL_GROUP, WANG_FANG, "/queue")
    assert "态度" not in queued, queued
    mine = await answer_to(emulator, GENERAL_GROUP, DIRECTOR_ZHANG, "/mine")
    assert "#1" in mine and "态度" not in mine and "保密" in mine, mine
    for officer in (WANG_FANG, LI_QIANG):
        record = await answer_to(emulator, GENERAL_GROUP, officer, "/ticket 1")
        assert "态度" not in record and "保密" in record, record
    # The requester's later words: to the supervisor in private, not the group.
    heard = len(bot_said(world, DIRECTOR_ZHANG))
    await world.user_sends(REQUESTER, LATER)
    await until(lambda: any(LATER in e.text for e in bot_said(world, DIRECTOR_ZHANG)[heard:]))
    relayed = next(e for e in bot_said(world, DIRECTOR_ZHANG)[heard:] if LATER in e.text)
    await until(lambda: _linked(application, DIRECTOR_ZHANG, relayed.message_id))
    # The supervisor's reply to them there reaches the requester.
    await world.user_sends(DIRECTOR_ZHANG, ANSWER, DIRECTOR_ZHANG, reply_to=relayed.message_id)
    await until(lambda: ANSWER in said_text(world, REQUESTER))
    assert not world.chats[GENERAL_GROUP].topics, world.chats[GENERAL_GROUP].topics
    group = _group_text(world)
    assert LATER not in group and ANSWER not in group and "乡下人" not in group, group
    assert not any(LATER in e.text for e in bot_said(world, LI_QIANG))


def _everything_said(world: Any) -> str:
    return "\n".join(e.text or "" for chat in list(world.chats) for e in bot_said(world, chat))


HEATED = "李强态度太差了!!打了三次电话都没人理,我要投诉他"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_a_supervisor_has_is_never_alerted_as_unclaimed(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """An angry complaint about 李强 is 张主任's from the start: nobody is told it is not
    claimed yet, neither as it opens (its anger heard too) nor at its claim deadline and
    after; the supervisors hear of it once, as the complaint about 李强 it is."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, HEATED)
    await until(lambda: "#1" in said_text(world, REQUESTER))
    await until(lambda: any(HEATED[:8] in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.owner_id == DIRECTOR_ZHANG, ticket
    for _ in range(8):  # the claim deadline's ladder, step by step, and past it
        desk_clock.now += timedelta(hours=2)
        await sweep(DeskContext(application))
    said = _everything_said(world)
    assert "尚未认领" not in said and "请尽快指派" not in said, said
    alerts = [e.text for e in bot_said(world, DIRECTOR_ZHANG) if e.text.startswith("📣")]
    assert len(alerts) == 1 and "李强" in alerts[0] and "张主任" in alerts[0], alerts


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_angry_complaint_about_a_supervisor_never_reaches_them(
    running: tuple[Emulator, App],
) -> None:
    """张主任, the general window's only supervisor, complained of in anger: the words reach
    management alone, never 张主任 nor a chat of theirs."""
    emulator, _ = running
    world = emulator.world
    angry = "张主任态度太差了!!打了三次电话都没人理,我要投诉他"
    await world.user_sends(REQUESTER, angry)
    await until(lambda: "#1" in said_text(world, REQUESTER))
    await until(lambda: any(angry[:8] in e.text for e in bot_said(world, MANAGER)))
    assert not any(angry[:8] in e.text for e in bot_said(world, DIRECTOR_ZHANG))
    assert not any(angry[:8] in e.text for e in bot_said(world, MANAGEMENT))
    assert angry[:8] not in _group_text(world)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaints_record_is_read_in_private_only(
    running: tuple[Emulator, App],
) -> None:
    """A manager's /ticket 1 in the management chat (where a supervisor complained of may sit
    too), or the supervisor's who has it in the staff group: none of its words there, a
    pointer to ask in private; asked in private, the record whole."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, COMPLAINT)
    await until(lambda: any(COMPLAINT[:10] in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    for chat, reader in ((MANAGEMENT, MANAGER), (GENERAL_GROUP, DIRECTOR_ZHANG)):
        refused = await answer_to(emulator, chat, reader, "/ticket 1")
        assert "态度" not in refused and "窗口办事" not in refused, refused
        assert "私聊" in refused and "/ticket 1" in refused, refused
        record = await _in_private(world, reader, "/ticket 1")
        assert "李强态度很差" in record and "经过" in record, record


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_resolved_in_its_group_keeps_its_summary_out_of_it(
    running: tuple[Emulator, App],
) -> None:
    """张主任 notes and resolves the complaint by replying /note, /resolve to its card in the
    staff group: the requester gets the summary, the group keeps none of either (each message
    taken out of it), and 张主任 hears in private that each was done."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, COMPLAINT)
    await until(lambda: any(COMPLAINT[:10] in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    card = bot_said(world, GENERAL_GROUP)[0]
    heard = len(bot_said(world, DIRECTOR_ZHANG))
    noted = await world.user_sends(
        DIRECTOR_ZHANG, "/note 李强承认当天说话冲", GENERAL_GROUP, reply_to=card.message_id
    )
    assert noted is not None
    await until(lambda: any("备注" in e.text for e in bot_said(world, DIRECTOR_ZHANG)[heard:]))
    await until(lambda: (GENERAL_GROUP, noted["message"]["message_id"]) not in world.messages)
    summary = "已约谈李强本人并批评教育,向诉求人当面致歉"
    sent = await world.user_sends(
        DIRECTOR_ZHANG, f"/resolve {summary}", GENERAL_GROUP, reply_to=card.message_id
    )
    assert sent is not None
    await until(lambda: summary in said_text(world, REQUESTER))
    await until(lambda: any("已办结" in e.text for e in bot_said(world, DIRECTOR_ZHANG)[heard:]))
    await until(lambda: (GENERAL_GROUP, sent["message"]["message_id"]) not in world.messages)
    in_group = [
        m.get("text") or "" for (chat, _), m in world.messages.items() if chat == GENERAL_GROUP
    ]
    assert not any("约谈" in text or "承认" in text for text in in_group), in_group
    assert "约谈" not in _group_text(world) and "承认" not in _group_text(world)


UTILITIES_GROUP, UTILITIES_OFFICER = -1000000000103, 100301


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_handed_to_another_department_stays_confidential_there(
    running: tuple[Emulator, App],
) -> None:
    """张主任 hands the complaint to the utilities department: its group gets the confidential
    form (a complaint about staff is there, for its Accept), none of its words, nor the
    summary and handling 张主任 wrote; accepted there, it says so, still without them."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, COMPLAINT)
    await until(lambda: any(COMPLAINT[:10] in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    card = bot_said(world, GENERAL_GROUP)[0]
    order = "/transfer utilities 李强当天说话冲撞诉求人 | 请核实窗口录像 | 8"
    sent_order = await world.user_sends(
        DIRECTOR_ZHANG, order, GENERAL_GROUP, reply_to=card.message_id
    )
    assert sent_order is not None
    await until(lambda: any("#1" in e.text for e in bot_said(world, UTILITIES_GROUP)))
    # 张主任's order, its summary and handling, is taken out of the general group too.
    ordered = (GENERAL_GROUP, sent_order["message"]["message_id"])
    await until(lambda: ordered not in world.messages)
    await until(lambda: any("撤下" in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    form = "\n".join(e.text for e in bot_said(world, UTILITIES_GROUP))
    assert "🔒" in form and "保密" in form, form
    for words in ("态度", "窗口办事", "说话冲撞", "录像"):
        assert words not in form, form
    # Accepted there, the form says so, still without a word of it.
    (sent,) = [e for e in bot_said(world, UTILITIES_GROUP) if "#1" in e.text]
    await world.user_presses(UTILITIES_OFFICER, UTILITIES_GROUP, sent.message_id, "accept:1")
    await until(lambda: "接收办理" in sent.text)
    assert "🔒" in sent.text and "态度" not in sent.text and "录像" not in sent.text, sent.text
