"""Issue 14 (confident wrong answers), the subject rule alone: a template answers only a
question about its own subject (`subject.agrees`), whatever word of a kind of paper or of
asking the two share; a service named that no template knows is no template's
(`subject.names_unknown`). No database, no Telegram."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.casebook import file_templates
from bot.config import load_settings
from bot.intake.subject import agrees, first_named, names_unknown, of_subject, offered_beside
from knowledge.matcher import Match
from knowledge.text import normalise

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = {t.id: t for t in file_templates(load_settings(ROOT / "config.yaml"))}


@pytest.mark.parametrize(
    ("words", "template"),
    [
        ("How do I get a marriage certificate?", "no-criminal-record"),
        ("How do I get a birth certificate for my baby?", "no-criminal-record"),
        ("孩子上小学报名需要什么材料", "household-name-change"),
        ("出生证明怎么开", "no-criminal-record"),
    ],
)
def test_a_shared_word_of_a_kind_of_paper_is_no_subject(words: str, template: str) -> None:
    assert not agrees(TEMPLATES, TEMPLATES[template], words)


@pytest.mark.parametrize(
    ("words", "template"),
    [
        ("How do I get a marriage certificate?", "marriage-registration"),
        ("How do I get a certificate of no criminal record?", "no-criminal-record"),
        ("无犯罪记录证明去哪开", "no-criminal-record"),
        ("人民路路口井盖松了", "road-repair"),
        ("The manhole cover at People Road is loose", "road-repair"),
        ("医保卡在外地能用吗", "medical-insurance-reimbursement"),
        ("公司不给交公积金怎么办", "fund-employer-registration"),
        ("你们在哪", "office-address"),
        ("居主证怎么办", "residence-permit"),  # a typo: nothing shared to judge by
    ],
)
def test_a_question_about_the_templates_subject_agrees(words: str, template: str) -> None:
    assert agrees(TEMPLATES, TEMPLATES[template], words)


def test_of_the_matches_the_one_of_the_subject_named_comes_first() -> None:
    words = "How do I get a marriage certificate?"
    matches = [
        Match(t, 50.0, "en", "")
        for t in ("no-criminal-record", "marriage-registration", "tax-certificate")
    ]
    agreeing = of_subject(TEMPLATES, matches, words)
    assert [m.template_id for m in agreeing] == ["marriage-registration"]
    named = first_named(TEMPLATES, agreeing, words)
    assert named is not None and named.template_id == "marriage-registration"


@pytest.mark.parametrize(
    ("words", "unknown"),
    [
        ("办港澳通行证", True),
        ("我想办签证", True),
        ("renew visa", True),
        ("I want to renew my visa", True),
        ("办护照", False),  # the passport's template knows it
        ("renew passport", False),
        ("办居住证", False),
        ("renew my ID card", False),
        ("你好", False),
        ("帮帮我", False),
        ("The pension", False),
    ],
)
def test_a_service_named_that_no_template_knows(words: str, unknown: bool) -> None:
    assert names_unknown(TEMPLATES, words) is unknown


def test_a_template_that_comes_or_goes_is_read_at_once() -> None:
    """The base's terms are worked out once per set of templates, and anew when one comes or
    goes: the desk's mapping grows in place when a resolved case is approved."""
    base = dict(TEMPLATES)
    assert names_unknown(base, "我想办签证")
    visa = TEMPLATES["passport"].model_copy(update={"id": "visa", "keywords": ["签证"]})
    base["visa"] = visa
    assert not names_unknown(base, "我想办签证")
    del base["visa"]
    assert names_unknown(base, "我想办签证")


def test_waidi_is_read_as_yidi() -> None:
    """外地 and 异地 are one word to the matcher (issue 14: 医保卡在外地能用吗 and 异地就医)."""
    assert normalise("医保卡在外地能用吗") == normalise("医保卡在异地能用吗")


@pytest.mark.parametrize(
    ("words", "offered", "not_offered"),
    [
        # a place named ("on our street") is no street light's subject
        ("garbage not collected on our street", [], ["streetlight-fault"]),
        ("the rubbish hasn't been collected", [], ["power-outage", "streetlight-fault"]),
        ("垃圾好几天没人收了", [], ["streetlight-fault", "complaint-staff"]),
        # what the words are about is offered, a misspelling of it too
        ("street light flickering", ["streetlight-fault"], []),
        ("recidence permit aplication", ["residence-permit"], []),
        ("居主证怎么办", ["residence-permit"], []),
    ],
)
def test_did_you_mean_offers_only_templates_of_the_subject(
    words: str, offered: list[str], not_offered: list[str]
) -> None:
    matches = [Match(t, 40.0, "en", "") for t in [*offered, *not_offered]]
    kept = [m.template_id for m in offered_beside(TEMPLATES, matches, words)]
    assert kept == offered
