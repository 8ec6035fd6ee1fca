"""What the requester said after their ticket opened (bot/intake/later.py): which of the
ticket's messages are later words, and how a topic replacing one deleted words them, in both
languages."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.intake import inquiry, later
from bot.models import Direction, Ticket, TicketMessage
from bot.texts import Texts
from tests.conftest import MONDAY_9AM

TEXTS = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
KINDS = ["text", "edit", "photo", "poll", "location"]


def _message(kind: str, text: str, minutes: int, direction: Direction) -> TicketMessage:
    return TicketMessage(
        ticket_id=1,
        direction=direction,
        content_type=kind,
        text=text,
        created_at=MONDAY_9AM + timedelta(minutes=minutes),
    )


message = st.builds(
    _message,
    st.sampled_from(KINDS),
    st.sampled_from(["", " ", "我家三口人", "合同"]),
    st.integers(0, 3),
    st.sampled_from(list(Direction)),
)


@given(st.lists(message, max_size=8))
def test_later_words_are_the_requesters_own_in_order_and_nothing_that_came_with_the_question(
    filed: list[TicketMessage],
) -> None:
    ticket = Ticket(id=1, opened_at=MONDAY_9AM + timedelta(minutes=1))
    turns = later.later_turns(ticket, filed)
    expected = [
        m
        for m in filed
        if m.direction is Direction.IN
        and m.text.strip()
        and (
            m.content_type in ("text", "edit")
            or (m.content_type not in ("poll",) and m.created_at > ticket.opened_at)
        )
    ]
    assert [(t["text"], t["kind"]) for t in turns] == [(m.text, m.content_type) for m in expected]
    assert all(t["by"] == "requester" and t["later"] for t in turns)
    edits = later.later_turns(ticket, filed, kinds=("edit",))
    assert [t["text"] for t in edits] == [m.text for m in expected if m.content_type == "edit"]


def test_a_replacement_topic_shows_the_question_as_edited_in_both_languages() -> None:
    edited = [later.turn("我想申请公租房,四口人", "edit", MONDAY_9AM)]
    values = inquiry.whole_values([], "我想申请公租房", edited)
    shown = {"ticket_id": 7, "owner": "王芳", "question": "我想申请公租房"}
    zh = TEXTS.render("topic_reopened", "zh", **shown, inquiry=values["inquiry"])
    assert "· 诉求人:我想申请公租房\n· 诉求人(开单后修改,现为):我想申请公租房,四口人" in zh
    en = TEXTS.render("topic_reopened", "en", **shown, inquiry=values["inquiry"])
    assert (
        "· Requester: 我想申请公租房\n"
        "· Requester (edited after the ticket opened, now reads): 我想申请公租房,四口人"
    ) in en
    plain = TEXTS.render("topic_reopened", "en", **shown, inquiry=[])
    assert plain.endswith("In their words: 我想申请公租房")


def test_staff_turns_name_the_officer_in_their_place_in_both_languages() -> None:
    """What staff wrote to the requester, among the requester's words, in order, each line
    naming who said it (issue 14: the exchange under an unclaimed ticket's card)."""
    ticket = Ticket(id=1, opened_at=MONDAY_9AM)
    filed = [
        _message("text", "请问您家几口人?", 1, Direction.OUT),
        _message("text", "三口人", 2, Direction.IN),
        _message("edit", "请问您家几口人?户口本上的", 3, Direction.OUT),
        _message("photo", "这是户口本", 4, Direction.OUT),
        _message("text", "内部备注", 5, Direction.NOTE),
    ]
    for message in filed:
        message.author_id = None if message.direction is Direction.IN else 100101
    names = {100101: "王芳"}.get
    # Without names: the requester's words alone, as before.
    assert [t["by"] for t in later.later_turns(ticket, filed)] == ["requester"]
    turns = later.later_turns(ticket, filed, names=names)
    assert [(t["by"], t.get("name"), t["kind"]) for t in turns] == [
        ("staff", "王芳", "text"),
        ("requester", None, "text"),
        ("staff", "王芳", "edit"),
        ("staff", "王芳", "photo"),
    ]
    values = inquiry.whole_values([], "我想申请公租房", turns)
    shown = {"ticket_id": 7, "owner": "李强", "question": "我想申请公租房"}
    zh = TEXTS.render("topic_intro", "zh", **shown, inquiry=values["inquiry"])
    assert zh.endswith(
        "\n· 诉求人:我想申请公租房"
        "\n· 工作人员 王芳(开单后,对诉求人):请问您家几口人?"
        "\n· 诉求人(开单后):三口人"
        "\n· 工作人员 王芳(开单后修改,现为,对诉求人):请问您家几口人?户口本上的"
        "\n· 工作人员 王芳(开单后,照片附言,对诉求人):这是户口本"
    )
    en = TEXTS.render("topic_intro", "en", **shown, inquiry=values["inquiry"])
    assert en.endswith(
        "\n· Requester: 我想申请公租房"
        "\n· Staff 王芳 (after the ticket opened, to the requester): 请问您家几口人?"
        "\n· Requester (after the ticket opened): 三口人"
        "\n· Staff 王芳 (edited after the ticket opened, to the requester, now reads):"
        " 请问您家几口人?户口本上的"
        "\n· Staff 王芳 (after the ticket opened, with a photo, to the requester): 这是户口本"
    )


def test_an_incident_s_update_is_not_on_the_card_of_a_ticket_taken_out_of_it() -> None:
    """After /unlink a card read "群体性事件 #-": the update of an incident the ticket is no
    longer in was not about its matter (its requester is told so), and its card leaves it
    out; a ticket still in it shows it, naming the incident."""
    update = _message("incident_update", "供电公司已到场抢修", 5, Direction.OUT)
    linked = later.later_turns(Ticket(id=1, incident_id=3), [update], names=lambda _: "王")
    assert [(t["by"], t["incident_id"]) for t in linked] == [("incident", 3)]
    assert later.later_turns(Ticket(id=1, incident_id=None), [update], names=lambda _: "王") == []
