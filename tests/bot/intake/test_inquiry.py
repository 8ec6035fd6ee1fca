"""The first inquiry's pure parts: its turns, when it starts again, the words a ticket takes
from it; answers that need a person; where a new ticket is routed. No database, no Telegram."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake import inquiry
from bot.intake.buttons import Press, PressAction, decide_press
from bot.intake.decision import (
    Action,
    after_match,
    decide,
    route,
    wants_person,
)
from bot.intake.new_matter import starts_anew
from bot.models import DialogStep
from knowledge.matcher import Band
from tests.conftest import MONDAY_9AM

T0 = MONDAY_9AM


def _street_light() -> list[inquiry.Turn]:
    return [
        inquiry.said("路灯坏了三天了,谁来修?", T0),
        inquiry.bot_did("answer", T0, ["路灯坏了找谁修"], ["具体位置"]),
        inquiry.said("幸福路23号门口,灯杆编号LD-0457", T0 + timedelta(minutes=3)),
    ]


def test_the_words_are_everything_the_requester_said_in_order() -> None:
    turns = [*_street_light(), inquiry.asked_for_person(T0), inquiry.said("人工", T0)]
    assert inquiry.words(turns, asks_for_person=wants_person) == (
        "路灯坏了三天了,谁来修?\n幸福路23号门口,灯杆编号LD-0457"
    )
    # Only a request for a person: no words (the caller keeps the question it had).
    assert inquiry.words([inquiry.said("人工", T0)], asks_for_person=wants_person) == ""
    assert inquiry.words([]) == ""


def test_what_the_bot_offered_is_listed_once_in_order() -> None:
    turns = [
        *_street_light(),
        inquiry.bot_did("suggest", T0, ["a", "路灯坏了找谁修", "b"]),
        inquiry.bot_did("clarify", T0),
    ]
    assert inquiry.offered(turns) == ["路灯坏了找谁修", "a", "b"]


def test_an_idle_inquiry_starts_again_unless_the_bot_waits() -> None:
    turns = _street_light()
    soon = T0 + timedelta(hours=5)
    next_day = T0 + inquiry.IDLE + timedelta(minutes=4)
    assert inquiry.current(turns, now=soon, waiting=False) == turns
    assert inquiry.current(turns, now=next_day, waiting=False) == []
    # Waiting for a category or a clarification: still the same inquiry.
    assert inquiry.current(turns, now=next_day, waiting=True) == turns
    assert inquiry.current(None, now=soon, waiting=False) == []


def test_a_turn_is_plain_json_and_a_bot_turn_is_one_of_its_kinds() -> None:
    turn = inquiry.bot_did("answer", T0, ["t"], ["place", "photo"])
    assert turn == {
        "by": "bot",
        "did": "answer",
        "at": T0.isoformat(),
        "offered": ["t"],
        "ask_for": ["place", "photo"],
    }
    with pytest.raises(ValueError, match="unknown bot turn"):
        inquiry.bot_did("shrug", T0)
    assert not inquiry.worth_showing([inquiry.said("q", T0)])
    assert inquiry.worth_showing(_street_light())


def test_what_is_shown_stays_within_a_message_and_says_where_it_was_shortened() -> None:
    turns = [
        inquiry.said("甲" * 30, T0),
        inquiry.bot_did("clarify", T0),
        inquiry.said("乙" * 30, T0),
        inquiry.said("丙", T0),
    ]
    shown = inquiry.shown(turns, 40)
    assert [t.get("text") for t in shown] == ["甲" * 30, None, "乙" * 9 + "…", "…"]
    assert inquiry.shown(turns, 100) == turns
    assert turns[2]["text"] == "乙" * 30  # the record itself is whole


@pytest.mark.parametrize(
    ("text", "room", "expected"),
    [
        # At the last sentence end in the room's last fifth, not inside the next sentence.
        (
            "楼上装修噪音很大，每天晚上十点以后还在施工。噪音也很大",
            25,
            "楼上装修噪音很大，每天晚上十点以后还在施工。…",
        ),
        # At a clause mark when no sentence ends there.
        ("每天晚上都很吵啊，请尽快处理", 12, "每天晚上都很吵啊，…"),
        # At a space in English: never inside a word.
        ("the noise goes on every night until midnight", 30, "the noise goes on every…"),
        # No such place: at the room's end.
        ("甲" * 30, 10, "甲" * 9 + "…"),
    ],
)
def test_a_shortened_turn_ends_where_a_reader_would_stop(
    text: str, room: int, expected: str
) -> None:
    (turn,) = inquiry.shown([inquiry.said(text, T0)], room)
    assert turn["text"] == expected
    assert len(turn["text"]) <= room and text.startswith(turn["text"].removesuffix("…"))


@pytest.mark.parametrize("step", [None, DialogStep.NEW_QUESTION, DialogStep.CLARIFY])
def test_an_answer_that_needs_a_person_registers(step: DialogStep | None) -> None:
    assert after_match(step=step, band=Band.ANSWER, vague=False, needs_person=True) is (
        Action.REGISTER
    )
    assert after_match(step=step, band=Band.ANSWER, vague=True, needs_person=False) is (
        Action.ANSWER
    )
    # Only offered ("did you mean"): the requester chooses first.
    assert after_match(step=step, band=Band.SUGGEST, vague=False, needs_person=True) is (
        Action.SUGGEST
    )
    # A ticket in progress takes the words before any template is looked at.
    decided = decide(
        step=None,
        ticket_in_progress=True,
        asks_for_person=False,
        band=Band.ANSWER,
        vague=False,
        needs_person=True,
    )
    assert decided is Action.INTO_TICKET


@pytest.mark.parametrize(
    ("ticket", "waiting", "template", "expected"),
    [
        (False, True, "streetlight", PressAction.REGISTER),
        # Another ticket in progress (a new question after /new): the matter's own ticket.
        (True, True, "streetlight", PressAction.REGISTER),
        (False, False, "streetlight", PressAction.ANSWER),  # an old button: no words to file
        (False, True, "office-hours", PressAction.ANSWER),
        (False, True, "gone", PressAction.STALE),
    ],
)
def test_choosing_a_suggestion_that_needs_a_person(
    ticket: bool, waiting: bool, template: str, expected: PressAction
) -> None:
    action = decide_press(
        press=Press.ANSWER,
        value=template,
        languages=("zh",),
        templates={"streetlight", "office-hours"},
        categories=("fault_report",),
        step=None,
        question_waiting=waiting,
        ticket_in_progress=ticket,
        needing_person={"streetlight", "gone"},
    )
    assert action is expected


ROUTES = {"fault_report": "utilities"}


@pytest.mark.parametrize(
    ("template_department", "category", "expected"),
    [
        ("social_security", "complaint", "social_security"),  # a close template's, first
        ("social_security", "fault_report", "social_security"),
        (None, "fault_report", "utilities"),  # else the category's
        (None, "complaint", "general"),  # else the general window
    ],
)
def test_routing(template_department: str | None, category: str, expected: str) -> None:
    routed = route(
        template_department=template_department,
        category=category,
        by_category=ROUTES,
        default="general",
    )
    assert routed == expected


@pytest.mark.parametrize(
    ("template_department", "category", "expected"),
    [
        (None, "consultation", "social_security"),  # "公积金" names social security's topic
        ("general", "consultation", "general"),  # a close template's first
        (None, "fault_report", "utilities"),  # the category's routing first
    ],
)
def test_the_topic_named_routes_what_nothing_else_does(
    template_department: str | None, category: str, expected: str
) -> None:
    """Issue 14: a question naming 公积金 that no template came close to went to General."""
    routed = route(
        template_department=template_department,
        category=category,
        by_category=ROUTES,
        default="general",
        topic_department="social_security",
    )
    assert routed == expected


@pytest.mark.parametrize(
    ("text", "answered", "closest", "anew"),
    [
        ("我的公积金账号是 123", "fund-balance", "fund-balance", False),  # more about it
        ("在和平路8号,灯杆编号 LD-0457", "street-light", None, False),  # details asked for
        ("社保卡丢了怎么补办", "fund-balance", "social-card-lost", True),  # another template
        ("另外,我家门口的井盖丢了", "fund-balance", None, True),  # says so
        ("Also, my bin was not emptied", "fund-balance", None, True),
        ("另外,我家门口的井盖丢了", None, None, False),  # nothing was answered
    ],
)
def test_a_new_matter_after_an_answer(
    text: str, answered: str | None, closest: str | None, anew: bool
) -> None:
    assert starts_anew(text=text, answered=answered, closest=closest) is anew


_TEXTS = st.text(min_size=1, max_size=30)


@given(texts=st.lists(_TEXTS, min_size=1, max_size=6), which=st.integers(0, 5), new=_TEXTS)
def test_an_edit_changes_only_the_words_of_its_message(
    texts: list[str], which: int, new: str
) -> None:
    """Issue 14: an edit of the question waiting for its category is applied to it: the turn
    of the edited message reads the new words, every other turn stays, none is added."""
    turns = [inquiry.said(t, T0, message_id=10 + i) for i, t in enumerate(texts)]
    changed = inquiry.edited(turns, 10 + which, new)
    if which >= len(texts):
        assert changed is None
        return
    assert changed is not None
    edited, before = changed
    assert before == texts[which] and len(edited) == len(turns)
    assert [t["text"] for t in edited] == [*texts[:which], new, *texts[which + 1 :]]
    assert edited[which]["edited"] is True


@given(texts=st.lists(st.tuples(_TEXTS, st.booleans()), max_size=6))
def test_their_own_words_leave_out_what_they_forwarded(texts: list[tuple[str, bool]]) -> None:
    """A forwarded notice's words are someone else's: a ticket's kind and priority are read
    from the requester's own first (`close.Matter`); all of them stay on the ticket."""
    turns = [inquiry.said(t, T0, forwarded=f) for t, f in texts]
    assert inquiry.words(turns, own=True) == "\n".join(t for t, f in texts if not f)
    assert inquiry.words(turns) == "\n".join(t for t, _ in texts)


def test_a_notice_leading_their_words_is_left_out_of_their_own() -> None:
    """A notice typed before their own problem in one text: the turn keeps the text whole
    (the ticket's words), their own words (what its kind and priority are read from) are
    the problem alone."""
    text = "通知:本周六停水。另外我家厨房水管漏水了"
    turns = [
        inquiry.said("通知:周日停电", T0, notice=True),
        inquiry.said(text, T0, own="另外我家厨房水管漏水了"),
        inquiry.bot_did("category", T0),
        inquiry.said("在幸福路23号", T0),
    ]
    assert inquiry.own_words(turns) == "另外我家厨房水管漏水了\n在幸福路23号"
    assert inquiry.words(turns) == f"通知:周日停电\n{text}\n在幸福路23号"


def test_an_edit_is_marked_anew_by_its_own_words() -> None:
    """An edit replaces what the turn's words were marked as: a notice edited into their
    own problem is theirs, their problem edited to lead with a notice has its own words."""
    turns = [inquiry.said("通知:本周六停水", T0, message_id=5, notice=True)]
    changed = inquiry.edited(turns, 5, "我家停水了")
    assert changed is not None
    assert inquiry.own_words(changed[0]) == "我家停水了"
    again = inquiry.edited(changed[0], 5, "通知:本周六停水。我家漏水", own="我家漏水")
    assert again is not None
    (turn,) = again[0]
    assert "notice" not in turn and turn["own"] == "我家漏水" and turn["edited"] is True
    assert inquiry.own_words(again[0]) == "我家漏水"


def test_reminders_are_counted_since_the_buttons_were_last_shown() -> None:
    turns = [inquiry.said("材料没消息", T0), inquiry.bot_did("category", T0)]
    assert inquiry.reminded(turns) == 0
    turns.append(inquiry.bot_did("remind", T0))
    assert inquiry.reminded(turns) == 1
    turns.append(inquiry.bot_did("remind", T0))
    assert inquiry.reminded(turns) == 2
    assert inquiry.reminded([*turns, inquiry.bot_did("category", T0)]) == 0


def test_not_that_rejects_the_last_offer_only() -> None:
    """*Not solved* or "none of these": the last offer the bot made is rejected (its templates
    decide neither department nor category); the options the requester picked it from are
    not (issue 14), and an offer rejected before stays rejected."""
    at = MONDAY_9AM
    turns = [
        inquiry.said("户口", at),
        inquiry.bot_did("suggest", at, ["迁出", "迁入"], templates=["out", "in"]),
        inquiry.bot_did("answer", at, ["迁入"], templates=["in"]),
    ]
    assert inquiry.rejected(turns) == frozenset()
    marked = inquiry.rejecting(turns)
    assert inquiry.rejected(marked) == {"in"}
    assert not marked[1].get("rejected")
    assert marked[0] == turns[0] and "rejected" not in turns[2]  # the turns given unchanged
    later = [*marked, inquiry.bot_did("answer", at, ["改名"], templates=["name"])]
    assert inquiry.rejected(later) == {"in"}  # offered after the "not that": not rejected
    assert inquiry.rejected(inquiry.rejecting(later)) == {"in", "name"}


_OFFER = st.builds(
    lambda did, ids: inquiry.bot_did(did, MONDAY_9AM, ids, templates=ids),
    st.sampled_from(["answer", "suggest", "clarify", "category"]),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=3),
)


@given(st.lists(st.one_of(_OFFER, st.just(inquiry.said("x", MONDAY_9AM))), max_size=8))
def test_rejecting_marks_only_the_last_offer_and_unmarks_none(turns: list[inquiry.Turn]) -> None:
    marked = inquiry.rejecting(turns)
    offers = [t for t in turns if t.get("did") in ("answer", "suggest")]
    last = set(offers[-1].get("templates", ())) if offers else set()
    assert inquiry.rejected(marked) == inquiry.rejected(turns) | last
    changed = [n for n, (a, b) in enumerate(zip(turns, marked, strict=True)) if a != b]
    assert len(changed) <= 1


def test_an_answer_withheld_is_marked_is_not_offered_and_can_be_sent_after_all() -> None:
    turns = [
        *_street_light(),
        inquiry.said("暖气不热,家里有老人", T0),
        inquiry.bot_did("answer", T0, ["暖气不热怎么办"], templates=["heating-problem"]),
    ]
    held = inquiry.withholding(turns, "exposed")
    assert held[-1]["withheld"] == "exposed"
    assert held[:-1] == turns[:-1]  # the answers given before stay given
    assert "暖气不热怎么办" not in inquiry.offered(held)  # never shown to the requester
    assert inquiry.offered(held) == ["路灯坏了找谁修"]
    assert inquiry.withholding(held, None) == turns
    assert inquiry.withholding([inquiry.said("x", T0)], "exposed") == [inquiry.said("x", T0)]
