"""Issue 14, the same matter in Chinese and in English (pure readers): a generic estate is no
name, a wrong charged is what happened, an estate's name before its building is a place,
a coat coming away is a fault, a supply's cut asked about names it, a runner-up not told
apart from the best is as close, and a lift stuck with nobody said inside is no danger yet."""

from __future__ import annotations

import pytest

from bot import faults, hazard
from bot.danger_matter import of_matter
from bot.details import ACCOUNT, LOCATION, TIME, given, matter_of, stated
from bot.intake.close_tie import near_tied
from bot.intake.close_tie import undecided as undecided_between
from knowledge.matcher import Match
from tests.bot.intake.test_close_calls import TEMPLATES


@pytest.mark.parametrize(
    "text",
    [
        "我要投诉小区物业乱收费,每月多收50元",
        "反映小区停水",
        "投诉小区门口乱停车",
        "我们小区停电了",
    ],
)
def test_a_generic_estate_after_an_opener_is_no_name(text: str) -> None:
    assert LOCATION not in given(text)


@pytest.mark.parametrize(
    "text",
    ["我要投诉和平小区物业", "我住在幸福里小区", "In Xingfuli building 3 the lights are out"],
)
def test_a_named_estate_is_a_place(text: str) -> None:
    assert LOCATION in given(text)


def test_an_english_estate_before_its_building_is_left_out_of_the_matter() -> None:
    assert "Xingfuli" not in matter_of("Is there a power outage in Xingfuli building 3?")
    assert matter_of("In building 3 there is no power").startswith("In")


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("锦绣花园5号楼外面的路灯从周四开始就坏了", "周四"),
        ("路灯从上周一起就不亮了", "上周"),
        ("The street light has been broken since Thursday", "Thursday"),
    ],
)
def test_the_day_a_fault_began_is_a_time_given_and_no_part_of_the_matter(
    text: str, left: str
) -> None:
    """A tester's "…路灯从周四开始就坏了" missed the street light's template that its
    English twin ("since Thursday") found: the day it began is a detail, as the address is."""
    assert TIME in given(text)
    assert left not in matter_of(text) and (
        "路灯" in matter_of(text) or "light" in matter_of(text)
    )


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("我要投诉小区物业乱收费,每月多收50元", True),
        ("I want to complain about the property company, it charges us 50 yuan extra", True),
        ("The property manager overcharged me", True),
        ("我要投诉物业", False),
        ("I want to complain about the property company", False),
    ],
)
def test_a_wrong_charged_tells_what_happened(text: str, told: bool) -> None:
    assert (ACCOUNT in stated(text)) is told


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("The plaster on my ceiling is peeling off", True),
        ("Tiles are coming off the wall", True),
        ("天花板的墙皮在脱落", True),
        ("吊顶掉下来一块", True),
        ("How do I paint my wall?", False),
        ("The tiles are beautiful", False),
    ],
)
def test_a_coat_coming_away_is_a_fault_in_either_language(text: str, fault: bool) -> None:
    assert faults.reports_fault(text) is fault


@pytest.mark.parametrize(
    ("text", "supplies"),
    [
        ("What is going on with the power cut in Xingfuli building 3?", {"power"}),
        ("When will the power come back?", {"power"}),
        ("幸福里3号楼什么时候来电?", {"power"}),
        ("停水是怎么回事?", {"water"}),
        ("明天停电吗?", set()),
        ("Will there be a power cut tomorrow?", set()),
        ("What should I do if the power goes out?", set()),
        ("我的手机没电了", set()),
    ],
)
def test_a_supply_s_cut_asked_about_names_it(text: str, supplies: set[str]) -> None:
    assert faults.supplies_named(text) == supplies


def _matches(*scored: tuple[str, float]) -> list[Match]:
    return [Match(template_id, score, "en", "", confidence=score) for template_id, score in scored]


def test_a_runner_up_not_told_apart_is_as_close_from_a_wider_share() -> None:
    matches = _matches(("fund-withdraw-rent", 51.2), ("fund-withdraw-purchase", 43.1))
    assert not near_tied(matches)
    assert undecided_between(TEMPLATES, matches, "怎么提取住房公积金?")
    # words that name the best's own matter decide at that share
    assert not undecided_between(TEMPLATES, matches, "租房怎么提取住房公积金?")
    # and further apart, the best is answered
    far = _matches(("fund-withdraw-rent", 51.2), ("fund-withdraw-purchase", 38.0))
    assert not undecided_between(TEMPLATES, far, "怎么提取住房公积金?")


@pytest.mark.parametrize(
    ("text", "trapped"),
    [
        ("电梯卡在5楼不动了", False),
        ("The lift is stuck on the 5th floor", False),
        ("我被卡在电梯里了", True),
        ("I am stuck in the lift", True),
        ("电梯卡住了,我妈在里面", True),
        ("The lift is stuck and my son is inside", True),
    ],
)
def test_a_stuck_lift_is_a_danger_only_with_someone_in_it(text: str, trapped: bool) -> None:
    assert ("trapped" in hazard.kinds(text)) is trapped


@pytest.mark.parametrize(
    ("danger", "ours"),
    [
        ("有人被困在里面,快来人", True),
        ("Yes, my neighbour is trapped inside", True),
        ("有人被困在车库里", False),
    ],
)
def test_someone_trapped_inside_is_the_lift_ticket_s(danger: str, ours: bool) -> None:
    assert of_matter(danger, "电梯卡在5楼不动了") is ours


@pytest.mark.parametrize(
    "text",
    [
        "这个停水会影响到3号楼吗?我家有老人需要透析用水",
        "Will the water outage affect building 3? My father needs his dialysis machine",
    ],
)
def test_whether_a_cut_reaches_somewhere_names_no_cut_of_theirs(text: str) -> None:
    assert faults.supplies_named(text) == frozenset()
