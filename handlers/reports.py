"""`/report today|yesterday|day|week|month` (今天|昨天|本周|本月): the supervision report of
the supervisor's department (management: every department): a short summary in the chat,
its chart, and the full report as an HTML and a CSV file (bot/reports/). `/template_from N`:
the group of handed-over questions holding ticket N proposed as a template, in one step."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import Update

from bot.desk import Desk
from bot.reports import export, render
from bot.reports.failing import phrasings_of, propose_from_group
from bot.reports.full import Names
from handlers import post
from handlers.context import DeskContext
from handlers.finding import named_ticket
from handlers.refusals import refusals
from handlers.roles import supervisors_only

GROUPED_OVER = export.ROLLING_DAYS["month"]  # the days whose questions /template_from groups


def _own_department(desk: Desk, user_id: int) -> str | None:
    """Management sees every department (None); a supervisor their own."""
    member = desk.rules.staff.get(user_id)
    if desk.rules.staff.is_management(user_id) or member is None:
        return None
    return member.department_key


@supervisors_only
async def report(update: Update, context: DeskContext) -> None:
    """/report <period> (export.period_span): the summary with the department's figures,
    then the chart, the HTML page and the CSV table, for tickets opened in the period."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = desk.settings.languages.default
    now = desk.now()
    span = export.period_span(" ".join(context.args or ["week"]), now, desk.settings.zone)
    if span is None:
        usage = desk.texts.render("usage", language, usage=export.PERIOD_USAGE)
        await post.say(desk, update.update_id, post.reply(message, usage))
        return
    async with desk.sessions() as session:
        full = await export.period_report(
            session=session,
            matcher=desk.matcher,
            background=phrasings_of(desk.templates.values()),
            now=now,
            span=span,
        )
    names = Names.of(desk.settings, language)
    own = _own_department(desk, user.id)
    full = full.only(own, names)
    files = await asyncio.to_thread(export.files, full, names)  # matplotlib: CPU, not the loop
    rows = [
        render.figure_row(names.department(key), row)
        for key, row in sorted(full.figures.by_department.items())
    ]
    # The period asked for, as the summary says it ("yesterday": to midnight, not to now).
    figures = desk.texts.render("report", language, start=full.start, end=full.end, rows=rows)
    # Whose figures they are, said at the head: a supervisor's department, or all of them.
    scope = names.department(own) if own is not None else None
    summary = desk.texts.render(
        "report_summary", language, scope=scope, **render.summary_values(full, names)
    )
    await post.say(
        desk,
        update.update_id,
        post.reply(message, f"{summary}\n\n{figures}"),
        post.replying_upload(message, "sendPhoto", "photo", f"{files.stem}.png", files.png),
        post.replying_upload(
            message, "sendDocument", "document", f"{files.stem}.html", files.html.encode()
        ),
        post.replying_upload(
            message, "sendDocument", "document", f"{files.stem}.csv", files.csv.encode()
        ),
    )


@supervisors_only
@refusals
async def template_from(update: Update, context: DeskContext) -> None:
    """/template_from N [| answer]: the questions grouped with ticket N's over the last month
    proposed as one template, answered with `answer` or else the resolution of the group's
    latest closed ticket (refused, saying so, where that reports one case's result); the
    department's supervisors decide it as any proposal (/pending)."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = desk.settings.languages.default
    number, _, answer = " ".join(context.args or []).partition("|")
    words = number.split()
    usage = desk.texts.render("usage", language, usage="/template_from N [| answer]")
    if len(words) != 1:
        await post.say(desk, update.update_id, post.reply(message, usage))
        return
    ticket_id = (await named_ticket(desk, words[0], usage)).id  # no such ticket: said so
    async with desk.transaction(update_id=update.update_id) as tx:
        proposal = await propose_from_group(
            tx=tx,
            rules=desk.rules,
            matcher=desk.matcher,
            background=phrasings_of(desk.templates.values()),
            ticket_id=ticket_id,
            supervisor_id=user.id,
            start=tx.now - timedelta(days=GROUPED_OVER),
            end=tx.now,
            answer=answer,
        )
        text = desk.texts.render(
            "template_proposed",
            language,
            ticket_id=proposal.template.origin.removeprefix("ticket:"),
            template_id=proposal.template.id,
            similar=[m.template_id for m in proposal.similar],
        )
        await post.post(tx, post.reply(message, text))
