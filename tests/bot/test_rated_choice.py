"""A rating typed in words, as pure functions (issue 14): a rating leading another matter is
split from it (`new_matter.rated_and_new`); which tickets a rating may be for; a ticket's
question on one line for a button (bot/rated_choice.py)."""

from __future__ import annotations

import pytest

from bot.intake.new_matter import led_question, rated_and_new
from bot.intake.reply import Reply
from bot.rated_choice import one_line, rating_of


@pytest.mark.parametrize(
    ("text", "lead", "rest", "score"),
    [
        ("5星,另外我家门口的路灯坏了好几天了", "5星,另外", "我家门口的路灯坏了好几天了", 5),
        (
            "5 stars. Also, the street light outside my door has been broken for a week",
            "5 stars. Also,",
            "the street light outside my door has been broken for a week",
            5,
        ),
        ("给4星吧,谢谢!另外,社保卡丢了怎么补办?", "给4星吧,谢谢!另外,", "社保卡丢了怎么补办?", 4),
    ],
)
def test_a_rating_leads_another_matter(text: str, lead: str, rest: str, score: int) -> None:
    led = led_question(text)
    assert led is not None
    assert (led.reply, led.lead, led.rest, led.score) == (Reply.SOLVED, lead, rest, score)


@pytest.mark.parametrize(
    "text", ["5星", "5 stars", "5, also the light", "5星,谢谢", "我住5楼,另外路灯坏了"]
)
def test_no_rating_lead(text: str) -> None:
    assert rated_and_new(text) is None


def test_a_rating_said_not_a_bare_number() -> None:
    assert rating_of("5星") == 5 and rating_of("5 stars") == 5
    assert rating_of("5") is None and rating_of("5楼") is None


def test_one_line() -> None:
    label = one_line("我家楼下的垃圾好几天没人清理了\n(转发的消息,邻居也这么说)")
    assert "\n" not in label and len(label) == 24 and label.endswith("…")
    assert one_line("  short\n text ") == "short text"
