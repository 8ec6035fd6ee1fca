"""Issue 14: words after a resolution that say the work was done in part, or the ticket's own
thing still in its bad state, read as not solved (bot/resolution_words.py, bot/intake/lead.py
`still_its_own`); words that say it is solved stay solved."""

from __future__ import annotations

import pytest

from bot.config.sections import Surge
from bot.intake.lead import still_its_own
from bot.resolution_words import Said, read_after_resolution, says_not_solved


@pytest.mark.parametrize(
    "words",
    [
        "只修了一半",
        "只修好了一半",
        "只弄好了一半",
        "才修好一部分",
        "修了一半就走了",
        "补了一半就不管了",
        "修好了,不过只修好了一半",
        "only half of it was fixed",
        "they only fixed part of it",
        "only part of it was fixed",
        "They fixed only half of the road",
    ],
)
def test_work_done_in_part_is_not_solved(words: str) -> None:
    assert read_after_resolution(words).said is Said.NOT_SOLVED


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("修好了,谢谢", Said.SOLVED),
        ("已经修好了", Said.SOLVED),
        ("It is all fixed now, thanks", Said.SOLVED),
        ("一半一半吧", Said.OTHER),
    ],
)
def test_done_in_whole_or_no_verdict_is_not_done_in_part(words: str, said: Said) -> None:
    assert read_after_resolution(words).said is said


@pytest.mark.parametrize(
    ("words", "still"),
    [
        ("路面还是坑坑洼洼的", True),
        ("路面仍然坑坑洼洼", True),
        ("还是坑坑洼洼的", True),
        ("路面依然凹凸不平", True),
        ("the road is still full of holes", True),
        ("The road surface is still bumpy", True),
        ("the road is still uneven", True),
        ("路面平整了,谢谢", False),
        ("还是谢谢你们", False),
        ("the road is smooth now", False),
    ],
)
def test_still_and_a_state_of_the_road_is_not_solved(words: str, still: bool) -> None:
    assert says_not_solved(words) is still


OBJECTS = Surge().objects
POTHOLE = "我家门口的路上有个大坑"


@pytest.mark.parametrize(
    ("words", "ticket", "own"),
    [
        ("路面还是坑坑洼洼的", POTHOLE, True),
        ("the pothole is still there", "There is a big pothole in the road", True),
        ("电梯还是不能用", "幸福里3号楼从早上开始停电了", False),
        ("路灯还是不亮", POTHOLE, False),
        ("路面很平了", POTHOLE, False),
    ],
)
def test_the_tickets_own_thing_still_bad(words: str, ticket: str, own: bool) -> None:
    assert still_its_own(words, ticket, OBJECTS) is own
