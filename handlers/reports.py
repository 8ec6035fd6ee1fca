"""`/report day|week|month`: the assessment figures of the supervisor's department
(management: every department), by department and then by officer."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.figures import Figures, supervision_figures
from handlers import post
from handlers.context import DeskContext
from handlers.roles import supervisors_only

PERIODS = {"day": 1, "week": 7, "month": 30}


def _shown(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    hours = seconds / 3600
    return f"{hours:.1f}h" if hours >= 1 else f"{seconds / 60:.0f}m"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _row(name: str, figures: Figures) -> dict[str, object]:
    return {
        "name": name,
        "tickets": figures.tickets,
        "claimed_in_time": _share(figures.claimed_in_time_share),
        "first_response": _shown(figures.median_first_response_s),
        "resolution": _shown(figures.median_resolution_s),
        "sla": _share(figures.sla_compliance),
        "notices": figures.notices,
        "notices_on_time": _share(figures.notices_on_time_share),
        "transfers": figures.transfers,
        "reopen": _share(figures.reopen_rate),
        "rating": "-" if figures.average_rating is None else f"{figures.average_rating:.1f}",
        "breaches": figures.breaches,
    }


@supervisors_only
async def report(update: Update, context: DeskContext) -> None:
    """/report day|week|month: by department, then by officer, for tickets opened in it."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = desk.settings.languages.default
    period = (context.args or ["week"])[0].lower()
    if period not in PERIODS:
        usage = desk.texts.render("usage", language, usage="/report day|week|month")
        await post.say(desk, update.update_id, post.reply(message, usage))
        return
    now = desk.now()
    start = now - timedelta(days=PERIODS[period])
    async with desk.sessions() as session:
        figures = await supervision_figures(session=session, start=start, end=now, now=now)
    member = desk.rules.staff.get(user.id)
    # Management sees every department; a supervisor their own.
    own = (
        None
        if desk.rules.staff.is_management(user.id) or member is None
        else member.department_key
    )
    departments = {d.key: d.names[language] for d in desk.settings.departments}
    rows = [
        _row(departments.get(key, key), row)
        for key, row in sorted(figures.by_department.items())
        if own in (None, key)
    ]
    for officer_id, row in sorted(figures.by_officer.items()):
        officer = desk.rules.staff.get(officer_id)
        if officer is not None and own in (None, officer.department_key):
            rows.append(_row(f"{officer.name} {officer.staff_number}", row))
    text = desk.texts.render("report", language, start=start, end=now, rows=rows)
    await post.say(desk, update.update_id, post.reply(message, text))
