"""The full report as JSON, CSV and HTML, and the values of the chat's short summary.

JSON and CSV name things by key and id as stored (for other programs and spreadsheets), with
the names beside them; the HTML is for people, in the reader's language, with the chart
embedded (`templates/report.html.j2`, autoescaped).
"""

from __future__ import annotations

import base64
import csv
import io
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.excerpt import excerpt, one_line
from bot.figures import Figures
from bot.reports.full import FullReport, Names
from bot.reports.labels import labels
from bot.reports.leaks import Hand
from bot.texts import TEMPLATES

EXAMPLE_UNITS = 80  # of a question group's example in the chat's summary (UTF-16 units)

_HTML = Environment(
    loader=FileSystemLoader(TEMPLATES),
    undefined=StrictUndefined,
    autoescape=select_autoescape(["html", "j2"]),
    auto_reload=False,
)


def duration(seconds: float | None) -> str:
    """Seconds as people read them: minutes under an hour, else hours; '-' for none. A
    negative span (a clock set back, as the demo's can be) reads as none passed: "0m", never
    "-0m"."""
    if seconds is None:
        return "-"
    seconds = max(seconds, 0.0)
    hours = seconds / 3600
    return f"{hours:.1f}h" if hours >= 1 else f"{seconds / 60:.0f}m"


def share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def figure_row(name: str, figures: Figures) -> dict[str, object]:
    """One row of rule 13's figures, worded for people."""
    return {
        "name": name,
        "tickets": figures.tickets,
        "claimed_in_time": share(figures.claimed_in_time_share),
        "first_response": duration(figures.median_first_response_s),
        "resolution": duration(figures.median_resolution_s),
        "sla": share(figures.sla_compliance),
        "notices": figures.notices,
        "notices_on_time": share(figures.notices_on_time_share),
        "transfers": figures.transfers,
        "reopen": share(figures.reopen_rate),
        "rating": "-" if figures.average_rating is None else f"{figures.average_rating:.1f}",
        "breaches": figures.breaches,
        "remarks": figures.remarks,
    }


def hand_words(hand: Hand, names: Names) -> str:
    """One step of a chain of hands, e.g. '05-03 10:00 transferred → Utilities (王芳 G-0101)'."""
    words = labels(names.language)
    kind = "reopen_step" if hand.kind == "reopen" else hand.kind
    text = f"{names.when(hand.at)[5:]} {words.get(kind, kind)}"
    if hand.department is not None:
        text += f" → {names.department(hand.department)}"
    if hand.officer_id is not None:
        text += f" ({names.officer(hand.officer_id)})"
    if hand.detail:
        text += f": {hand.detail}"
    return text


def as_json(report: FullReport, names: Names) -> dict[str, Any]:
    """The report as JSON-ready data: figures, leaks and breaches by key and id."""
    figures = report.figures
    return {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "by_department": {k: v.as_dict() for k, v in sorted(figures.by_department.items())},
        "by_officer": {str(k): v.as_dict() for k, v in sorted(figures.by_officer.items())},
        "handoffs": [
            {
                "from": p.from_department,
                "to": p.to_department,
                "sent": p.sent,
                "accepted": p.accepted,
                "returned": p.returned,
                "pending": p.pending,
                "past_deadline": p.past_deadline,
                "median_delay_s": p.median_delay_s,
                "longest_delay_s": p.longest_delay_s,
                "longest_waiting_s": p.longest_waiting_s,
                "return_reasons": p.return_reasons,
            }
            for p in report.handoffs
        ],
        "passed_around": [
            {
                "ticket": p.ticket_id,
                "department": p.department,
                "reasons": p.reasons,
                "chain": [hand_words(h, names) for h in p.chain],
            }
            for p in report.passed_around
        ],
        "failing_questions": [
            {"ticket": g.key, "count": g.count, "wordings": g.wordings()} for g in report.failing
        ],
        "breaches": [
            {
                "at": b.at.isoformat(),
                "ticket": b.ticket_id,
                "kind": b.kind,
                "officer": b.officer_id,
                "department": b.department,
                "detail": b.detail,
            }
            for b in report.breaches.lines
        ],
        "breaches_by_officer": {str(k): v for k, v in report.breaches.by_officer.items()},
        "breaches_by_department": report.breaches.by_department,
    }


def as_csv(report: FullReport, names: Names) -> str:
    """The whole report as one table, a row per value: section, subject (key or id), its
    name, measure, value. Opens in any spreadsheet; UTF-8 with a byte-order mark so that
    Excel reads the Chinese right."""
    out = io.StringIO()
    out.write("\ufeff")
    table = csv.writer(out)
    table.writerow(["section", "subject", "name", "measure", "value"])
    data = as_json(report, names)
    for key, row in data["by_department"].items():
        for measure, value in row.items():
            table.writerow(["department", key, names.department(key), measure, value])
    for key, row in data["by_officer"].items():
        for measure, value in row.items():
            table.writerow(["officer", key, names.officer(int(key)), measure, value])
    for pair in data["handoffs"]:
        subject = f"{pair['from']}->{pair['to']}"
        shown = f"{names.department(pair['from'])} → {names.department(pair['to'])}"
        for measure, value in pair.items():
            if measure not in ("from", "to"):
                table.writerow(["handoffs", subject, shown, measure, _cell(value)])
    for ticket in data["passed_around"]:
        shown = names.department(ticket["department"])
        table.writerow(
            ["passed_around", ticket["ticket"], shown, "reasons", _cell(ticket["reasons"])]
        )
        table.writerow(["passed_around", ticket["ticket"], shown, "chain", _cell(ticket["chain"])])
    for group in data["failing_questions"]:
        table.writerow(["failing_questions", group["ticket"], "", "count", group["count"]])
        table.writerow(
            ["failing_questions", group["ticket"], "", "wordings", _cell(group["wordings"])]
        )
    for line in report.breaches.lines:
        table.writerow(
            [
                "breach",
                line.ticket_id,
                names.officer(line.officer_id),
                line.kind,
                f"{line.at.isoformat()} {names.department(line.department)} {line.detail}".strip(),
            ]
        )
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "" if value is None else value


def as_html(report: FullReport, names: Names, chart_png: bytes | None = None) -> str:
    """The report as one self-contained HTML page in `names.language`, the chart inline."""
    words = labels(names.language)
    figures = report.figures
    rows = [
        figure_row(names.department(k), v) for k, v in sorted(figures.by_department.items())
    ] + [figure_row(names.officer(k), v) for k, v in sorted(figures.by_officer.items())]
    passed = [
        {
            "ticket": p.ticket_id,
            "department": names.department(p.department),
            "why": ", ".join(words[f"why_{r}"] for r in p.reasons),
            "chain": [hand_words(h, names) for h in p.chain],
        }
        for p in report.passed_around
    ]
    return _HTML.get_template("report.html.j2").render(
        t=words,
        language=names.language,
        start=names.when(report.start),
        end=names.when(report.end),
        chart=base64.b64encode(chart_png).decode("ascii") if chart_png else None,
        figures=rows,
        handoffs=[
            {
                "from": names.department(p.from_department),
                "to": names.department(p.to_department),
                "sent": p.sent,
                "accepted": p.accepted,
                "returned": p.returned,
                "pending": p.pending,
                "past_deadline": p.past_deadline,
                "median_delay": duration(p.median_delay_s),
                "longest_delay": duration(p.longest_delay_s),
                "longest_waiting": duration(p.longest_waiting_s),
                "reasons": [r for r in p.return_reasons if r],
            }
            for p in report.handoffs
        ],
        passed_around=passed,
        failing=[
            {"ticket": g.key, "count": g.count, "wordings": g.wordings()} for g in report.failing
        ],
        breaches=[
            {
                "at": names.when(b.at),
                "ticket": b.ticket_id,
                "kind": words.get(b.kind, b.kind),
                "officer": names.officer(b.officer_id),
                "department": names.department(b.department),
                "detail": b.detail,
            }
            for b in report.breaches.lines
        ],
    )


def summary_values(report: FullReport, names: Names) -> dict[str, Any]:
    """What the chat's short summary says (templates/<language>/report_summary.j2)."""
    total = Figures()
    for row in report.figures.by_department.values():
        total.tickets += row.tickets
        total.resolved += row.resolved
        total.resolved_in_time += row.resolved_in_time
        total.overdue_open += row.overdue_open
        total.first_response_s += row.first_response_s
    slowest = report.handoffs[0] if report.handoffs else None
    worst = report.failing[0] if report.failing else None
    return {
        "start": report.start,
        "end": report.end,
        "ticket_count": total.tickets,
        "sla": share(total.sla_compliance),
        "first_response": duration(total.median_first_response_s),
        "handoffs_late": report.handoffs_past_deadline,
        "slowest": None
        if slowest is None or slowest.slowness_s is None
        else {
            "from": names.department(slowest.from_department),
            "to": names.department(slowest.to_department),
            "delay": None if slowest.median_delay_s is None else duration(slowest.median_delay_s),
            "returned": slowest.returned,
            "pending": slowest.pending,
            "waiting": duration(slowest.longest_waiting_s),
        },
        "passed_around": len(report.passed_around),
        "failing": len(report.failing),
        "worst": None
        if worst is None
        else {
            "count": worst.count,
            # a line of the summary, not the whole question: the report attached has it all
            "example": excerpt(one_line(worst.example.text), EXAMPLE_UNITS).text,
            "ticket_id": worst.example.ticket_id,
        },
        "breaches": len(report.breaches.lines),
    }
