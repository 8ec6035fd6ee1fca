"""What a mass incident is said to be (bot/incident_reports.py): counted alike everywhere,
summed up in the reader's language, and shown on cards exactly while few (pure)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from bot.incident_reports import (
    EXACT_UP_TO,
    MILESTONES,
    Reports,
    alerted,
    counted,
    milestone,
    on_card,
    summary_for,
)
from bot.models import TicketStatus as S

LANGUAGES = ["zh", "en"]


def test_reports_count_every_linked_ticket_and_the_open_ones_apart() -> None:
    statuses = [S.OPEN, S.CLAIMED, S.TRANSFERRING, S.RESOLVED, S.CLOSED]
    assert counted(statuses) == Reports(linked=5, open=3)
    assert counted([]) == Reports(0, 0)


def test_a_summary_is_a_report_in_the_reader_s_language_or_says_whose_words_it_is() -> None:
    opener = "No power in Xingfuli building 3"
    reports = [opener, "幸福里3号楼停电了", "幸福里3号楼整栋楼都没电了"]
    assert summary_for(opener, reports, "zh", LANGUAGES).values() == {
        "summary": "幸福里3号楼停电了",
        "summary_in": None,
    }
    assert summary_for(opener, reports, "en", LANGUAGES).text == opener
    # None in theirs: the opener's words, named as in another language.
    only = summary_for("幸福里3号楼停电了", ["幸福里3号楼停电了"], "en", LANGUAGES)
    assert (only.text, only.written_in) == ("幸福里3号楼停电了", "zh")
    # A long report, on one line and shortened.
    long = summary_for("x", ["停电了\n" + "很久" * 400], "zh", LANGUAGES)
    assert "\n" not in long.text and len(long.text) <= 500


def test_a_card_shows_the_count_exactly_up_to_twenty_then_the_last_milestone() -> None:
    assert on_card(Reports(20, 19)) == {
        "incident_reports": 20,
        "incident_open": 19,
        "incident_at_least": False,
    }
    assert on_card(Reports(21, 21)) == {
        "incident_reports": 20,
        "incident_open": None,
        "incident_at_least": True,
    }
    assert on_card(Reports(499, 3))["incident_reports"] == 200
    assert on_card(Reports(500, 3))["incident_reports"] == 500
    assert [milestone(n) for n in (0, 9, 19, 20, 49, 50, 99, 100, 1999, 2000)] == [
        0, 0, 10, 20, 20, 50, 50, 100, 1000, 2000,
    ]  # fmt: skip


def test_supervisors_hear_an_incident_grew_at_the_next_report_then_its_milestones() -> None:
    heard = [n for n in range(1, 1001) if alerted(n, first=6)]
    assert heard == [6, 10, 20, 50, 100, 200, 500, 1000]


@given(linked=st.integers(0, 10**6), open_=st.integers(0, 10**6))
@example(linked=20, open_=20)
@example(linked=49, open_=0)
@example(linked=0, open_=0)
def test_what_a_card_shows_is_never_more_than_there_are_and_grows_with_them(
    linked: int, open_: int
) -> None:
    """A card never claims more reports than there are; its count never falls as reports
    join; and a report joining changes what it shows only at a milestone, beyond 20."""
    open_ = min(open_, linked)
    shown = on_card(Reports(linked, open_))
    assert 0 <= shown["incident_reports"] <= linked  # type: ignore[operator]
    more = on_card(Reports(linked + 1, open_ + 1))
    assert more["incident_reports"] >= shown["incident_reports"]  # type: ignore[operator]
    if linked > EXACT_UP_TO and linked + 1 not in MILESTONES:
        assert more == shown
    else:  # exact on both sides, or a milestone reached: it says so
        assert more != shown
