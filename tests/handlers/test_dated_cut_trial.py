"""A second new-user trial of dated supply cuts (bot/day_words.py): the same matter gets the
same priority and the same questions in either language. A house number after its road
("解放路3号停电了") is no date of a notice; a cut going on since a day, the requester's place
named, is a cut now ("碧桂园小区从5号开始没水"); the 起 of "3月5日起" is the date's, not the
estate's; "since 3/5" gives when it began. Each is as urgent as the configured keyword that
names it (config.yaml `keywords`: 停电, 停水, no water), its supervisors alerted. End to end
over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers import promised
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100390  # of Utilities (config.yaml)


async def _urgent_and_alerted(emulator: Emulator, application: App) -> None:
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.priority) == ("fault_report", "urgent")
    await until(lambda: any("#1" in line.text for line in bot_said(emulator.world, SUPERVISOR)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"),
    [
        (REQUESTER, "解放路3号停电了"),
        (REQUESTER, "和平路18号一直没水"),
        (ENGLISH, "No power at 3 Jiefang Road"),
    ],
)
async def test_a_house_number_after_its_road_is_no_date(
    running: tuple[Emulator, App], user: int, words: str
) -> None:
    """ "3号" after 解放路 was read as the 3rd of a notice: a normal ticket, nobody alerted."""
    emulator, application = running
    reply = await promised.promise(emulator, user, words)
    asked = promised.asked(reply, user)
    assert "地址" not in asked and "address" not in asked, reply
    await _urgent_and_alerted(emulator, application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    "words", ["3月5日起幸福里小区停水了，到现在还没来", "从12月1号起幸福里小区就一直没水"]
)
async def test_the_word_after_a_day_is_no_part_of_the_estate(
    running: tuple[Emulator, App], words: str
) -> None:
    """The trial was told "已收到您说的:小区:起幸福里": 起 of "3月5日起" is the day's."""
    emulator, application = running
    reply = await promised.promise(emulator, REQUESTER, words)
    noted = promised.noted(reply, REQUESTER)
    assert "小区:幸福里" in noted and "起幸福里" not in reply, reply
    assert "停水开始的时间" in noted and "详细地址(楼栋)" in promised.asked(reply, REQUESTER), (
        reply
    )
    await _urgent_and_alerted(emulator, application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words", "building"),
    [
        (REQUESTER, "碧桂园小区从5号开始没水", True),
        (REQUESTER, "绿城小区3号楼从5号开始没水", False),
        (REQUESTER, "3月5日起阳光花园停水", True),
        (REQUESTER, "从12月1号起和平路18号就没水", False),
        (ENGLISH, "Building 3 of Greentown estate has had no water since the 5th", False),
    ],
)
async def test_a_cut_since_a_day_at_their_place_is_a_cut_now(
    running: tuple[Emulator, App], user: int, words: str, building: bool
) -> None:
    """Without 就…了 or 一直, a Chinese cut since a day was read as a notice: a normal ticket,
    nobody alerted, while the English was urgent. The place named, it is the requester's."""
    emulator, application = running
    reply = await promised.promise(emulator, user, words)
    when = "停水开始的时间" if user == REQUESTER else "when the water stopped"
    assert when in promised.noted(reply, user) and when not in promised.asked(reply, user), reply
    assert ("详细地址(楼栋)" in promised.asked(reply, user)) is building, reply
    await _urgent_and_alerted(emulator, application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"),
    [
        (ENGLISH, "Sunshine Garden estate has had no water since 3/5"),
        (ENGLISH, "Sunshine Garden estate has had no water since 5.3"),
        (REQUESTER, "阳光花园从3/5开始没水"),
    ],
)
async def test_a_day_in_figures_after_since_gives_when_it_began(
    running: tuple[Emulator, App], user: int, words: str
) -> None:
    """ "since 3/5" was no date: the trial was asked when the water stopped."""
    emulator, application = running
    reply = await promised.promise(emulator, user, words)
    when = "停水开始的时间" if user == REQUESTER else "when the water stopped"
    assert when in promised.noted(reply, user) and when not in promised.asked(reply, user), reply
    await _urgent_and_alerted(emulator, application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words", "answer", "photo", "pole"),
    [
        (
            REQUESTER,
            "东湖路12号门口的路灯坏了，已经三天了",
            "市政照明部门",
            "现场照片",
            "灯杆编号",
        ),
        (REQUESTER, "东湖路12号门口的路灯坏了三天了", "市政照明部门", "现场照片", "灯杆编号"),
        (
            ENGLISH,
            "The street light outside 12 Donghu Road has been broken for three days",
            "street-lighting department",
            "a photo",
            "the pole number",
        ),
    ],
)
async def test_how_long_it_has_been_broken_is_no_part_of_the_matter(
    running: tuple[Emulator, App], user: int, words: str, answer: str, photo: str, pole: str
) -> None:
    """ "已经三天了" left "已经" in the matter searched for: a bare ticket, no street light's
    answer, no photo nor pole number asked, while "坏了三天了" and the English had both."""
    emulator, _application = running
    reply = await promised.promise(emulator, user, words)
    asked = promised.asked(reply, user)
    assert answer in reply and photo in asked and pole in asked, reply
