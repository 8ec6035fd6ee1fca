"""What staff and supervisors read of an emergency, a queue and a surge (a fresh tester's
round): the supervisors' alert of an emergency carries the requester's words, the place they
gave and who owns it; /queue shows each ticket's priority and whether it is overdue, the
most urgent first; the surge alert says what a reply to it does and where to post an
update; a location is shown as one, not as a caption; the claim notice quotes the matter
on one line; /status shows a settled ticket's resolution as its latest word; a vulnerable
person depending on a supply during an outage makes the ticket urgent, with the reason,
and no emergency numbers. End to end over the emulation, in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)
from tests.handlers.danger import on_to_a_person
from tests.handlers.looks import ticket_no
from tests.handlers.opening import open_at_desk

App = Application  # type: ignore[type-arg]
OFFICER, UTILITIES_OFFICER = 100101, 100301
UTILITIES_GROUP, MANAGEMENT = -1000000000103, -1000000000900


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


def _alert(emulator: Emulator, ticket_id: int) -> str | None:
    return next(
        (e.text for e in bot_said(emulator.world, MANAGEMENT) if f"#{ticket_id}" in e.text), None
    )


UNCLAIMED = {"zh": "负责人:尚未认领", "en": "Owner: not claimed yet"}
SHORTENED = {"zh": "(节选:原话共", "en": "(shortened:"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_an_emergency_alert_carries_their_words_the_place_and_the_owner(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    language = settings.languages.default
    said = "快来人!电梯卡住了,和平小区3号楼,我妈困在里面半小时了"
    await emulator.world.user_sends(REQUESTER, said)
    await until(lambda: _alert(emulator, 1))
    alert = _alert(emulator, 1)
    assert alert is not None
    assert "我妈困在里面半小时了" in alert, alert
    assert "和平小区3号楼" in alert, alert  # the place they gave, in their words
    assert UNCLAIMED[language] in alert, alert
    assert "/ticket 1" in alert, alert


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_long_emergency_is_quoted_in_part_not_cut_mid_word(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    language = settings.languages.default
    said = "Help! My mother is stuck in the elevator of building 3 at Heping Estate. " + (
        "She has been calling for help and the alarm button does nothing at all. " * 6
    )
    await emulator.world.user_sends(ENGLISH, said)
    await until(lambda: _alert(emulator, 1))
    alert = _alert(emulator, 1)
    assert alert is not None
    assert "My mother is stuck in the elevator" in alert, alert
    assert SHORTENED[language] in alert, alert
    quoted = alert.split("…")[0]
    assert said.startswith(quoted[quoted.index("Help!") :]), alert
    assert said[len(quoted[quoted.index("Help!") :])] == " ", alert  # ended at a word's end


async def _open(application: App, user_id: int, question: str, priority: str) -> None:
    """A fault report of `user_id` opened at the desk (its card is not sent: no front)."""
    await open_at_desk(
        application,
        user_id,
        "zh",
        question=question,
        category="fault_report",
        priority=priority,
        department="utilities",
    )


OVERDUE = {"zh": "已超期", "en": "overdue"}
NAMES = {"zh": ("特急", "普通"), "en": ("Urgent", "Normal")}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_queue_shows_priority_and_overdue_the_most_urgent_first(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    language = settings.languages.default
    await _open(application, 700001, "楼道灯不亮了", "normal")
    desk_clock.now += timedelta(days=3)  # its first response is long past due
    await _open(application, 700002, "电梯困人,里面有老人", "urgent")
    await emulator.world.user_sends(UTILITIES_OFFICER, "/queue", UTILITIES_GROUP)
    (answer,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    lines = [line for line in answer.text.splitlines() if " · " in line]
    urgent, normal = NAMES[language]
    assert lines[0].startswith("🚨 #2") and urgent in lines[0], answer.text  # marked urgent
    assert OVERDUE[language] not in lines[0], answer.text
    assert lines[1].startswith("#1") and normal in lines[1], answer.text
    assert OVERDUE[language] in lines[1], answer.text
    assert "urgent" not in answer.text and "normal" not in answer.text


REPLY_IS_NOTE = {
    "zh": ("回复本消息", "内部备注", "不会发给诉求人", "/incident 1"),
    "en": ("Reply to this message", "internal note", "not sent to", "/incident 1"),
}
COMPLAINTS = [
    "小区电梯又坏了,老人下不了楼",
    "我们小区电梯又坏了,老人没法下楼",
    "电梯又坏了 老人下不了楼!",
    "小区的电梯又坏了,家里老人下不了楼",
    "小区电梯又坏啦,老人下不了楼了",
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_surge_alert_says_a_reply_is_a_note_and_how_to_post_an_update(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    """A reply to the surge alert is a note on its tickets (handlers/alert_replies.py), not
    an update to their requesters: the alert says so, and that /incident posts one, here
    too (the supervisors' chat), not only in a staff group."""
    emulator, application = running
    language = settings.languages.default
    for n, text in enumerate(COMPLAINTS):
        desk_clock.now += timedelta(minutes=3)
        await open_at_desk(
            application, 700001 + n, "zh", question=text, category="complaint", publish=True
        )
    await until(lambda: any("/incident" in e.text for e in bot_said(emulator.world, MANAGEMENT)))
    (alert,) = [e.text for e in bot_said(emulator.world, MANAGEMENT) if "/incident" in e.text]
    assert all(part in alert for part in REPLY_IS_NOTE[language]), alert
    assert "在工作群发送" not in alert and "in a staff group to" not in alert, alert


LOCATION = {"location": {"latitude": 31.2, "longitude": 121.4}}
SHOWN_AT = {"zh": "位置:31.2000, 121.4000", "en": "location: 31.2000, 121.4000"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_location_is_shown_as_a_place_with_a_map_not_as_a_caption(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(minutes=2)
    said = len(bot_said(world, REQUESTER))
    await world.user_sends_content(REQUESTER, LOCATION)
    await until(lambda: len(bot_said(world, REQUESTER)) > said)
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)

    def record() -> str | None:
        return next(
            (
                e.text
                for e in bot_said(world, GENERAL_GROUP)
                if e.message_id != card.message_id and "公租房" in e.text
            ),
            None,
        )

    await until(record)
    shown = record()
    assert shown is not None
    drawn = world.messages[(GENERAL_GROUP, card.message_id)]["text"]
    assert SHOWN_AT[language] in shown, shown
    assert "openstreetmap.org/?mlat=31.2000&mlon=121.4000" in shown, shown
    for text in (shown, drawn):
        assert "31.200000" not in text and "附言" not in text, text


OWNER_NAMED = {REQUESTER: "王芳", ENGLISH: "Wang Fang"}  # in the requester's language
MATTER = {
    REQUESTER: "我想申请公租房\n是给我父母申请的",
    ENGLISH: "I want to apply for public housing\nfor my parents",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh"], indirect=True)
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_claim_notice_quotes_the_matter_on_one_line(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, MATTER[user])
    await until(lambda: bot_said(world, user))
    await on_to_a_person(emulator, user)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await _open(application, user, "another matter of theirs: 路灯不亮", "normal")
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    owner = OWNER_NAMED[user]
    await until(lambda: any("#1" in e.text and owner in e.text for e in bot_said(world, user)))
    notice = next(e.text for e in bot_said(world, user) if "#1" in e.text and owner in e.text)
    first, second = MATTER[user].split("\n")
    assert f"{first} / {second}" in notice, notice
    assert "\n" not in notice, notice


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh"], indirect=True)
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_status_of_a_settled_ticket_shows_its_resolution(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, MATTER[user].split("\n")[0])
    await until(lambda: bot_said(world, user))
    await on_to_a_person(emulator, user)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    asked, summary = "请问您的户籍在本市吗?", "已为您登记申请,材料齐全,请等待审核通知"
    for text in (asked, f"/resolve {summary}"):
        desk_clock.now += timedelta(minutes=5)
        count = len(bot_said(world, user))
        await world.user_sends(OFFICER, text, GENERAL_GROUP, topic.thread_id)
        await until(lambda c=count: len(bot_said(world, user)) > c)
    count = len(bot_said(world, user))
    await world.user_sends(user, "/status")
    await until(lambda: len(bot_said(world, user)) > count)
    status = bot_said(world, user)[-1].text
    assert summary in status and asked not in status, status


NEEDS = {
    REQUESTER: "这个停水会影响到3号楼吗?我家有老人需要透析用水",
    ENGLISH: "Will the water outage affect building 3? My father needs his dialysis machine",
}
REASON = {REQUESTER: "透析", ENGLISH: "dialysis"}
WHY = {"zh": "停水停电", "en": "outage"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_someone_depending_on_a_supply_in_an_outage_is_urgent(
    running: tuple[Emulator, App], settings: Settings, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(user, NEEDS[user])
    await until(lambda: bot_said(world, user))
    await on_to_a_person(emulator, user)
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert ticket.priority == "urgent"
    # No danger heard: no emergency numbers.
    assert not any(n in e.text for e in bot_said(world, user) for n in ("110", "120", "119"))
    await until(lambda: _alert(emulator, 1))
    alert = _alert(emulator, 1)
    assert alert is not None
    assert REASON[user] in alert.casefold() and WHY[language] in alert, alert
