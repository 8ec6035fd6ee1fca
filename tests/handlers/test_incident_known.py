"""A mass incident as its requesters and staff are told of it (SPEC rule 9; a tester): a
requester asking about a power cut already linked as an incident, before any update, was
asked when it began, as a first report is, and the ticket's card said they had been sent the
incident's latest update when none existed; the incident's counts and summary went wrong
with /link and /unlink (a card read "群体性事件 #-" after /unlink; a street light linked by
mistake became the alert's summary), and the requester whose ticket was unlinked was never
told the power update they got was not about their street light. A careful clerk tells a
late reporter the event is known and being handled, says on the card what was really sent,
keeps the incident's first matter as its summary, and tells an unlinked requester the
updates were not about theirs. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import bot_said, staff_speaking, until
from tests.handlers.looks import all_tickets, ticket_no
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900
GROUP = -1000000000103  # Utilities' staff group (config.yaml): the power cut's
POWER = [
    "幸福里3号楼停电了",
    "幸福里5号楼也停电了,什么时候来电",
    "幸福里停电了",
    "我住在幸福里,整个小区都停电了",
    "幸福里2号楼停电了",
]


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(getattr(request, "param", "zh"))


def _card(world: object, number: int) -> str:
    """Ticket `number`'s card in the Utilities group, as it reads now."""
    return next(
        e.text
        for e in bot_said(world, GROUP)
        if f"新工单 #{number}|" in e.text or f"New ticket #{number} |" in e.text
    )


ASKS = {
    "zh": "幸福里3号楼是不是停电了?什么时候来电?",
    "en": "Is the power out in Xingfuli building 3? When will it come back?",
}
BEGAN = {"zh": "停电开始的时间", "en": "when the power went"}
KNOWN = {"zh": "已有其他人报告", "en": "already reported"}
GOT_UPDATE = {"zh": "收到的是该事件的最新进展", "en": "got the incident's latest update"}
NO_UPDATE_YET = {"zh": "尚未发布进展", "en": "no update posted yet"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_question_about_a_known_power_cut_is_told_it_is_known(
    running: tuple[Emulator, App], settings: Settings, language: str
) -> None:
    emulator, application = running
    world = emulator.world
    staff = settings.languages.default
    for number, text in enumerate(POWER, start=1):
        await _opens(emulator, 751000 + number, "zh", text, number)
    user = 751100
    world.add_user(user, "Asks", language)
    await world.user_sends(user, ASKS[language])
    await until(lambda: any("#6" in e.text for e in bot_said(world, user)))
    said = "\n".join(e.text for e in bot_said(world, user))
    assert BEGAN[language] not in said, said
    assert KNOWN[language] in said, said
    late = await ticket_no(application, 6)
    assert late is not None and late.incident_id is not None
    await until(lambda: any(f"#{6}" in e.text for e in bot_said(world, GROUP)))
    card = _card(world, 6)
    assert GOT_UPDATE[staff] not in card, card
    assert NO_UPDATE_YET[staff] in card, card


LIGHT = {
    "zh": "幸福里3号楼门口的路灯坏了",
    "en": "The street light outside Xingfuli building 3 is broken",
}
UPDATE = "供电公司已到场抢修 | The power company's crew is on site"
HEARD = {"zh": "供电公司已到场抢修", "en": "The power company's crew is on site"}
SEVEN = {"zh": "共 7 件报告", "en": "7 reports"}
SIX = {"zh": "共 6 件报告", "en": "6 reports"}
FIVE = {"zh": "共 5 件报告", "en": "5 reports"}
# The first report in the staff's language, else the one that opened it (the fifth).
SUMMARY = {"zh": "概要:幸福里3号楼停电了", "en": "Summary: 幸福里2号楼停电了"}
UNLINKED = {"zh": "工单 #5 已移出群体性事件 #1", "en": "Ticket #5 left incident #1"}
NOT_YOURS = {"zh": "与您反映的问题无关", "en": "not about your"}
STILL_OPEN = {"zh": "仍在办理", "en": "still open"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_link_and_unlink_keep_the_incident_s_counts_summary_and_requesters_right(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    # Some forty cards and redraws in the group within a minute: the bot paces them to the
    # group's 20 a minute (bot side), so a card's redraw may come half a minute later; the
    # emulation's own 429s are not what is tested here.
    world.limits.enabled = False
    staff = settings.languages.default
    for number, text in enumerate(POWER[:4], start=1):
        await _opens(emulator, 752000 + number, "zh", text, number)
    await _opens(emulator, 752007, staff, LIGHT[staff], 5)  # its own matter: no incident yet
    await _opens(emulator, 752005, "zh", POWER[4], 6)  # the fifth report: the incident
    rows = await all_tickets(application)
    assert [t.incident_id for t in rows] == [1, 1, 1, 1, None, 1]
    await until(lambda: all(FIVE[staff] in _card(world, n) for n in (1, 2, 3, 4, 6)))
    await _opens(emulator, 752006, "zh", "幸福里4号楼也停电了", 7)  # joins: every count 6
    await until(lambda: all(SIX[staff] in _card(world, n) for n in (1, 2, 3, 4, 6, 7)), 90)
    await world.user_sends(MANAGER, "/link 5 1", MANAGEMENT_CHAT)
    confirmed = {"zh": "工单 #5 已并入群体性事件 #1,现共 7 件报告", "en": "7 reports"}[staff]
    await until(lambda: any(confirmed in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    await until(lambda: all(SEVEN[staff] in _card(world, n) for n in (1, 2, 3, 4, 5, 6, 7)), 90)
    alerts = [
        e.text for e in bot_said(world, MANAGEMENT_CHAT) if "#1" in e.text and "🚨" in e.text
    ]
    assert alerts and SUMMARY[staff] in alerts[-1] and "路灯" not in alerts[-1], alerts
    assert "street light" not in alerts[-1], alerts
    await world.user_sends(MANAGER, f"/incident 1 {UPDATE}", MANAGEMENT_CHAT)
    await until(lambda: any(HEARD[staff] in e.text for e in bot_said(world, 752007)))
    told = len(bot_said(world, 752007))
    await world.user_sends(MANAGER, "/unlink 5", MANAGEMENT_CHAT)
    await until(lambda: any(UNLINKED[staff] in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    await until(lambda: len(bot_said(world, 752007)) > told)
    after = "\n".join(e.text for e in bot_said(world, 752007)[told:])
    assert NOT_YOURS[staff] in after and STILL_OPEN[staff] in after, after
    assert (await ticket_no(application, 5)).incident_id is None  # type: ignore[union-attr]
    # Every card redrawn: one report fewer; the unlinked one of no incident, not "#-".
    await until(lambda: all(SIX[staff] in _card(world, n) for n in (1, 2, 3, 4, 6, 7)), 90)
    await until(lambda: "🔗" not in _card(world, 5), 90)  # no incident line
    card = _card(world, 5)
    assert "#-" not in card and "群体性事件 #1" not in card and "incident #1" not in card, card
