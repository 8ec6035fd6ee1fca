"""Words beside a ticket in hand that ask or complain of another matter the knowledge base
knows (`other_asked`, `own_kind.complaint_apart`, `different_matter.differs`): a tester's
"我要投诉,户口迁移办了三个月还没办好,窗口工作人员态度很差" and "my pension payment did not arrive
this month" beside a street light's ticket were filed into it. A keyword of another matter
named with no asking ("户口本在这里" beside a housing ticket) is not so; nor is a count or a
span of time a word of a matter ("了三", "three")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.desk import Desk
from bot.intake.different_matter import Differs, differs
from bot.intake.other_asked import says_not_done, tells_other_not_done
from bot.intake.own_kind import apart_from
from bot.matter_terms import terms
from bot.models import Requester, Ticket
from tests.bot.intake.test_apart_from import desk  # noqa: F401 (the fixture)

LIGHT = ("我家门口的路灯坏了三天了", "fault_report", "utilities")
LIGHT_EN = (
    "The street light outside my door has been broken for three days",
    "fault_report",
    "utilities",
)
HOUSING = ("我想申请公租房", "service_request", "housing")
CARD = ("社保卡丢了怎么办", "service_request", "social_security")


def _ticket(question: str, category: str, department: str) -> Ticket:
    ticket = Ticket(question=question, category=category, department_key=department, inquiry=None)
    ticket.opened_at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    return ticket


def _requester(text: str) -> Requester:
    return Requester(language="en" if text.isascii() else "zh")


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("这个月的养老金没到账", False),
        ("户口迁移办了三个月还没办好", False),
        ("my pension payment did not arrive this month", False),
        ("The benefit hasn't been paid yet", False),
        ("户口本在这里", True),
        ("The street light is broken", True),
        ("我在家等着", True),
    ],
)
def test_not_done_said(text: str, done: bool) -> None:
    assert says_not_done(text) is not done


def test_counts_and_spans_of_time_are_no_words_of_a_matter() -> None:
    assert not terms("我家门口的路灯坏了三天了") & terms("户口迁移办了三个月还没办好")
    assert not terms("broken for three days") & terms("three months and no pension")
    assert {"路灯", "户口"} <= terms("路灯") | terms("户口迁移")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("ticket", "text", "asks"),
    [
        (LIGHT_EN, "my pension payment did not arrive this month", True),
        (LIGHT, "这个月的养老金没到账", True),
        (LIGHT, "户口迁移办了三个月还没办好", True),
        (HOUSING, "户口本在这里", False),
        (LIGHT, "路灯还是不亮", False),
        (LIGHT, "还是没修好", False),
        (LIGHT, "还是没人来修,说好几点来也没来", False),
        (LIGHT_EN, "It is still not working", False),
        (LIGHT_EN, "Nobody has come yet, what is the address you have?", False),
        (CARD, "社保卡还没办好", False),
        # A question names no matter not done (a question of another matter the knowledge
        # base answers leaves the ticket by `close.other_matter`).
        (LIGHT, "需要带身份证吗?", False),
    ],
)
async def test_another_matter_said_not_done(
    desk: Desk,  # noqa: F811
    ticket: tuple[str, str, str],
    text: str,
    asks: bool,
) -> None:
    requester = _requester(text)
    assert tells_other_not_done(desk, _ticket(*ticket), text, requester.language) is asks


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("ticket", "text", "apart"),
    [
        (LIGHT, "我要投诉,户口迁移办了三个月还没办好,窗口工作人员态度很差", True),
        (
            LIGHT_EN,
            "I want to complain, my hukou transfer has taken three months and the staff at"
            " the window were rude",
            True,
        ),
        (LIGHT, "我要投诉,我的路灯报修三天了还没人来修,态度太差了", False),
        (LIGHT, "我要投诉,你们拖了这么久", False),
        (LIGHT, "我要投诉,说好几点来修也没来,态度太差", False),
        # A complaint of another matter's handling, a complaint's matter of its own.
        (CARD, "我要投诉,隔壁装修噪音你们一直不管", True),
        (CARD, "我要投诉,社保卡补办这么慢", False),
    ],
)
async def test_a_complaint_of_another_matter_s_handling_is_apart(
    desk: Desk,  # noqa: F811
    ticket: tuple[str, str, str],
    text: str,
    apart: bool,
) -> None:
    assert apart_from(desk, _requester(text), _ticket(*ticket), text) is apart


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("ticket", "text"),
    [
        (LIGHT_EN, "my pension payment did not arrive this month"),
        (LIGHT, "这个月的养老金没到账"),
        (LIGHT, "养老金三个月了还没到账"),
    ],
)
async def test_another_matter_not_done_beside_the_ticket_is_asked_about(
    desk: Desk,  # noqa: F811
    ticket: tuple[str, str, str],
    text: str,
) -> None:
    """Soon after the ticket's opening or later: the requester is asked."""
    found = _ticket(*ticket)
    for after in (timedelta(minutes=1), timedelta(hours=1)):
        when = found.opened_at + after
        assert differs(desk, _requester(text), found, text, when) is Differs.ASK
