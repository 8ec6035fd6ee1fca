"""What a mass incident is said to be (bot/incident_reports.py): counted alike everywhere,
summed up in the reader's language (pure)."""

from __future__ import annotations

from bot.incident_reports import Reports, counted, summary_for
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
