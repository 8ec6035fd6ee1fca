"""A question in Chinese and English at once is searched in each language it has words of, the
better search kept (knowledge/mixed.py); a question of one script only in its own language."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from knowledge.matcher import Band, Matcher
from knowledge.mixed import best_of, scripts, searched_in
from knowledge.text import normalise

BOTH = ("en", "zh")


@pytest.mark.parametrize(
    ("question", "chinese", "english"),
    [
        ("我的passport丢了怎么办?", True, True),
        ("How do I 补办 my 社保卡?", True, False),  # how, do, my: only how it is asked
        ("请问怎么renew我的driving licence?", True, True),
        ("wifi密码是多少", True, True),
        ("灯杆编号LD-0457的路灯不亮", True, False),  # a pole number's letters
        ("3号楼A12室停水了", True, False),
        ("I live at 幸福路 23", True, True),
        ("Is the 路 closed?", False, True),  # one Chinese character: no word
        ("How do I renew my driving licence?", False, True),
        ("社保卡丢了怎么补办", True, False),
    ],
)
def test_the_scripts_a_question_has_words_of(question: str, chinese: bool, english: bool) -> None:
    assert scripts(normalise(question)) == (chinese, english)


@pytest.mark.parametrize(
    ("question", "language", "searched"),
    [
        ("我的passport丢了怎么办?", "zh", ("zh", "en")),
        ("How do I 补办 my 社保卡?", "en", ("en", "zh")),
        ("Where do I apply for a 护照?", "en", ("en", "zh")),
        ("我的护照丢了怎么办?", "zh", ("zh",)),
        ("I lost my passport, what do I do?", "en", ("en",)),
        ("How do I 补办 my 社保卡?", "zh", ("zh",)),  # its English only says how it is asked
        ("灯杆编号LD-0457的路灯不亮", "zh", ("zh",)),
        ("我的passport丢了怎么办?", None, (None,)),  # every language at once already
    ],
)
def test_a_question_is_searched_in_the_languages_it_has_words_of(
    question: str, language: str | None, searched: tuple[str | None, ...]
) -> None:
    assert searched_in(normalise(question), language, BOTH) == searched


def test_a_language_the_base_lacks_is_not_searched() -> None:
    assert searched_in(normalise("Where do I apply for a 护照?"), "en", ("en",)) == ("en",)


@dataclass(frozen=True)
class _Found:
    name: str
    confidence: float


def _band(found: object) -> str:
    """An answer from 60, an offer from 30, as the thresholds of one language might say."""
    confidence = found[0].confidence if found else 0.0  # type: ignore[index]
    return "answer" if confidence >= 60 else "suggest" if confidence >= 30 else "handover"


def test_the_better_band_is_kept_then_the_surer_then_the_own_language() -> None:
    own, other = [_Found("own", 40.0)], [_Found("other", 70.0)]
    assert best_of([own, other], _band) is other  # answered, not offered
    assert best_of([[_Found("own", 20.0)], [_Found("other", 25.0)]], _band)[0].name == "other"
    assert best_of([[], own], _band) is own
    tie = [_Found("other", 40.0)]
    assert best_of([own, tie], _band) is own
    assert best_of([own], _band) is own


@pytest.mark.parametrize(
    ("question", "language", "template"),
    [
        ("我的passport丢了怎么办?", "zh", "passport"),
        ("How do I 补办 my 社保卡?", "en", "social-card-lost"),
        ("Where do I apply for a 护照?", "en", "passport"),
        ("请问怎么renew我的driving licence?", "zh", "driving-licence-renewal"),
    ],
)
def test_a_mixed_question_finds_its_template_in_the_other_language(
    shared_matcher: Matcher, question: str, language: str, template: str
) -> None:
    matches = shared_matcher.search(question, language)
    assert matches[0].template_id == template
    assert shared_matcher.band(matches) is Band.ANSWER
