"""Someone depending on a supply an outage cuts (a fresh tester: "这个停水会影响到3号楼吗?我家
有老人需要透析用水" opened as an ordinary fault report, its first reply due days later): the
ticket is urgent, with the words that tell why, in both languages; no danger is heard (no
emergency numbers); a dependence denied, or without an outage, raises nothing."""

from __future__ import annotations

import pytest

from bot import hazard, peril_needs
from bot.priority import keyword_priority
from bot.rules import Rules


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("这个停水会影响到3号楼吗?我家有老人需要透析用水", ["透析"]),
        ("明天计划停电,我爸在家用制氧机", ["制氧机"]),
        ("停电了,我妈的呼吸机怎么办", ["呼吸机"]),
        ("Will the water outage affect building 3? My father needs dialysis", ["dialysis"]),
        ("Power cut on our street, my father is on a home ventilator", ["ventilator"]),
        ("Is there a blackout tonight? Our insulin has to stay cold", ["insulin"]),
        ("我妈要做透析,医院在哪", []),  # no outage
        ("停电了,家里没有人用呼吸机", []),  # denied
        ("家里停水了", []),
        ("insulin pricing question", []),
    ],
)
def test_a_dependence_on_a_cut_supply_is_heard(rules: Rules, text: str, needs: list[str]) -> None:
    assert peril_needs.dependence(text) == needs
    assert not hazard.dangers(text)  # no danger now: no emergency numbers
    priority, hits = keyword_priority(rules, text, "normal")
    if needs:
        assert priority == "urgent" and set(needs) <= set(hits)
    else:
        assert not set(hits) & {"透析", "呼吸机", "insulin"}
