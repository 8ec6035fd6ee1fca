"""A large mass incident (issue 17): a water cut reported by dozens. Each report used to
redraw every open card of the incident (its count) and alert every supervising chat with
every open ticket listed: O(reports) work and messages per report, so the bot slowed down
and the staff group and supervisors' chats flooded just when they were needed most
(benchmarks/surge.py). Now the cards show the count exactly up to 20 reports, then "at least"
the last milestone (20, 50, 100, ...), and supervisors, told when the incident is found, hear
it grew at the next report, then at 10, 20, 50, ... reports; a report joining it raises no
alert of its own keywords ("停水": the supervisors know of the water cut), only a danger to
people would. End to end over the emulation."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.desk import build_desk
from emulator.server import Emulator
from handlers import app
from handlers.app import LOCAL_TOKEN, build_application
from tests.handlers.conftest import DeskClock, bot_said, staff_speaking, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT, GROUP = -1000000000900, -1000000000103  # Utilities has the water cut
REPORTS = 52
GREW = {"zh": "新增工单 #", "en": " grew: ticket #"}
KEYWORDS = "⚠️"  # a ticket's own alert: its keywords (停水) raised its priority
AT_LEAST = {
    "zh": ("已有 20 多件报告", "已有 50 多件报告"),
    "en": ("(20+ reports)", "(50+ reports)"),
}
EXACT_20 = {"zh": "(共 20 件报告,均未办结)", "en": "(20 reports, all still open)"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(getattr(request, "param", "zh"))


@pytest.fixture
async def running(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> AsyncIterator[tuple[Emulator, App]]:
    """The bot without Telegram's limits: a staff group's 20 a minute would hold the cards
    back for minutes here, and what is counted is what the bot asks to send."""
    emulator.world.limits.enabled = False
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    base = f"http://127.0.0.1:{emulator.port}"
    application = build_application(desk, LOCAL_TOKEN, base, sweep_every=None, rate_limited=False)
    async with app.serving(application, poll_timeout=1):
        yield emulator, application


def _card(emulator: Emulator, number: int) -> str:
    """The text of ticket `number`'s card in the Utilities group as it reads now."""
    marks = (f"新工单 #{number}|", f"New ticket #{number} |")
    return next(
        (e.text for e in bot_said(emulator.world, GROUP) if any(m in e.text for m in marks)), ""
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_water_cut_of_many_reports_keeps_its_cards_and_alerts_few(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    alerts_at: dict[int, int] = {}  # after report n: the "grew" alerts in management
    edits_at: dict[int, int] = {}  # after report n: card edits so far

    def grew() -> int:
        return sum(GREW[language] in e.text for e in bot_said(world, MANAGEMENT_CHAT))

    for number in range(1, REPORTS + 1):
        await _opens(emulator, 750000 + number, "zh", f"幸福里{number}号楼停水了", number)
        if number == 20:  # exact up to here: every card says 20
            await until(lambda: EXACT_20[language] in _card(emulator, 1), seconds=30)
        alerts_at[number] = grew()
        edits_at[number] = world.counters["editMessageText"]
        if number == 49:
            before_50 = _card(emulator, 30)
    rows = await all_tickets(application)
    assert len(rows) == REPORTS and {t.incident_id for t in rows} == {1}, rows

    # Supervisors: the incident found at 5 reports, then it grew at 6, 10, 20 and 50.
    await until(lambda: grew() == 4, seconds=30)
    assert alerts_at[9] == 1 and alerts_at[20] == 3 and alerts_at[49] == 3, alerts_at
    # Each of the first five reports alerted of its keywords; a report joining the incident
    # its supervisors know of does not (its keywords tell them nothing new).
    keyword_alerts = [e.text for e in bot_said(world, MANAGEMENT_CHAT) if KEYWORDS in e.text]
    assert len(keyword_alerts) == 5, keyword_alerts
    # The first card shows the milestone reached, no longer redrawn at each report between.
    await until(lambda: AT_LEAST[language][1] in _card(emulator, 1), seconds=30)
    assert AT_LEAST[language][0] in before_50, before_50
    # Reports 22 to 49 redrew none of the 20 cards before them: each its own card at most
    # (linked to the incident when drawn, or redrawn once as urgent).
    assert edits_at[49] - edits_at[21] <= 49 - 21, edits_at
