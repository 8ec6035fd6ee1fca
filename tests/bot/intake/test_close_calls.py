"""Issue 14 (confident wrong answers), the rules alone: a question about how the requester's
own case stands goes to a person whatever the knowledge base says (`after_match`'s
`status`, read by `close_status.asks_own_status`); two near-tied templates the words do not
tell apart are offered, not answered (`close_tie.undecided`). No database, no Telegram."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.casebook import file_templates
from bot.config import load_settings
from bot.intake.close_status import asks_own_status
from bot.intake.close_tie import told_apart, undecided
from bot.intake.decision import Action, after_match, decide
from bot.models import DialogStep
from knowledge.matcher import Band, Match

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = {t.id: t for t in file_templates(load_settings(ROOT / "config.yaml"))}


@pytest.mark.parametrize(
    "text",
    [
        "我的居住证续签一直没办好,怎么回事?",
        "居住证办了一个月了还没下来",
        "我的居住证办理进度怎么样了",
        "社保卡还没收到",
        "审核结果出来了吗",
        "My residence permit renewal has been pending for a month, what's happening?",
        "I applied in May and still haven't heard anything",
        "What is the status of my application?",
        "I haven\u2019t received my card yet",
    ],
)
def test_the_state_of_ones_own_case_is_asked(text: str) -> None:
    assert asks_own_status(text)


@pytest.mark.parametrize(
    "text",
    [
        "居住证怎么续签",
        "居住证办好要多长时间",
        "办理进度在哪里查",
        "我还没有居住证,怎么办理",
        "我还没办居住证,能租房吗",
        "孩子还没满16岁能办身份证吗",
        "How do I renew my residence permit?",
        "How long does it take to get a residence permit?",
        "I have not registered yet, what should I do?",
    ],
)
def test_a_how_to_asks_no_case_state(text: str) -> None:
    assert not asks_own_status(text)


@pytest.mark.parametrize("band", list(Band))
@pytest.mark.parametrize("step", [None, DialogStep.NEW_QUESTION, DialogStep.CLARIFY])
def test_ones_own_case_goes_to_a_person_whatever_the_band(
    band: Band, step: DialogStep | None
) -> None:
    assert after_match(step=step, band=band, vague=True, status=True) is Action.HANDOVER
    assert (
        after_match(step=step, band=band, vague=False, needs_person=True, status=True)
        is Action.HANDOVER
    )


def test_a_fault_told_with_its_case_state_is_registered_as_before() -> None:
    """ "路灯坏了一周还没人处理": the fault now, its template's details asked."""
    told = {"step": None, "band": Band.ANSWER, "vague": False, "needs_person": True}
    assert after_match(**told, fault=True, status=True) is Action.REGISTER


def test_the_whole_table_passes_the_case_state_on() -> None:
    assert (
        decide(
            step=None,
            ticket_in_progress=False,
            asks_for_person=False,
            band=Band.ANSWER,
            vague=False,
            status=True,
        )
        is Action.HANDOVER
    )
    # A ticket in progress takes their words, as before (its staff can say how it stands).
    assert (
        decide(
            step=None,
            ticket_in_progress=True,
            asks_for_person=False,
            band=Band.ANSWER,
            vague=False,
            status=True,
        )
        is Action.INTO_TICKET
    )


def _matches(*scored: tuple[str, float]) -> list[Match]:
    return [Match(template_id, score, "zh", "", confidence=score) for template_id, score in scored]


def test_near_tied_withdrawals_not_told_apart_are_undecided() -> None:
    matches = _matches(("fund-withdraw-rent", 61.9), ("fund-withdraw-leaving", 57.8))
    assert undecided(TEMPLATES, matches, "怎么提取公积金")
    english = _matches(("fund-withdraw-rent", 81.3), ("fund-withdraw-purchase", 78.3))
    assert undecided(TEMPLATES, english, "How do I withdraw my housing fund?")


def test_words_that_name_the_runner_ups_matter_too_are_undecided() -> None:
    text = "I rent my home. Can I take out my housing fund?"
    matches = _matches(("fund-withdraw-leaving", 69.8), ("fund-withdraw-rent", 59.8))
    assert undecided(TEMPLATES, matches, text)
    # "rent" whole, never inside another word ("current").
    current = "What is the current rule to take out my housing fund when leaving?"
    assert not undecided(TEMPLATES, matches, current)


def test_words_that_name_the_best_matter_decide() -> None:
    rent, purchase = TEMPLATES["fund-withdraw-rent"], TEMPLATES["fund-withdraw-purchase"]
    assert told_apart(rent, purchase, "What do I need to withdraw my housing fund for rent?")
    assert told_apart(rent, purchase, "租房提取公积金怎么办理")
    matches = _matches(("fund-withdraw-rent", 83.2), ("fund-withdraw-purchase", 74.9))
    assert not undecided(
        TEMPLATES, matches, "What do I need to withdraw my housing fund for rent?"
    )


def test_a_runner_up_far_behind_leaves_the_best() -> None:
    matches = _matches(("fund-withdraw-rent", 63.8), ("fund-withdraw-purchase", 43.4))
    assert not undecided(TEMPLATES, matches, "怎么提取公积金")
    assert not undecided(TEMPLATES, _matches(("fund-withdraw-rent", 63.8)), "怎么提取公积金")
