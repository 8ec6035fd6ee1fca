"""A new-user trial: "我家楼上漏水" (water leaking into my home from the flat upstairs) reached
the pipe leak's template, whose answer has the requester close their own main valve and says
the pipes after it are theirs to repair. A leak from the flat above is its neighbour's: it now
reaches a template of its own, answered, in both languages, and a pipe leaking in one's own
home (or the stairwell) still reaches the pipe leak's."""

from __future__ import annotations

import pytest

from knowledge.matcher import Band, Matcher
from knowledge.templates import CaseTemplate

UPSTAIRS = "leak-from-upstairs"


@pytest.mark.parametrize(
    ("question", "language", "template"),
    [
        ("我家楼上漏水", "zh", UPSTAIRS),
        ("楼上漏水到我家了", "zh", UPSTAIRS),
        ("楼上邻居家漏水到我家", "zh", UPSTAIRS),
        ("天花板渗水", "zh", UPSTAIRS),
        ("厨房天花板滴水是楼上漏下来的", "zh", UPSTAIRS),
        ("Water is leaking from the flat above into my bathroom", "en", UPSTAIRS),
        ("my ceiling is dripping, it's coming from upstairs", "en", UPSTAIRS),
        ("Water from the apartment above is leaking into my apartment", "en", UPSTAIRS),
        ("The flat upstairs is leaking into mine", "en", UPSTAIRS),
        # a pipe of one's own home, or of the stairwell, is still the pipe leak's
        ("卫生间的水管在漏水", "zh", "water-pipe-leak"),
        ("我家厨房水管漏水了", "zh", "water-pipe-leak"),
        ("楼道里的水管漏水了", "zh", "water-pipe-leak"),
        ("A pipe has burst in my kitchen", "en", "water-pipe-leak"),
        ("my kitchen pipe is leaking", "en", "water-pipe-leak"),
        # what else is heard from upstairs stays itself
        ("楼上半夜还在装修", "zh", "noise-complaint"),
        ("楼上邻居养的狗天天叫", "zh", "animal-noise"),
        ("the dog upstairs wont stop barking", "en", "animal-noise"),
        ("我家楼下的消防栓在漏水", "zh", "public-water-facility-leak"),
    ],
)
def test_a_leak_from_upstairs_reaches_its_own_template(
    shared_matcher: Matcher, question: str, language: str, template: str
) -> None:
    matches = shared_matcher.search(question, language)
    assert matches[0].template_id == template
    assert shared_matcher.band(matches) is Band.ANSWER


def test_the_leak_from_upstairs_needs_a_person_for_one_home(
    templates: list[CaseTemplate],
) -> None:
    """A fault report for utilities, as a pipe leak is, asking the address and a photo; a
    home's own matter, not an area's (no `handling.area`: five homes' leaks from upstairs are
    five matters, bot/home_words.py); its answer no own-valve advice."""
    by_id = {t.id: t for t in templates}
    upstairs = by_id[UPSTAIRS]
    assert (upstairs.category, upstairs.department) == ("fault_report", "utilities")
    assert upstairs.needs_person and upstairs.handling is not None
    assert not upstairs.handling.area
    assert upstairs.ask_for("zh")[:2] == ["详细地址(小区、楼栋、门牌号)", "漏水处的照片"]
    assert upstairs.ask_for("en")[:2] == [
        "the exact address (estate, building, flat)",
        "a photo of the leak",
    ]
    assert "关闭家中自来水总阀" not in upstairs.answer["zh"]
    assert "close your main water valve" not in upstairs.answer["en"]
    assert "楼上住户" in upstairs.answer["zh"] and "neighbours upstairs" in upstairs.answer["en"]
