"""Traditional characters reach the decisions their Simplified forms reach (issue 14: "和平小區
3號樓停電了" got "did you mean" while "和平小区3号楼停电了" opened an urgent ticket): every reader
of the desk sees a text's reading form (bot/reading.py), and what it gives back of the
requester's words is cut from what they wrote. Pure functions, no database."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot import faults, hazard, priority
from bot.intake.announcement import leading_notice
from bot.intake.new_matter import led_question
from bot.intake.openers import wants_person
from bot.intake.small_words import is_opening
from bot.places import where
from bot.progress_words import asks_progress
from bot.reading import reading
from bot.resolution_words import Said, read_after_resolution, says_not_solved
from bot.rules import Rules
from bot.same_matter import subject
from bot.withdrawal_words import says_withdrawn

# (a reader, the words in Simplified, as written in Traditional: Taiwan's or Hong Kong's)
READERS: list[tuple[str, Callable[[str], object], str, str]] = [
    ("danger", hazard.kinds, "楼道里有烟,好像着火了", "樓道裡有煙,好像著火了"),
    ("danger", hazard.kinds, "电梯里困了人,出不来", "電梯裏困了人,出不來"),
    (
        "cut",
        faults.supplies_cut_now,
        "和平小区3号楼停电了,整栋楼都没电",
        "和平小區3號樓停電了,整棟樓都沒電",
    ),
    ("fault", faults.reports_fault, "路灯坏了三天了", "路燈壞了三天了"),
    ("not solved", says_not_solved, "还是没修好", "還是沒修好"),
    ("progress", asks_progress, "我的工单处理到哪一步了", "我的工單處理到哪一步了"),
    ("withdrawn", says_withdrawn, "撤销吧,不用了", "撤銷吧,不用了"),
    ("person", wants_person, "我要转人工", "我要轉人工"),
    ("opener", is_opening, "我想咨询一下", "我想諮詢一下"),
    ("place", lambda t: where(t).places, "和平小区3号楼停电了", "和平小區3號樓停電了"),
    ("surge", lambda t: subject(t, None).supplies, "3号楼停电了", "3號樓停電了"),
]


@pytest.mark.parametrize(
    ("reader", "simplified", "traditional"),
    [(reader, s, t) for _, reader, s, t in READERS],
    ids=[f"{kind}-{s}" for kind, _, s, _ in READERS],
)
def test_traditional_words_are_read_as_their_simplified_form(
    reader: Callable[[str], object], simplified: str, traditional: str
) -> None:
    heard = reader(simplified)
    assert heard  # the reader hears something in the Simplified words
    assert reader(traditional) == heard


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("和平小区3号楼停电了,整栋楼都没电", "和平小區3號樓停電了,整棟樓都沒電"),
        ("楼道里有烟,好像着火了", "樓道裡有煙,好像著火了"),
    ],
)
def test_the_same_priority_and_danger(rules: Rules, simplified: str, traditional: str) -> None:
    assert priority.keyword_priority(rules, traditional, "normal") == priority.keyword_priority(
        rules, simplified, "normal"
    )
    assert priority.emergency_words(rules, traditional) == priority.emergency_words(
        rules, simplified
    )


def test_not_solved_after_a_resolution_and_the_remark_as_written() -> None:
    assert read_after_resolution("還是沒修好").said is Said.NOT_SOLVED
    said = read_after_resolution("修好了,不過師傅把地弄髒了")
    assert (said.said, said.remark) == (Said.SOLVED, "師傅把地弄髒了")  # not rewritten


def test_the_words_kept_are_those_written() -> None:
    notice = leading_notice("通知:本週六停水。另外我家廚房水管漏水了,怎麼辦?")
    assert notice is not None
    assert (notice.notice, notice.own) == ("通知:本週六停水。", "另外我家廚房水管漏水了,怎麼辦?")
    led = led_question("謝謝。另外我家門口的路燈壞了")
    assert led is not None
    assert (led.lead, led.rest) == ("謝謝。另外", "我家門口的路燈壞了")


def test_the_reading_form_is_as_long_as_the_text() -> None:
    written = "臺灣的著名景點,著火了,睡著了;Ｂuilding 3 停電"
    assert reading(written) == "台湾的著名景点,着火了,睡着了;Building 3 停电"
    assert len(reading(written)) == len(written)
