"""A card (and its edit once claimed, and a handoff form) shows as much of the first inquiry
as the message holds: `inquiry.fitted` against the real templates, for any inquiry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.excerpt import MAX_MESSAGE, units
from bot.intake import inquiry, later
from bot.texts import Texts
from tests.conftest import MONDAY_9AM

TEXTS = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
WHEN = datetime(2026, 12, 1, 9, tzinfo=UTC)
CARD = {
    "ticket_id": 12345,
    "category": "fault_report",
    "priority": "normal",
    "first_response_due_at": WHEN,
    "resolution_due_at": WHEN,
    "attempts": ["路灯报修"],
    "attachments": 0,
    "kept": [],
    "earlier": [{"id": 7, "status": "closed"}],
    "statuses": {"closed": "已办结"},
}
FORM = {
    "ticket_id": 12345,
    "from_department": "general",
    "owner": "王芳",
    "summary": "需上门检查",
    "suggested": "请核实",
    "due_at": WHEN,
}


def card(language: str, owner: str | None = None) -> inquiry.Render:
    """A ticket's card as the front renders it (handlers/cards.py `card_text`)."""

    def render(values: Mapping[str, Any]) -> str:
        text = TEXTS.render("ticket_card", language, **{**CARD, **values})
        if owner is None:
            return text
        return TEXTS.render("card_claimed", language, card=text, owner=owner)

    return render


def form(language: str) -> inquiry.Render:
    return lambda values: TEXTS.render("handoff_card", language, **{**FORM, **values})


text = st.text(
    alphabet=st.sampled_from("路灯坏了。 the light,\n！😀a"),
    min_size=1,
    max_size=3000,
)
turn = st.one_of(
    text.map(lambda t: inquiry.said(t, MONDAY_9AM)),
    st.just(inquiry.asked_for_person(MONDAY_9AM)),
    st.sampled_from(["clarify", "category", "matter"]).map(
        lambda did: inquiry.bot_did(did, MONDAY_9AM)
    ),
    st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=3).map(
        lambda titles: inquiry.bot_did("answer", MONDAY_9AM, titles, ["位置"])
    ),
)


later_turn = st.tuples(text, st.sampled_from(["text", "edit", "photo", "video_note"])).map(
    lambda said: later.turn(said[0], said[1], MONDAY_9AM)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    turns=st.lists(turn, min_size=1, max_size=12),
    said_later=st.lists(later_turn, max_size=4),
    language=st.sampled_from(["zh", "en"]),
    owner=st.sampled_from([None, "王芳", "a" * 200]),
    shown_as=st.sampled_from(["card", "form"]),
)
def test_a_card_fits_a_message_and_is_whole_whenever_it_can_be(
    turns: list[inquiry.Turn],
    said_later: list[inquiry.Turn],
    language: str,
    owner: str | None,
    shown_as: str,
) -> None:
    question = inquiry.words(turns) or "人工"
    values = inquiry.whole_values(turns, question, said_later)
    render = card(language, owner) if shown_as == "card" else form(language)
    shown = inquiry.fitted(render, values)
    assert units(shown) <= MAX_MESSAGE
    whole = render(values)
    if units(whole) <= MAX_MESSAGE:
        assert shown == whole  # nothing shortened when all of it fits
    else:
        # Shortened, and it says so and where to read all of it.
        assert "/ticket 12345" in shown


def test_a_turn_longer_than_the_old_budget_is_shown_whole_when_the_card_holds_it() -> None:
    """3,500 characters of a turn fit a card (4,096): nothing is shortened."""
    words = ("小区门口的路灯连续三天不亮,晚上出行很危险。" * 160)[:3490] + "电话13800001234"
    turns = [
        inquiry.said("你好", MONDAY_9AM),
        inquiry.bot_did("clarify", MONDAY_9AM),
        inquiry.said(words, MONDAY_9AM),
    ]
    values = inquiry.whole_values(turns, f"你好\n{words}")
    for render in (card("zh"), card("zh", "王芳"), card("en", "Wang Fang"), form("zh")):
        shown = inquiry.fitted(render, values)
        assert words in shown and "节选" not in shown and "shortened" not in shown


def test_a_card_too_long_keeps_as_much_as_fits_and_says_where_the_rest_is() -> None:
    words = "路灯不亮。" * 1000
    turns = [inquiry.said("你好", MONDAY_9AM), inquiry.bot_did("clarify", MONDAY_9AM)]
    turns.append(inquiry.said(words, MONDAY_9AM))
    values = inquiry.whole_values(turns, f"你好\n{words}")
    shown = inquiry.fitted(card("zh", "王芳"), values)
    assert f"(节选:原话共 {len(words) + 3} 字,全文见 /ticket 12345)" in shown
    assert shown.endswith("✅ 已由 王芳 认领")
    # Within a sentence's length of the limit: as much as fits, not a fixed budget.
    assert MAX_MESSAGE - 10 <= units(shown) <= MAX_MESSAGE


def test_the_words_said_after_the_ticket_opened_follow_the_first_inquiry() -> None:
    """Issue 14: a card or a form shows what the requester said since the ticket opened, after
    their question, each marked as later, in both languages."""
    said_later = [
        later.turn("我家三口人", "text", MONDAY_9AM),
        later.turn("合同在此", "photo", MONDAY_9AM),
        later.turn("我家四口人", "edit", MONDAY_9AM),
    ]
    values = inquiry.whole_values([inquiry.said("路灯坏了", MONDAY_9AM)], "路灯坏了", said_later)
    assert [t["text"] for t in values["inquiry"]] == [
        "路灯坏了",
        "我家三口人",
        "合同在此",
        "我家四口人",
    ]
    assert values["question_chars"] == 4 + 5 + 4 + 5
    zh = inquiry.fitted(card("zh"), values)
    assert (
        "· 诉求人:路灯坏了\n· 诉求人(开单后):我家三口人\n· 诉求人(开单后,照片附言):合同在此\n"
        "· 诉求人(开单后修改,现为):我家四口人"
    ) in zh
    en = inquiry.fitted(form("en"), values)
    assert (
        "· Requester: 路灯坏了\n· Requester (after the ticket opened): 我家三口人\n"
        "· Requester (after the ticket opened, with a photo): 合同在此\n"
        "· Requester (edited after the ticket opened, now reads): 我家四口人"
    ) in en
    # Without later words, a lone question shows as before: no turns.
    assert (
        inquiry.whole_values([inquiry.said("路灯坏了", MONDAY_9AM)], "路灯坏了")["inquiry"] == []
    )
