"""A template the matcher is sure of that still misses the words (`misfit.misfit`): a bill
charged twice is no question of how to pay one; a lost card's replacement answers no words
that tell no loss; a water cut's answers no words that tell hot water gone and no water cut
("no hot water").
No database, no Telegram."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import faults
from bot.casebook import file_templates
from bot.config import load_settings
from bot.intake.misfit import Misfit, charge_gone_wrong, misfit, qualified_gone, tells_loss

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = {t.id: t for t in file_templates(load_settings(ROOT / "config.yaml"))}


@pytest.mark.parametrize(
    ("words", "template", "missed"),
    [
        ("electricity bill charged twice", "utility-bill-payment", Misfit.OTHER_KIND),
        ("电费重复扣费了", "utility-bill-payment", Misfit.OTHER_KIND),
        ("电费被扣了两次", "utility-bill-payment", Misfit.OTHER_KIND),
        ("I was overcharged on my water bill", "utility-bill-payment", Misfit.OTHER_KIND),
        (
            "I'm a foreigner, how do I get a social security card?",
            "social-card-lost",
            Misfit.UNTOLD,
        ),
        ("外国人怎么办社保卡", "social-card-lost", Misfit.UNTOLD),
        ("身份证怎么办", "id-card-lost", Misfit.UNTOLD),
        ("no hot water", "water-outage", Misfit.UNTOLD),
        ("家里没有热水", "water-outage", Misfit.UNTOLD),
    ],
)
def test_a_close_template_of_another_matter_misses(
    words: str, template: str, missed: Misfit
) -> None:
    assert misfit(TEMPLATES[template], words, complaint="complaint") is missed


@pytest.mark.parametrize(
    ("words", "template"),
    [
        ("Where can I pay the electricity bill?", "utility-bill-payment"),
        ("电费在哪里缴", "utility-bill-payment"),
        ("网约车多收了我钱", "taxi-complaint"),
        ("The cab driver took a long detour and overcharged me.", "taxi-complaint"),
        ("I lost my social security card, what now?", "social-card-lost"),
        ("社保卡丢了怎么补办", "social-card-lost"),
        ("How do I renew my passport?", "passport"),
        ("护照丢失怎么补办", "passport"),
        ("no water at all since this morning", "water-outage"),
        ("小区突然没水了", "water-outage"),
        ("When will the water supply come back?", "water-outage"),
        ("停水通知在哪里看", "water-outage"),
        ("家里停电了怎么办", "power-outage"),
        ("Is the power back?", "power-outage"),
        ("What should I do if the power goes out?", "power-outage"),
        ("来电了", "power-outage"),
        ("no running water since 8am", "water-outage"),
    ],
)
def test_a_template_of_the_matter_told_fits(words: str, template: str) -> None:
    assert misfit(TEMPLATES[template], words, complaint="complaint") is None


@pytest.mark.parametrize(
    "words",
    ["电费被扣了两次", "重复扣费", "多扣了50元", "charged twice", "double-charged", "overcharged"],
)
def test_a_charge_gone_wrong_is_heard(words: str) -> None:
    assert charge_gone_wrong(words)


@pytest.mark.parametrize(
    "words", ["电费怎么交", "两次缴费之间隔多久", "How do I pay twice a year?"]
)
def test_paying_asked_is_no_charge_gone_wrong(words: str) -> None:
    assert not charge_gone_wrong(words)


@pytest.mark.parametrize(
    "words", ["社保卡丢了", "身份证被偷了", "I lost my card", "replace my card"]
)
def test_a_loss_is_heard(words: str) -> None:
    assert tells_loss(words)


@pytest.mark.parametrize(
    ("words", "cut", "kind_gone"),
    [
        ("no hot water", frozenset(), {"water"}),
        ("家里没有热水", frozenset(), {"water"}),
        ("no water", {"water"}, frozenset()),
        ("no running water", {"water"}, frozenset()),
        ("家里没有自来水", {"water"}, frozenset()),
    ],
)
def test_hot_water_gone_is_no_water_cut(
    words: str, cut: frozenset[str], kind_gone: frozenset[str]
) -> None:
    assert faults.supplies_cut_now(words) == cut
    assert qualified_gone(words) == kind_gone
