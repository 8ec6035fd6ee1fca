"""A short follow-up right after an answer, read with that answer (issue 14: "要多久能拿到?"
after the residence permit's answer opened a bare ticket)."""

from __future__ import annotations

import pytest

from bot.intake.asked_more import Aspect, asked_aspect, covering

PERMIT = (
    "在本市居住满半年,并有合法稳定就业、稳定住所或连续就读之一的,可申领居住证。"
    "材料:身份证、近期照片、住所证明(租赁合同或房产证明)及就业或就读证明。\n"
    "先到居住地社区登记居住信息,再到市民服务中心或派出所提交申请,一般15个工作日内发证。"
)
PERMIT_EN = (
    "After living here for six months with a stable job, stable home or school enrolment, "
    "you can apply for a residence permit. Bring your ID card, a recent photo and proof of "
    "address.\nRegister your address with the local community first, then apply at the "
    "centre or a police station; the permit is normally issued within 15 working days."
)
FUND = "离职后一般不能直接提取,可办理封存或转移到新工作地继续使用。转移可在新缴存地线上申请。"


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("要多久能拿到?", Aspect.TIME),
        ("多长时间能办好", Aspect.TIME),
        ("How long does it take?", Aspect.TIME),
        ("那要带什么材料?", Aspect.MATERIALS),
        ("What documents do I need?", Aspect.MATERIALS),
        ("在哪办?", Aspect.PLACE),
        ("Where do I go?", Aspect.PLACE),
        ("多少钱?", Aspect.COST),
        ("How much does it cost?", Aspect.COST),
    ],
)
def test_a_short_follow_up_asks_one_thing_of_the_matter(text: str, aspect: Aspect) -> None:
    assert asked_aspect(text) is aspect


@pytest.mark.parametrize(
    "text",
    [
        "办护照要多久?",
        "居住证要多久",
        "我家门口的路灯坏了",
        "什么时候来修?",
        "When will it be fixed?",
    ],
)
def test_a_question_naming_its_own_matter_is_no_follow_up(text: str) -> None:
    assert asked_aspect(text) is None


def test_the_sentence_that_says_it_is_found() -> None:
    assert "15个工作日" in (covering(PERMIT, Aspect.TIME) or "")
    assert (covering(PERMIT, Aspect.MATERIALS) or "").startswith("材料")
    assert "15 working days" in (covering(PERMIT_EN, Aspect.TIME) or "")
    assert "Bring" in (covering(PERMIT_EN, Aspect.MATERIALS) or "")


def test_an_answer_that_does_not_say_it_covers_nothing() -> None:
    assert covering(FUND, Aspect.MATERIALS) is None
    assert covering(FUND, Aspect.TIME) is None
    assert covering(PERMIT, Aspect.COST) is None
