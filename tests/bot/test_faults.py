"""A fault report told by its kind (issue 14): a public thing and a state that says it is
broken, missing, blocked or fallen, in either language; a requester's own things lost and
denied states are none."""

from __future__ import annotations

import pytest

from bot.faults import cut_supplies, reports_fault, supplies_cut_now


@pytest.mark.parametrize(
    "text",
    [
        "下水道堵了",
        "井盖丢了",
        "树倒了压住了一辆车",
        "小区门口的路灯一直不亮",
        "幸福路3号楼没水了",
        "No water at all in Xingfu Road estate since this morning",
        "the drain is blocked",
        "manhole cover is missing",
        "a tree fell on a car",
        "there is a blocked drain outside my building",
        "the street lights are out on Park Road",
        "The drain in our building is blocked and sewage is coming up",
        "the street light next door is out too",
        "the lamp post opposite is down",
        "电梯还是不能用",
        "the lift still doesn't work",
        "the elevator won't work",
    ],
)
def test_a_thing_broken_missing_blocked_or_fallen_is_a_fault(text: str) -> None:
    assert reports_fault(text)


@pytest.mark.parametrize(
    "text",
    [
        "井盖没丢",
        "the drain is not blocked",
        "我的身份证丢了",
        "I lost my ID card",
        "小区没电梯",
        "there is no gas leak",
        "水费怎么交",
        "How do I pay my water bill",
        "我上个月提交的材料到现在还没有消息",
        "the clerk was rude to me",
    ],
)
def test_other_words_and_denied_states_are_none(text: str) -> None:
    assert not reports_fault(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("幸福里3号楼停电了", {"power"}),
        ("我们小区电停了", {"power"}),
        ("小区停水一整天了", {"water"}),
        ("楼里没水也没电了", {"water", "power"}),
        ("Xingfuli building 3 is dark", {"power"}),
        ("Xingfuli has had no power since 8pm", {"power"}),
        ("the power is out in our block", {"power"}),
        ("we lost power an hour ago", {"power"}),
        ("There is a blackout on our street", {"power"}),
        ("The water supply has been cut", {"water"}),
        ("no heating since Monday", {"heating"}),
        # no cut: a notice or a plan of one, one denied, a street gone dark, the lift
        ("停电通知:本周六计划停电", set()),
        ("planned power outage tomorrow", set()),
        ("没有停电,是电梯坏了", set()),
        ("the street is dark, the light is broken", set()),
        ("什么时候来电", set()),
        ("电梯停了", set()),
        ("水龙头漏水", set()),  # a leak, not the water cut
    ],
)
def test_a_supply_cut_off_in_either_language(text: str, cut: set[str]) -> None:
    assert cut_supplies(text) == cut


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("幸福里3号楼停电了", {"power"}),
        ("幸福里3号楼整栋楼都没电了,电梯也停了", {"power"}),
        ("幸福里3号楼从早上8点就没电了", {"power"}),
        ("楼里没水也没电了", {"water", "power"}),
        ("为什么又停电了", {"power"}),
        ("Xingfuli building 3 is dark", {"power"}),
        ("No power in Xingfuli building 3 since 8am", {"power"}),
        ("The power is out in Xingfuli building 3", {"power"}),
        ("Blackout in Xingfuli building 3", {"power"}),
        ("The whole of Xingfuli building 3 has been dark for two hours", {"power"}),
        # taps that give nothing: the water cut (a tester's went to the category buttons)
        ("Our taps are dry in Yangguang Garden block 2", {"water"}),
        ("The taps in our flat have run dry", {"water"}),
        ("Nothing comes out of the taps", {"water"}),
        ("阳光花园2号楼我家水龙头一滴水都不出了", {"water"}),
        ("拧开水龙头不出水", {"water"}),
        ("My taps are not dry", set()),
        # no cut now: asked how to report one, asked about, planned, past, denied, a device
        ("停电报修电话是多少", set()),
        ("What number do I call for a power cut?", set()),
        ("停水了找谁", set()),
        ("明天停电吗", set()),
        ("是计划停电吗", set()),
        ("Is there a power outage in Xingfuli?", set()),
        ("昨天停电了", set()),
        ("没有停电,是电梯坏了", set()),
        ("手机没电了", set()),
        ("my phone has no power", set()),
    ],
)
def test_a_supply_cut_now_in_any_words(text: str, cut: set[str]) -> None:
    assert supplies_cut_now(text) == cut
    assert reports_fault(text) == bool(cut) or "电梯坏了" in text


def test_a_device_gone_flat_is_no_fault() -> None:
    assert not reports_fault("手机没电了")
    assert not reports_fault("my phone has no power")


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("还没来电", {"power"}),
        ("怎么还没来电啊", {"power"}),
        ("到现在还没通电", {"power"}),
        ("电还没来", {"power"}),
        ("还没恢复供水", {"water"}),
        ("The power still isn't back", {"power"}),
        ("power's not back yet", {"power"}),
        ("the water hasn’t come back on", {"water"}),
        ("还没来电话", set()),
        ("电梯还没来", set()),
        ("充电还没好", set()),
        ("来电了", set()),
        ("Is the power back?", set()),
    ],
)
def test_a_supply_not_back_yet_is_still_cut(text: str, cut: set[str]) -> None:
    """ "Still no power" in other words (issue 14): the power cut's follow-up is named by it."""
    assert cut_supplies(text) == cut


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # asked whether it is cut, then told it is (issue 14, a tester's went in as "normal")
        ("是不是停水了?幸福里3号楼一点水都没有", {"water"}),
        ("是不是停水了?幸福里3号楼没水了", {"water"}),
        ("是不是停水了?幸福里3号楼水龙头不出水", {"water"}),
        ("停水了吗?家里一滴水也没有了", {"water"}),
        ("是不是停水了?家里没有一滴水", {"water"}),
        ("停电了吗?3号楼一点电都没有", {"power"}),
        ("家里连电都没有", {"power"}),
        ("暖气也没有了", {"heating"}),
        ("水龙头一滴水都不出来", {"water"}),
        ("Is the water off? There's no water at all in building 3 of Xingfu Li", {"water"}),
        ("Is the water off? Not a drop of water in building 3", {"water"}),
        ("Is the water off? The water has stopped", {"water"}),
        ("The water has been turned off in building 3", {"water"}),
        # the question alone stays a question; none of a supply's other words is a cut
        ("是不是停水了?", set()),
        ("Is the water off?", set()),
        ("这个月薪水都没有", set()),
        ("来电都没有", set()),
        ("水都没有人管", set()),
        ("手机一点电都没有了", set()),
        ("我没有一点气力", set()),
        ("I turned off the water", set()),
    ],
)
def test_a_cut_told_beside_a_question_whether_it_is_on(text: str, cut: set[str]) -> None:
    """A question whether the supply is cut, then the fact ("一点水都没有"): the cut now."""
    assert supplies_cut_now(text) == cut
    assert reports_fault(text) == bool(cut)
