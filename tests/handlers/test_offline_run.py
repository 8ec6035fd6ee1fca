"""The whole service offline: the real Application against the emulation over loopback."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram.ext import Application

from bot import requesters, tickets
from bot.config import Settings
from bot.desk import build_desk
from bot.models import InboundUpdate
from emulator.limits import Fault
from emulator.server import Emulator
from handlers.app import (
    LOCAL_TOKEN,
    Webhook,
    build_application,
    seed_world,
    serving,
)
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    have_written,
    only_topic,
    until,
)

SOCIAL_GROUP = -1000000000102


@pytest.mark.parametrize("store", ["sqlite"])
async def test_greeting_answer_and_ticket(running: tuple[Emulator, Application]) -> None:  # type: ignore[type-arg]
    emulator, _ = running
    await emulator.world.user_sends(REQUESTER, "/start")
    (greeting,) = await bot_lines(emulator, REQUESTER, 1)
    assert "您好" in greeting.text
    await emulator.world.user_sends(REQUESTER, "社保卡丢了怎么补办")
    answer = (await bot_lines(emulator, REQUESTER, 2))[-1]
    assert "挂失" in answer.text
    assert [b["text"] for b in answer.buttons[0]] == ["已解决", "没解决,转人工"]
    # Pressing "not solved" opens a ticket with the question, and the staff group sees it.
    await emulator.world.user_presses(REQUESTER, REQUESTER, answer.message_id, "human")
    promise = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "工单 #1" in promise.text
    # The template it came close to says what kind of case it is, a service request, and
    # which department's group gets it (config.yaml `routing`).
    (card,) = await bot_lines(emulator, SOCIAL_GROUP, 1)
    assert "社保卡丢了怎么补办" in card.text
    assert "业务办理" in card.text
    # While the ticket is open, what the requester writes goes into it.
    await emulator.world.user_sends(REQUESTER, "补充:卡号尾号1234")
    added = (await bot_lines(emulator, REQUESTER, 4))[-1]
    assert "已记入工单 #1" in added.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_english_requester_and_a_sticker(running: tuple[Emulator, Application]) -> None:  # type: ignore[type-arg]
    emulator, _ = running
    await emulator.world.user_sends(ENGLISH, "/start")
    (greeting,) = await bot_lines(emulator, ENGLISH, 1)
    assert greeting.text.startswith("Hello")
    await emulator.world.user_sends_content(
        ENGLISH,
        {
            "sticker": {
                "file_id": "S",
                "file_unique_id": "S",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
    )
    reply = (await bot_lines(emulator, ENGLISH, 2))[-1]
    assert "words and photos" in reply.text  # a sticker is no question: words, please


@pytest.mark.parametrize("store", ["sqlite"])
async def test_webhook_mode(settings: Settings, database_url: str, unused_tcp_port: int) -> None:
    """Updates arrive by webhook (the emulation posts them, with the secret) instead of polling."""
    desk = await build_desk(settings, database_url)
    emulator = Emulator(token=LOCAL_TOKEN)
    seed_world(emulator.world, settings)
    await emulator.start()
    application = build_application(desk, LOCAL_TOKEN, f"http://127.0.0.1:{emulator.port}")
    hook = Webhook(
        url=f"http://127.0.0.1:{unused_tcp_port}/hook",
        port=unused_tcp_port,
        path="hook",
        secret="s3cret",
    )
    # Telegram asks the bot to wait a second before it takes the webhook: it waits, then sets it.
    emulator.faults.add("setWebhook", Fault(429, retry_after=1))
    try:
        async with serving(application, hook):
            from handlers.runtime.jobs import sweep

            # The sweep is on the job queue, from start-up on.
            assert application.job_queue is not None
            assert [job.callback for job in application.job_queue.jobs()] == [sweep]
            assert emulator.world.webhook_url == hook.url
            await emulator.world.user_sends(REQUESTER, "/start")
            (greeting,) = await bot_lines(emulator, REQUESTER, 1)
            assert "您好" in greeting.text
            assert emulator.failed_deliveries == 0
            # Posted by someone without the secret: refused. The same update twice: one reply,
            # and the 200 comes only once it is in the inbox.
            message = emulator.world._message(
                emulator.world.chat(REQUESTER),
                emulator.world.users[REQUESTER],
                {"text": "/help"},
                None,
                None,
            )
            update = {"update_id": 77, "message": message}
            async with aiohttp.ClientSession() as http:
                async with http.post(hook.url, json=update) as forged:
                    assert forged.status == 403
                for _ in range(2):
                    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
                    async with http.post(hook.url, json=update, headers=headers) as answered:
                        assert answered.status == 200
                        async with desk.sessions() as session:
                            stored = await session.get(InboundUpdate, 77)
                        assert stored is not None
            await bot_lines(emulator, REQUESTER, 2)
            await asyncio.sleep(0.3)
            assert len(await bot_lines(emulator, REQUESTER, 2)) == 2
    finally:
        await emulator.stop()


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_whole_case_through_the_staff_group(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    """Ticket → claim → conversation with a photo, notes kept internal → resolve → reopen →
    resolve → rated 5."""
    emulator, _ = running
    world = emulator.world
    officer, other_officer = 100101, 100102
    await world.user_sends(REQUESTER, "我想申请公租房")
    promise = (await bot_lines(emulator, REQUESTER, 1))[-1]
    assert "工单 #1" in promise.text
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert [b["text"] for b in card.buttons[0]] == ["认领"]
    await world.user_sends(REQUESTER, "在等人工吗?")  # before anyone claimed it
    await bot_lines(emulator, REQUESTER, 2)

    await world.user_presses(officer, GENERAL_GROUP, card.message_id, "claim:1")
    claimed = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "王芳" in claimed.text
    # The card is edited in the staff group, a chat of its own: it may arrive a moment later.
    await until(lambda: card.edited and "已由 王芳 认领" in card.text and card.buttons == [])
    # A second claim is refused (the core decides; the card is not touched again).
    await world.user_presses(other_officer, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    intro = (await bot_lines(emulator, GENERAL_GROUP, 2))[1]
    assert intro.thread_id == topic.thread_id and "公租房" in intro.text
    # What the requester wrote before the claim is in the topic too: in its introduction.
    assert intro.text.endswith("\n· 诉求人(开单后):在等人工吗?")

    await world.user_sends(REQUESTER, "我家三口人,月收入四千")
    await world.user_sends_content(
        REQUESTER,
        {
            "photo": [{"file_id": "P1", "file_unique_id": "P1", "width": 1, "height": 1}],
            "caption": "收入证明",
        },
    )
    relayed = await bot_lines(emulator, GENERAL_GROUP, 4)
    assert relayed[2].text == "我家三口人,月收入四千" and relayed[2].thread_id == topic.thread_id
    assert relayed[3].kind == "photo" and relayed[3].text == "收入证明"

    await world.user_sends(officer, "/note 需核实社保记录", GENERAL_GROUP, topic.thread_id)
    await world.user_sends(
        officer, "您好,请携带户口簿到窗口提交申请。", GENERAL_GROUP, topic.thread_id
    )
    reply = (await bot_lines(emulator, REQUESTER, 6))[-1]
    assert reply.text == "您好,请携带户口簿到窗口提交申请。"
    assert all("核实社保" not in e.text for e in world.transcripts[REQUESTER])

    await world.user_sends(
        officer, "/resolve 已告知申请材料和流程", GENERAL_GROUP, topic.thread_id
    )
    resolution = (await bot_lines(emulator, REQUESTER, 7))[-1]
    assert "已告知申请材料和流程" in resolution.text
    await world.user_presses(REQUESTER, REQUESTER, resolution.message_id, "reopen:1")
    reopened = (await bot_lines(emulator, REQUESTER, 8))[-1]
    assert "重新打开" in reopened.text and "王芳" in reopened.text

    await world.user_sends(officer, "/resolve 已受理申请,编号A123", GENERAL_GROUP, topic.thread_id)
    second = (await bot_lines(emulator, REQUESTER, 9))[-1]
    await world.user_presses(REQUESTER, REQUESTER, second.message_id, "rate:1:5")
    thanks = (await bot_lines(emulator, REQUESTER, 10))[-1]
    assert "感谢您的评价" in thanks.text
    await until(lambda: any("评分 5 星" in e.text for e in world.transcripts[GENERAL_GROUP]))
    # A forged or stale rating button changes nothing and says nothing.
    await world.user_presses(REQUESTER, REQUESTER, second.message_id, "rate:1:1")
    await asyncio.sleep(0.3)
    assert len(await bot_lines(emulator, REQUESTER, 10)) == 10
    # Resolving it again is refused, in the staff's language (not the core's log message).
    await world.user_sends(officer, "/resolve 再办一次", GENERAL_GROUP, topic.thread_id)
    await until(
        lambda: any(
            "工单 #1 目前已关闭,不能办结" in e.text for e in world.transcripts[GENERAL_GROUP]
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_clock_escalates_reminds_and_notifies(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
    desk_clock: DeskClock,
) -> None:
    """An unclaimed ticket escalates to the staff group; a claimed one that runs a day long
    has its owner reminded, then its requester notified: the clock is moved, not slept on."""
    from handlers.context import DeskContext
    from handlers.runtime.jobs import sweep

    emulator, application = running
    world = emulator.world
    officer = 100101

    async def sweep_now() -> None:
        # What the job queue calls every sweep_every seconds (with the application's
        # context type), called now.
        await sweep(DeskContext(application))

    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    # A service request (申请): 4 working hours to first response; 0.75 of it is noon.
    desk_clock.now += timedelta(hours=3)
    await sweep_now()
    escalation = (await bot_lines(emulator, GENERAL_GROUP, 2))[-1]
    assert "预警(第1级)工单 #1" in escalation.text and "尚未认领" in escalation.text

    await world.user_presses(officer, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)  # the promise, then who owns it
    desk_clock.now += timedelta(hours=22, minutes=30)
    await sweep_now()
    await until(lambda: any("需要在" in e.text for e in world.transcripts.get(officer, [])))
    desk_clock.now += timedelta(hours=2)
    await sweep_now()
    notice = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "工单 #1 进展通知" in notice.text and "王芳" in notice.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_status_queue_mine_and_ticket_history(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    emulator, _ = running
    world = emulator.world
    officer = 100101
    await world.user_sends(REQUESTER, "/status")
    assert "没有工单" in (await bot_lines(emulator, REQUESTER, 1))[-1].text
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, REQUESTER, 2)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(REQUESTER, "/status")
    listed = (await bot_lines(emulator, REQUESTER, 3))[-1].text
    assert "#1「" in listed and "」 待认领" in listed, listed
    await world.user_sends(officer, "/queue", GENERAL_GROUP)
    assert "#1 待认领" in (await bot_lines(emulator, GENERAL_GROUP, 2))[-1].text
    await world.user_presses(officer, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 4)  # who owns it now
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(officer, "/mine", GENERAL_GROUP)
    await until(lambda: any("我负责的工单" in e.text for e in world.transcripts[GENERAL_GROUP]))
    await world.user_sends(officer, "/ticket 1", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("经过:" in e.text for e in world.transcripts[GENERAL_GROUP]))
    history = next(e.text for e in world.transcripts[GENERAL_GROUP] if "经过:" in e.text)
    assert "认领(王芳)" in history and "公租房" in history and "claim" not in history
    # Neither the command nor its answer reached the requester.
    await asyncio.sleep(0.3)
    assert not any("/ticket" in e.text or "经过" in e.text for e in world.transcripts[REQUESTER])
    # An unknown command in private is said to be unknown, with what works: not silence.
    await world.user_sends(REQUESTER, "/frobnicate")
    assert "没有 /frobnicate 这个指令" in (await bot_lines(emulator, REQUESTER, 5))[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_handoff_accepted_then_returned(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    emulator, _ = running
    world = emulator.world
    officer, social, utilities, supervisor = 100101, 100201, 100301, 100190
    social_group, utilities_group = -1000000000102, -1000000000103
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(officer, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    topic = await only_topic(world, GENERAL_GROUP)

    await world.user_sends(
        officer,
        "/transfer social_security 需核实社保缴纳 | 请核实近一年缴费记录 | 8",
        GENERAL_GROUP,
        topic.thread_id,
    )
    (form,) = await bot_lines(emulator, social_group, 1)
    assert "转办单 工单 #1" in form.text and "请核实近一年缴费记录" in form.text
    told = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "社会保障科" in told.text and "王芳" in told.text
    await until(lambda: any("抄送" in e.text for e in world.transcripts.get(supervisor, [])))
    # Only the receiving department may accept (not an officer of another one in its group).
    world.chats[social_group].members.add(officer)
    await world.user_presses(officer, social_group, form.message_id, "accept:1")
    await world.user_presses(social, social_group, form.message_id, "accept:1")
    await until(lambda: any("接收办理" in e.text for e in world.transcripts[GENERAL_GROUP]))
    assert form.buttons == []

    await world.user_sends(
        officer, "/transfer utilities 其实是供水问题 | 请上门检查", GENERAL_GROUP, topic.thread_id
    )
    (second,) = await bot_lines(emulator, utilities_group, 1)
    await world.user_sends(utilities, "/return 1 不属于本科室职责", utilities_group)
    await until(
        lambda: any("退回:不属于本科室职责" in e.text for e in world.transcripts[GENERAL_GROUP])
    )
    del second
    # The requester never saw the staff's commands.
    assert not any(
        e.text.startswith("/") for e in world.transcripts[REQUESTER] if e.sender_id != REQUESTER
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_staff_group_without_topics_works_by_replies(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = False
    officer = 100101
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(REQUESTER, "补充:我家三口人")
    copied = (await bot_lines(emulator, GENERAL_GROUP, 2))[-1]
    assert copied.text == "补充:我家三口人"
    assert world.messages[(GENERAL_GROUP, copied.message_id)]["reply_to_message"][
        "message_id"
    ] == (card.message_id)
    await world.user_presses(officer, GENERAL_GROUP, card.message_id, "claim:1")
    assert "王芳" in (await bot_lines(emulator, REQUESTER, 3))[-1].text
    assert world.chats[GENERAL_GROUP].topics == {}

    await world.user_sends(
        officer, "请明天带户口簿来窗口。", GENERAL_GROUP, reply_to=copied.message_id
    )
    assert (await bot_lines(emulator, REQUESTER, 4))[-1].text == "请明天带户口簿来窗口。"
    await world.user_sends(officer, "/note 已电话核实", GENERAL_GROUP, reply_to=card.message_id)
    await world.user_sends(officer, "大家中午吃什么?", GENERAL_GROUP)
    await world.user_sends(officer, "/priority high", GENERAL_GROUP, reply_to=card.message_id)
    await world.user_sends(officer, "/resolve 已受理", GENERAL_GROUP, reply_to=card.message_id)
    lines = await bot_lines(emulator, REQUESTER, 6)
    assert "紧急" in lines[4].text and "已受理" in lines[5].text
    assert not any("核实" in e.text or "吃什么" in e.text for e in world.transcripts[REQUESTER])


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_long_history_comes_in_several_messages(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    for n in range(3):
        await world.user_sends(REQUESTER, f"补充材料{n}:" + "详细情况说明。" * 400)
    await bot_lines(emulator, REQUESTER, 4)
    await world.user_sends(100101, "/ticket 1", GENERAL_GROUP)
    # After the card (which shows the requester's later words too, issue 14).
    await until(lambda: any("补充材料2" in e.text for e in world.transcripts[GENERAL_GROUP][1:]))
    parts = [e.text for e in world.transcripts[GENERAL_GROUP][1:] if e.sender_id == world.bot.id]
    assert len(parts) >= 2 and parts[0].startswith("工单 #1")
    assert all(len(p) <= 4096 for p in parts)


async def _claimed_with_topic(emulator: Emulator) -> Any:
    """A requester's ticket, claimed by an officer: its topic in the general staff group."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(100101, GENERAL_GROUP, card.message_id, "claim:1")
    return await only_topic(world, GENERAL_GROUP)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_closed_topic_is_reopened_and_a_deleted_one_replaced(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    """Someone closes the ticket's topic: the bot reopens that topic (no second one of the
    same name) and the requester's next message arrives there. Someone deletes it: the next
    message opens a new topic, introduced first, and arrives there; nothing is lost."""
    emulator, _ = running
    world = emulator.world
    group = world.chats[GENERAL_GROUP]
    first = await _claimed_with_topic(emulator)

    def arrived(text: str) -> list[int | None]:
        return [e.thread_id for e in world.transcripts[GENERAL_GROUP] if e.text == text]

    first.closed = True
    await world.user_sends(REQUESTER, "补充:我是外地户口")
    await until(lambda: arrived("补充:我是外地户口"))
    assert arrived("补充:我是外地户口") == [first.thread_id]
    assert list(group.topics) == [first.thread_id] and not first.closed

    del group.topics[first.thread_id]
    await world.user_sends(REQUESTER, "再补充:有居住证")
    await until(lambda: arrived("再补充:有居住证"))
    second = max(group.topics)
    assert second != first.thread_id and arrived("再补充:有居住证") == [second]
    intro, relayed = [
        e
        for e in world.transcripts[GENERAL_GROUP]
        if e.thread_id == second and e.kind != "service"  # not the topic's forum_topic_created
    ]
    assert "工单 #1 原来的话题已被关闭或删除" in intro.text and "/ticket 1" in intro.text
    assert "王芳" in intro.text and "我想申请公租房" in intro.text
    assert relayed.text == "再补充:有居住证"
    # What the owner writes in the newest topic still reaches the requester.
    await world.user_sends(100101, "收到,正在核实", GENERAL_GROUP, second)
    await until(
        lambda: any(e.text == "收到,正在核实" for e in world.transcripts.get(REQUESTER, []))
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_long_flood_wait_in_one_chat_holds_back_no_other_chat(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    """Telegram tells the bot to wait 30 s before opening a ticket's topic: the requester who
    asks something meanwhile is answered at once, and the topic comes after the wait."""

    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    emulator.faults.add("createForumTopic", Fault(429, retry_after=30))
    await world.user_presses(100101, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: emulator.faults.pending("createForumTopic") == 0)  # the 429 was given
    started = asyncio.get_running_loop().time()
    await world.user_sends(ENGLISH, "How do I replace a lost social security card?")
    (answer,) = await bot_lines(emulator, ENGLISH, 1)  # within bot_lines' 10 s, not after 30
    assert "report the card lost" in answer.text.casefold()
    assert asyncio.get_running_loop().time() - started < 10
    assert not world.chats[GENERAL_GROUP].topics  # still waiting out its 30 s


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_topic_that_keeps_failing_opens_one_new_topic_not_a_loop(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    """Telegram refuses every message into topics as if the thread were gone: the message
    that found its topic closed opens one new topic, then both it and the introduction are
    given up on; no stream of new topics."""
    emulator, _ = running
    world = emulator.world
    group = world.chats[GENERAL_GROUP]
    first = await _claimed_with_topic(emulator)
    await until(lambda: any(e.thread_id for e in world.transcripts[GENERAL_GROUP]))  # intro
    gone = Fault(400, description="Bad Request: message thread not found")
    for method in ("sendMessage", "copyMessage"):
        emulator.faults.add(method, gone, count=6)
    first.closed = True
    await world.user_sends(REQUESTER, "补充:我是外地户口")
    # The copy fails twice (closed, then a fault) and the introduction at least once.
    await until(lambda: emulator.faults.pending("copyMessage") <= 5)
    await asyncio.sleep(1.0)
    assert len(group.topics) == 2


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_group_at_its_rate_limit_takes_no_place_from_the_private_chats(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    """A staff group over Telegram's 20 messages a minute waits in the rate limiter: even a
    sender with one place for calls answers a requester meanwhile at once."""
    from handlers import post
    from handlers.runtime.dispatcher import build_dispatcher

    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    dispatcher = build_dispatcher(application.bot, desk, senders=1)
    await dispatcher.start()
    have_written(world, REQUESTER)
    try:
        notes = [post.message(GENERAL_GROUP, f"note {n}", kind="staff_event") for n in range(22)]
        async with desk.transaction(sender=dispatcher.submit) as tx:
            await post.post(tx, notes)
        await until(lambda: len(world.transcripts.get(GENERAL_GROUP, [])) >= 20)
        started = asyncio.get_running_loop().time()
        async with desk.transaction(sender=dispatcher.submit) as tx:
            await post.post(tx, post.message(REQUESTER, "马上回复您"))
        await until(lambda: world.transcripts.get(REQUESTER), seconds=10)
        assert asyncio.get_running_loop().time() - started < 1.0  # the group waits ~3 s a message
        assert len(world.transcripts[GENERAL_GROUP]) < 22  # still held back by its limit
    finally:
        await dispatcher.stop()


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_sweep_catches_up_at_start_up(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    """A ticket that fell due while the bot was down is escalated as soon as it starts, not
    one sweep interval later."""
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    async with desk.transaction() as tx:
        requester = await requesters.get_or_create_requester(
            session=tx.session,
            telegram_user_id=REQUESTER,
            chat_id=REQUESTER,
            language="zh",
            now=desk.now(),
        )
        await tickets.open_ticket(
            session=tx.session,
            rules=desk.rules,
            requester_id=requester.id,
            question="我想申请公租房",
            category="service_request",
            now=desk.now(),
        )
    desk_clock.now += timedelta(hours=3)  # past the first escalation step, while "down"
    application = build_application(
        desk, LOCAL_TOKEN, f"http://127.0.0.1:{emulator.port}", sweep_every=3600
    )
    async with serving(application, poll_timeout=1):
        (escalation,) = await bot_lines(emulator, GENERAL_GROUP, 1)
        assert "工单 #1" in escalation.text and "尚未认领" in escalation.text
