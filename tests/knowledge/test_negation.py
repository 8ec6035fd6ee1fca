"""A condition the question says is absent is no evidence for the template that requires it:
"没买房可以取公积金吗" (not bought a home: can I withdraw my housing fund?) was answered with
the purchase withdrawal, as if they had bought one. Such a template steps back behind the
templates the question does not contradict (a did-you-mean, or a person), while a question that
states the condition, or whose matter is the absence itself ("小区突然没水了"), is answered as
before."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.matcher import Band, Matcher
from knowledge.negation import _clauses, denies, negation, negation_of, states
from knowledge.text import normalise


def _terms(text: str) -> tuple[str, ...]:
    return negation(text).terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("没买房可以取公积金吗", ("买房",)),
        ("没有买房可以取公积金吗", ("买房",)),
        ("我没买过房子,能取吗", ("买房",)),
        ("不是租房,能提取公积金吗", ("租房",)),
        ("未购房能提取公积金吗", ("购房",)),
        ("I haven't bought a home, can I take out my housing fund?", ("bought", "home")),
        ("I didn’t buy a house", ("buy", "house")),
        ("Can I withdraw it without buying a home?", ("buying", "home")),
        ("I have never rented", ("rented",)),
        ("We have no water at home", ("water",)),
        ("It has not arrived. Help please!", ("arrived",)),  # not past the clause
    ],
)
def test_the_negated_terms_are_read(text: str, terms: tuple[str, ...]) -> None:
    assert _terms(text) == terms


@pytest.mark.parametrize(
    "text",
    [
        "买房可以取公积金吗",
        "有没有停车场",  # the question form negates nothing
        "是不是要交钱",
        "买没买房都能取吗",
        "非常感谢",  # nor do compounds
        "没关系,我再问问",
        "无房租房提取公积金需要什么",  # 无 makes a word with one character: 无房
        "小区突然没水了",  # one character is no term
        "Can I withdraw my housing fund to buy a home?",
    ],
)
def test_no_term_is_negated(text: str) -> None:
    assert _terms(text) == ()


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("没买房可以取公积金吗", True),
        ("不是租房,能提取公积金吗", True),
        ("I haven't bought a home, can I take out my housing fund?", True),
        ("Can I withdraw my housing fund if I did not buy a house?", True),
        ("Can I withdraw my housing fund without buying a home?", True),
        # What is wrong, not a condition: the template about it answers.
        ("还没恢复供水", False),
        ("我还没有居住证,怎么办理", False),
        ("I still haven't received my card", False),
        ("I have not registered yet, what should I do?", False),
    ],
)
def test_a_negated_condition_is_told_from_what_is_wrong(text: str, condition: bool) -> None:
    assert bool(negation(text).conditions) is condition


def test_a_phrasing_states_or_denies_a_term() -> None:
    assert states("买房后多久能提取公积金", "买房")
    assert not states("没买房可以取公积金吗", "买房")
    assert denies("没买房可以取公积金吗", "买房")
    assert states("Can I withdraw my fund to buy a home?", "buying")
    assert not states("There is no water in my home", "water")
    assert denies("There is no water in my home", "water")


@pytest.mark.parametrize(
    ("question", "language", "contradicted"),
    [
        ("没买房可以取公积金吗", "zh", "fund-withdraw-purchase"),
        ("没有买房可以取公积金吗", "zh", "fund-withdraw-purchase"),
        ("未购房能提取公积金吗", "zh", "fund-withdraw-purchase"),
        ("不是租房,能提取公积金吗", "zh", "fund-withdraw-rent"),
        (
            "I haven't bought a home, can I take out my housing fund?",
            "en",
            "fund-withdraw-purchase",
        ),
        ("I didn't buy a house, can I withdraw my housing fund?", "en", "fund-withdraw-purchase"),
        ("Can I withdraw my housing fund without buying a home?", "en", "fund-withdraw-purchase"),
        ("Can I withdraw my housing fund if I don't rent?", "en", "fund-withdraw-rent"),
    ],
)
def test_a_negated_condition_is_no_answer(
    shared_matcher: Matcher, question: str, language: str, contradicted: str
) -> None:
    matches = shared_matcher.search(question, language)
    assert matches[0].template_id != contradicted
    assert shared_matcher.band(matches) is not Band.ANSWER


@pytest.mark.parametrize(
    ("question", "language", "template"),
    [
        ("买房可以取公积金吗", "zh", "fund-withdraw-purchase"),
        ("Can I withdraw my housing fund to buy a home?", "en", "fund-withdraw-purchase"),
        ("租房可以提取公积金吗", "zh", "fund-withdraw-rent"),
        ("无房租房提取公积金需要什么", "zh", "fund-withdraw-rent"),
        # The absence is the matter: the template says it so too, or nothing else comes close.
        ("小区突然没水了", "zh", "water-outage"),
        ("why is there no water", "en", "water-outage"),
        ("We have no water at home, when will the water supply come back?", "en", "water-outage"),
        ("还没恢复供水", "zh", "water-outage"),
        ("the power never came back", "en", "power-outage"),
        ("我还没有居住证,怎么办理", "zh", "residence-permit"),
        ("no heating since Monday", "en", "heating-problem"),
    ],
)
def test_a_stated_condition_or_a_missing_supply_is_answered(
    shared_matcher: Matcher, question: str, language: str, template: str
) -> None:
    matches = shared_matcher.search(question, language)
    assert matches[0].template_id == template
    assert shared_matcher.band(matches) is Band.ANSWER


@pytest.mark.parametrize("text", ["not home won t", "not won't", "t", "n't", "no,t", "没"])
def test_odd_negations_are_read_without_failing(text: str) -> None:
    """A perturbed question ("not home won t": the "won" of "won t" taken by the phrase "not"
    negates) made the reading fail, and with it the search."""
    negation(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["not", "t", "won", "home", "没", "买房", ","]),
        max_size=12,
    )
)
def test_any_words_are_read(words: list[str]) -> None:
    reading = negation(" ".join(words))
    assert set(reading.conditions) <= set(reading.phrases)


# Words and marks a phrasing is made of here: negators (English, Chinese, traditional and
# full-width forms), the n't pieces, clause marks, and others.
_PIECES = [
    "not",
    "no",
    "t",
    "don't",
    "won’t",
    "haven t",
    "n",
    "home",
    "can I",
    "if",
    " ",
    "Ｎｏ",
    "NOT",
    ",",
    "?",
    "'",
    "’",
    "ﬁ",
    "没",
    "沒有",
    "不是",
    "不",
    "是",
    "买房",
    "無房",
    "可以",
    "非常",
    "。",
    "，",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_a_text_read_whole_reads_as_clause_by_clause(text: str) -> None:
    """A phrasing with nothing that may negate is not read clause by clause (most of a base's
    phrasings, read when the index is built): it must read the same."""
    assert negation_of(text, normalise(text)) == _clauses(text)
