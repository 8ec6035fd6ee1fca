"""Figures worded for people in the supervisors' report (bot/reports/render.py; pure)."""

from __future__ import annotations

from bot.reports.render import duration


def test_a_span_reads_in_minutes_under_an_hour_and_never_negative() -> None:
    assert duration(None) == "-"
    assert duration(150) == "2m" and duration(5400) == "1.5h"
    # A clock set back (the demo's) gave "-0m" for a median first response.
    assert duration(-20) == "0m" and duration(-7200) == "0m"
