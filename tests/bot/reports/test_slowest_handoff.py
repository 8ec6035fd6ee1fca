"""The slowest handoff in the supervisors' report counts the handoffs still unanswered with
their wait so far (bot/reports/leaks.py `PairDelays.slowness_s`; a new user's trial: a
handoff 2 h 40 m overdue lost "最慢" to one returned in 5 seconds)."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest

from bot.config import Settings
from bot.figures import Report
from bot.models import Handoff, HandoffStatus
from bot.reports.full import FullReport, Names
from bot.reports.leaks import Breaches, handoff_delays
from bot.reports.render import summary_values
from bot.texts import Texts, configured_names
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM + timedelta(hours=6)
_ids = count(1)


def _form(to: str, sent_ago: timedelta, took: timedelta | None, returned: bool = False) -> Handoff:
    """A handoff from the general window to `to`, sent `sent_ago` before NOW, decided after
    `took` (None: still pending), with a two-hour deadline."""
    sent = NOW - sent_ago
    status = HandoffStatus.PENDING
    if took is not None:
        status = HandoffStatus.RETURNED if returned else HandoffStatus.ACCEPTED
    return Handoff(
        id=next(_ids),
        ticket_id=1,
        from_department_key="general",
        to_department_key=to,
        sender_id=100101,
        summary="s",
        suggested_handling="h",
        due_at=sent + timedelta(hours=2),
        status=status,
        created_at=sent,
        decided_at=None if took is None else sent + took,
        return_reason="不归我们管" if returned else None,
    )


def test_a_handoff_left_unanswered_is_slower_than_one_returned_at_once() -> None:
    forms = [
        _form("social", timedelta(hours=1), timedelta(seconds=5), returned=True),
        _form("utilities", timedelta(hours=4, minutes=40), None),  # 2 h 40 m past its deadline
    ]
    slowest, quick = handoff_delays(forms, NOW)
    assert (slowest.to_department, quick.to_department) == ("utilities", "social")
    assert slowest.median_delay_s is None  # nothing decided: no delay measured yet
    assert slowest.longest_waiting_s == pytest.approx(4 * 3600 + 40 * 60)
    assert (slowest.pending, slowest.past_deadline) == (1, 1)
    assert quick.slowness_s == pytest.approx(5)

    # A pair with one quick answer and one long wait ranks by the median of both, above a
    # pair whose answers all came in ten minutes.
    forms = [
        _form("social", timedelta(hours=3), timedelta(minutes=10)),
        _form("utilities", timedelta(hours=3), timedelta(seconds=30)),
        _form("utilities", timedelta(hours=5), None),
    ]
    assert [p.to_department for p in handoff_delays(forms, NOW)] == ["utilities", "social"]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("zh", "最慢:综合服务窗口 → 公用事业科,待接收 1 件,最久已等 4.7h"),
        ("en", "slowest: General Services → Utilities, 1 pending, the oldest waiting 4.7h"),
    ],
)
def test_the_summary_names_the_pair_left_waiting(
    settings: Settings, language: str, said: str
) -> None:
    forms = [
        _form("social", timedelta(hours=1), timedelta(seconds=5), returned=True),
        _form("utilities", timedelta(hours=4, minutes=40), None),
    ]
    report = FullReport(
        start=NOW - timedelta(days=7),
        end=NOW,
        now=NOW,
        figures=Report(NOW - timedelta(days=7), NOW, {}, {}),
        handoffs=handoff_delays(forms, NOW),
        passed_around=[],
        groups=[],
        breaches=Breaches([], {}, {}),
    )
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    names = Names.of(settings, language)
    text = texts.render("report_summary", language, scope=None, **summary_values(report, names))
    assert said in text, text
