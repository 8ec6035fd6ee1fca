"""Staff groups that change under the bot (issue 15): a group upgraded to a supergroup, the
bot removed from a staff group or left without the right to manage topics. Through the real
Application against the emulation's control API: nothing for the group is lost, the
supervisors and management hear it at once, and the bot goes on where it can."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.models import ChatMove, OutboxMessage, PausedChat, Ticket
from bot.outbox import PARKED
from emulator import groups
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
Sessions = async_sessionmaker[AsyncSession]
OFFICER, SUPERVISOR = 100101, 100190
MANAGEMENT = -1000000000900
NEW_GROUP = int(f"-100{abs(GENERAL_GROUP)}")  # the emulation's id for the supergroup
ROOT = Path(__file__).resolve().parents[2]


async def control(emulator: Emulator, path: str, body: dict[str, Any]) -> Any:
    url = f"http://127.0.0.1:{emulator.port}/control/{path}"
    async with aiohttp.ClientSession() as client, client.post(url, json=body) as answer:
        assert answer.status == 200, await answer.text()
        return await answer.json()


def said(world: Any, chat_id: int, words: str = "", thread: int | None = None) -> list[Any]:
    return [e for e in bot_said(world, chat_id, thread) if words in e.text]


async def rows(application: App, model: Any) -> int:
    async with application.bot_data.desk.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def basic_group(emulator: Emulator) -> None:
    """The general staff group as a basic group, without topics (as groups start out)."""
    chat = emulator.world.chats[GENERAL_GROUP]
    chat.type, chat.is_forum = "group", False


async def a_ticket(emulator: Emulator) -> Any:
    """Ticket #1 of REQUESTER: its card in the general staff group."""
    await emulator.world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)  # the promise
    return card


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
async def test_an_upgraded_staff_group_is_followed_at_once(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    basic_group(emulator)
    await a_ticket(emulator)
    moved = await control(emulator, "migrations", {"chat_id": GENERAL_GROUP, "user_id": OFFICER})
    assert moved["chat"]["id"] == NEW_GROUP
    # The supervisors hear it at once, in their own chat and in management's, with the id.
    await until(lambda: bool(said(world, SUPERVISOR, str(NEW_GROUP))))
    await until(lambda: bool(said(world, MANAGEMENT, "config.yaml")))
    assert await rows(application, ChatMove) == 1
    # What the requester adds goes to the new group; the ticket lives there now.
    await world.user_sends(REQUESTER, "补充:我家三口人")
    await until(lambda: bool(said(world, NEW_GROUP, "补充:我家三口人")))
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(Ticket.staff_chat_id)) == NEW_GROUP
    # Everything addressed to the group from now on goes to the new id.
    desk = application.bot_data.desk
    assert desk.settings.department("general").staff_group_chat_id == NEW_GROUP
    assert len(said(world, GENERAL_GROUP)) == 1  # only the card, before the upgrade


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
async def test_the_cards_of_an_upgraded_group_are_posted_again_in_the_new_one(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    """The old group takes no more messages: an unowned ticket's card there could never be
    claimed. Each ticket in hand gets its card again in the new group, as it reads now, the
    claimed one redrawn as claimed; Claim works there."""
    emulator, application = running
    world = emulator.world
    basic_group(emulator)
    first = await a_ticket(emulator)
    await world.user_presses(OFFICER, GENERAL_GROUP, first.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))
    other = ENGLISH
    await world.user_sends(other, "我想申请公租房,需要什么材料")
    await until(lambda: len(said(world, GENERAL_GROUP, "#2")) == 1)
    await control(emulator, "migrations", {"chat_id": GENERAL_GROUP, "user_id": OFFICER})
    await until(lambda: bool(said(world, NEW_GROUP, "#2")) and bool(said(world, NEW_GROUP, "#1")))
    (card_2,) = said(world, NEW_GROUP, "#2")
    assert card_2.buttons, "the unowned ticket's card offers Claim"
    await until(lambda: "王芳" in said(world, NEW_GROUP, "#1")[0].text)  # redrawn as claimed
    assert not said(world, NEW_GROUP, "#1")[0].buttons
    async with application.bot_data.desk.sessions() as session:
        cards = dict((await session.execute(select(Ticket.id, Ticket.card_message_id))).all())
    assert cards == {1: said(world, NEW_GROUP, "#1")[0].message_id, 2: card_2.message_id}
    await world.user_presses(OFFICER, NEW_GROUP, card_2.message_id, "claim:2")
    await until(lambda: bool(said(world, other, "王芳")))
    assert len(said(world, NEW_GROUP, "#2")) == 1  # one card each, not two


@pytest.mark.parametrize("store", ["sqlite"])
async def test_what_was_queued_for_an_upgraded_group_goes_to_the_new_one(
    running: tuple[Emulator, App],
) -> None:
    """The bot never heard the upgrade's service messages: its next send to the old id gets
    Telegram's 400 with migrate_to_chat_id, and it follows from there, nothing lost."""
    emulator, application = running
    world = emulator.world
    basic_group(emulator)
    await a_ticket(emulator)
    # Synchronous up to here: the updates are taken back before the bot could poll them.
    await groups.migrate(world, GENERAL_GROUP, OFFICER)
    world.updates = [u for u in world.updates if "message" not in u]
    await world.user_sends(REQUESTER, "补充:我家三口人")
    await until(lambda: bool(said(world, NEW_GROUP, "补充:我家三口人")))
    await until(lambda: bool(said(world, SUPERVISOR, str(NEW_GROUP))))
    assert world.counters["error 400"] >= 1  # refused once at the old id
    assert await rows(application, ChatMove) == 1
    # The card, in the old group only, is posted again in the new one: Claim works there.
    await until(lambda: bool(said(world, NEW_GROUP, "#1")))
    (card,) = [e for e in said(world, NEW_GROUP, "#1") if e.buttons]
    await world.user_presses(OFFICER, NEW_GROUP, card.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))
    async with application.bot_data.desk.sessions() as session:
        failed = await session.scalar(
            select(func.count()).where(OutboxMessage.failed_at.is_not(None))
        )
    assert failed == 0


def test_check_config_says_which_id_to_write(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "shouwen.db"
    shutil.copy(sqlite_template, path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO chat_moves VALUES (?, ?, '2026-12-01 06:00:00')",
            (GENERAL_GROUP, NEW_GROUP),
        )
    environment = {**os.environ, "SHOUWEN_DATABASE_URL": f"sqlite+aiosqlite:///{path}"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(ROOT / "config.yaml"), "check-config"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        f"departments.general.staff_group_chat_id: the group {GENERAL_GROUP} was upgraded"
        f" to a supergroup; write {NEW_GROUP} into config.yaml"
    ) in done.stdout


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
async def test_a_removed_bot_parks_what_is_for_the_group_and_resumes_when_back(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    basic_group(emulator)  # the requester's messages go under the card at once
    card = await a_ticket(emulator)
    await control(emulator, "membership", {"chat_id": GENERAL_GROUP, "status": "kicked"})
    # Told at once, before anything failed: the supervisors and management.
    await until(lambda: bool(said(world, SUPERVISOR, "移出")))
    await until(lambda: bool(said(world, MANAGEMENT, "移出")))
    assert await rows(application, PausedChat) == 1
    await world.user_sends(REQUESTER, "补充:我家三口人")
    await world.user_sends(REQUESTER, "补充:租住在幸福路")
    await until(lambda: len(said(world, REQUESTER, "已记入工单 #1")) == 2)

    async def parked() -> bool:
        """Both relayed messages wait in the outbox for the group, parked (with the card's
        edits: it shows the requester's later words, issue 14). Parked, not only unsent: one
        still in the sender's hands when the bot is back is not counted among those waiting."""
        async with application.bot_data.desk.sessions() as session:
            query = select(func.count()).where(
                OutboxMessage.chat_id == GENERAL_GROUP,
                OutboxMessage.template == "relay",
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.failed_at.is_(None),
                OutboxMessage.next_attempt_at >= PARKED,
            )
            return await session.scalar(query) == 2

    await until(parked)
    # Each tried at most once, nothing lost, the supervisors told once.
    assert world.counters["copyMessage"] <= 2
    assert len(said(world, GENERAL_GROUP)) == 1  # the card, before
    assert len(said(world, SUPERVISOR, "移出")) == 1

    await control(emulator, "membership", {"chat_id": GENERAL_GROUP, "status": "administrator"})
    await until(lambda: bool(said(world, SUPERVISOR, "恢复")))
    # The unparked messages go with the dispatcher's next look at the table: on a loaded
    # machine (a full run beside other work) that look has come later than 10 s.
    await until(lambda: len(said(world, GENERAL_GROUP)) == 3, 30)
    assert [e.text for e in said(world, GENERAL_GROUP)[1:]] == [
        "补充:我家三口人",
        "补充:租住在幸福路",
    ]
    assert await rows(application, PausedChat) == 0
    assert "2 条" in said(world, SUPERVISOR, "恢复")[0].text
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))  # and on it goes


async def test_a_staff_group_telegram_no_longer_knows_parks_and_tells_the_supervisors(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    """Telegram answers "chat not found" (the group was deleted, or its id is wrong): what is
    for it waits, as for a removed bot, and the supervisors hear why; it goes once the bot is
    back in the group. Before, the message was given up and nobody was told."""
    emulator, application = running
    world = emulator.world
    basic_group(emulator)
    card = await a_ticket(emulator)
    group = world.chats.pop(GENERAL_GROUP)  # gone from Telegram, no update says so
    await world.user_sends(REQUESTER, "补充:我家三口人")
    await until(lambda: bool(said(world, SUPERVISOR, "找不到该群")))
    await until(lambda: bool(said(world, MANAGEMENT, "找不到该群")))
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(PausedChat.reason)) == "not_found"
        given_up = select(func.count()).where(OutboxMessage.failed_at.is_not(None))
        assert await session.scalar(given_up) == 0

    world.chats[GENERAL_GROUP] = group
    await control(emulator, "membership", {"chat_id": GENERAL_GROUP, "status": "administrator"})
    await until(lambda: bool(said(world, SUPERVISOR, "恢复")))
    await until(lambda: bool(said(world, GENERAL_GROUP, "补充:我家三口人")))
    assert await rows(application, PausedChat) == 0
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_without_the_right_to_manage_topics_the_group_waits_until_given_it(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    card = await a_ticket(emulator)
    rights = {"chat_id": GENERAL_GROUP, "status": "administrator", "can_manage_topics": False}
    await control(emulator, "membership", rights)
    await until(lambda: bool(said(world, SUPERVISOR, "管理话题")))
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))  # the requester hears of it
    assert world.chats[GENERAL_GROUP].topics == {}
    await control(emulator, "membership", {**rights, "can_manage_topics": True})
    topic = await only_topic(world, GENERAL_GROUP)  # opened once the right is back
    await until(lambda: any(e.thread_id == topic.thread_id for e in said(world, GENERAL_GROUP)))
    assert len(said(world, SUPERVISOR, "管理话题")) == 1


async def skipped_copies(application: App) -> int:
    """Copies of the requester's messages marked sent without being sent."""
    async with application.bot_data.desk.sessions() as session:
        query = select(func.count()).where(
            OutboxMessage.template == "relay", OutboxMessage.last_error == "skipped"
        )
        return int(await session.scalar(query) or 0)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_claimed_ticket_gets_its_topic_when_its_group_becomes_a_forum(
    running: tuple[Emulator, App],
) -> None:
    """Claimed in a basic group (no topic: its messages went under the card), the group
    upgraded to a supergroup with topics: the requester's next words reach the ticket's new
    topic, after its introduction (issue 15, D1)."""
    emulator, application = running
    world = emulator.world
    basic_group(emulator)
    card = await a_ticket(emulator)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))
    body = {"chat_id": GENERAL_GROUP, "user_id": OFFICER, "forum": True}
    await control(emulator, "migrations", body)
    await until(lambda: bool(said(world, SUPERVISOR, str(NEW_GROUP))))
    await world.user_sends(REQUESTER, "补充:我家三口人")
    await until(lambda: len(said(world, REQUESTER, "已记入工单 #1")) == 1)
    topic = await only_topic(world, NEW_GROUP)
    in_topic = lambda: said(world, NEW_GROUP, thread=topic.thread_id)  # noqa: E731
    await until(lambda: len(in_topic()) == 2)
    intro, copied = in_topic()
    assert "王芳" in intro.text and "我想申请公租房" in intro.text
    assert copied.text == "补充:我家三口人"
    assert await skipped_copies(application) == 0
    # The officer answers in the topic: it reaches the requester.
    await world.user_sends(OFFICER, "请带户口本", NEW_GROUP, topic.thread_id)
    await until(lambda: bool(said(world, REQUESTER, "请带户口本")))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_what_the_requester_sends_while_the_topic_waits_for_rights_follows_it(
    running: tuple[Emulator, App],
) -> None:
    """Claimed while the bot may not manage topics (the topic's opening waits): what the
    requester writes meanwhile waits too, and reaches the topic after its introduction, in
    order, once the right is back (issue 15, D2)."""
    emulator, application = running
    world = emulator.world
    card = await a_ticket(emulator)
    rights = {"chat_id": GENERAL_GROUP, "status": "administrator", "can_manage_topics": False}
    await control(emulator, "membership", rights)
    await until(lambda: bool(said(world, SUPERVISOR, "管理话题")))
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: bool(said(world, REQUESTER, "王芳")))
    await world.user_sends(REQUESTER, "补充:我家三口人")
    await until(lambda: len(said(world, REQUESTER, "已记入工单 #1")) == 1)
    await world.user_sends(REQUESTER, "补充:租住在幸福路")
    await until(lambda: len(said(world, REQUESTER, "已记入工单 #1")) == 2)
    assert world.chats[GENERAL_GROUP].topics == {}
    await control(emulator, "membership", {**rights, "can_manage_topics": True})
    topic = await only_topic(world, GENERAL_GROUP)
    in_topic = lambda: [e.text for e in said(world, GENERAL_GROUP, thread=topic.thread_id)]  # noqa: E731
    await until(lambda: len(in_topic()) == 3)
    intro, *copies = in_topic()
    assert "我想申请公租房" in intro
    assert copies == ["补充:我家三口人", "补充:租住在幸福路"]
    assert await skipped_copies(application) == 0
    assert len(world.chats[GENERAL_GROUP].topics) == 1


@pytest.mark.parametrize("store", ["sqlite"])
async def test_back_in_the_group_without_the_right_to_manage_topics_is_told(
    running: tuple[Emulator, App],
) -> None:
    """Removed, then added back as an administrator that may not manage topics: the
    supervisors and management hear that it is back but lacks that right (issue 15, D5)."""
    emulator, application = running
    world = emulator.world
    await a_ticket(emulator)
    await control(emulator, "membership", {"chat_id": GENERAL_GROUP, "status": "kicked"})
    await until(lambda: bool(said(world, MANAGEMENT, "移出")))
    rights = {"chat_id": GENERAL_GROUP, "status": "administrator", "can_manage_topics": False}
    await control(emulator, "membership", rights)
    await until(lambda: bool(said(world, SUPERVISOR, "管理话题")))
    await until(lambda: bool(said(world, MANAGEMENT, "管理话题")))
    (told,) = said(world, SUPERVISOR, "管理话题")
    assert "已回到" in told.text
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(PausedChat.reason)) == "no_topic_rights"
    # A new ticket's card reaches the group, as the notice says.
    world.add_user(900777, "张三", "zh")
    await world.user_sends(900777, "我想申请公租房")
    await until(lambda: len(said(world, GENERAL_GROUP, "公租房")) == 2)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_back_in_the_management_chat_the_stale_notice_of_its_absence_is_dropped(
    running: tuple[Emulator, App],
) -> None:
    """The bot leaves the management chat and comes back: the management's members hear
    both in private (the chat itself could not hear the first), and the chat gets only
    that the bot is back, not the notice of its absence that waited for it (issue 15, D8)."""
    emulator, application = running
    world = emulator.world
    manager = application.bot_data.desk.settings.management.user_ids[0]
    await control(emulator, "membership", {"chat_id": MANAGEMENT, "status": "left"})
    await until(lambda: bool(said(world, manager, "不在")))
    await until(lambda: bool(said(world, SUPERVISOR, "不在")))

    async def parked() -> bool:
        async with application.bot_data.desk.sessions() as session:
            query = select(func.count()).where(
                OutboxMessage.chat_id == MANAGEMENT,
                OutboxMessage.template == "staff_group_paused",
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.last_error.startswith("paused"),
            )
            return await session.scalar(query) == 1

    await until(parked)  # the chat's own notice of its absence waits for it
    await control(emulator, "membership", {"chat_id": MANAGEMENT, "status": "member"})
    await until(lambda: bool(said(world, manager, "恢复")))
    await until(lambda: bool(said(world, MANAGEMENT, "恢复")))
    await until(lambda: bool(said(world, SUPERVISOR, "恢复")))
    await world.user_sends(REQUESTER, "我想申请公租房")  # something after, in order
    await until(lambda: bool(said(world, REQUESTER, "工单 #1")))
    assert [e.text for e in said(world, MANAGEMENT) if "不在" in e.text] == []
    assert "没有等待中的消息" in said(world, MANAGEMENT, "恢复")[0].text
