"""A new-user trial's /report listed confidential complaints about named staff among the
questions the bot keeps failing ("你们窗口的王芳态度太差了,我要投诉她… /template_from 10"; in
the supervisors' chat: "如 #18 "I want to complain about Li Qiang…""). A complaint about a
member of staff (`Ticket.complaint_about`) is kept between its requester and a supervisor
(bot/supervised.py): it is no gap in the knowledge base, its words are in no question group,
whole report or a department's, and it is never proposed as a template."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import casebook, closure, proposals, tickets
from bot.config import Settings
from bot.errors import InvalidInput
from bot.models import StoredTemplate
from bot.reports import render
from bot.reports.failing import phrasings_of, propose_from_group
from bot.reports.full import FullReport, Names, build
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import SUPERVISOR, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
WANG_FANG, LI_QIANG = 100101, 100102
Sessions = async_sessionmaker[AsyncSession]
# Two complaints about named staff (confidential), and one alike naming nobody (not).
ABOUT_WANG_FANG = "你们窗口的王芳态度太差了,我要投诉她,办个居住证让我来回跑了三趟"
ABOUT_LI_QIANG = "I want to complain about Li Qiang at the general window, he was rude to me"
NAMING_NOBODY = "你们窗口的人态度太差了,办个居住证让我来回跑了三趟"
PLAIN = "我想申请公租房"


async def _confidential(sessions: Sessions, rules: Rules, requester_id: int) -> list[int]:
    """The two complaints about staff, each a supervisor's; 王芳's resolved and confirmed."""
    made = []
    for question, accused in ((ABOUT_WANG_FANG, WANG_FANG), (ABOUT_LI_QIANG, LI_QIANG)):
        async with sessions() as s, s.begin():
            opened = await tickets.open_ticket(
                session=s,
                rules=rules,
                requester_id=requester_id,
                question=question,
                category="complaint",
                now=NOW,
                complaint_about=accused,
            )
            await tickets.claim(
                session=s, rules=rules, ticket_id=opened.ticket.id, officer_id=SUPERVISOR, now=NOW
            )
            made.append(opened.ticket.id)
    async with sessions() as s, s.begin():
        later = NOW + timedelta(hours=1)
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=made[0],
            officer_id=SUPERVISOR,
            summary="已约谈当事人,向您致歉",
            now=later,
        )
        await closure.confirm(
            session=s, rules=rules, ticket_id=made[0], requester_id=requester_id, now=later
        )
    return made


async def _report(sessions: Sessions, settings: Settings) -> FullReport:
    templates = casebook.file_templates(settings)
    matcher = casebook.matcher_for(settings, templates)
    end = NOW + timedelta(days=1)
    async with sessions() as s:
        return await build(
            session=s,
            matcher=matcher,
            background=phrasings_of(templates),
            start=NOW,
            end=end,
            now=end,
        )


def _everything(report: FullReport, names: Names) -> str:
    """Every word the report's files and the chat's summary carry."""
    return "\n".join(
        [
            render.as_html(report, names),
            render.as_csv(report, names),
            json.dumps(render.as_json(report, names), ensure_ascii=False, default=str),
            json.dumps(render.summary_values(report, names), ensure_ascii=False, default=str),
        ]
    )


async def test_a_complaint_about_staff_is_in_no_question_group(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    requester_id = await new_requester(sessions, NOW)
    secret = set(await _confidential(sessions, rules, requester_id))
    alike = await new_ticket(
        sessions, rules, NOW, requester_id=requester_id, question=NAMING_NOBODY
    )
    plain = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question=PLAIN)
    report = await _report(sessions, settings)
    names = Names.of(settings, "zh")
    # The general department's supervisor sees theirs, management everything: neither a word.
    for seen in (report, report.only("general", names)):
        grouped = {q.ticket_id for g in seen.groups for q in g.questions}
        assert grouped.isdisjoint(secret), grouped
        assert {alike.id, plain.id} <= grouped  # a complaint naming nobody is still asked
        said = _everything(seen, names)
        assert "王芳" not in said and "Li Qiang" not in said, said
        assert "投诉她" not in said and "complain about" not in said, said


async def test_a_complaint_about_staff_is_never_proposed_as_a_template(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    requester_id = await new_requester(sessions, NOW)
    about_wang_fang, _ = await _confidential(sessions, rules, requester_id)
    templates = casebook.file_templates(settings)
    matcher = casebook.matcher_for(settings, templates)
    transactions = Transactions(sessions, clock=lambda: NOW + timedelta(days=1))
    answer = "请说明工作人员的姓名或工号,主管会在一个工作日内与您联系。"
    # /template_from N: refused for what it is, not as a group nobody asked.
    with pytest.raises(InvalidInput) as refused:
        async with transactions() as tx:
            await propose_from_group(
                tx=tx,
                rules=rules,
                matcher=matcher,
                background=phrasings_of(templates),
                ticket_id=about_wang_fang,
                supervisor_id=SUPERVISOR,
                start=NOW,
                end=NOW + timedelta(days=1),
                answer=answer,
            )
    assert refused.value.reason == "confidential_template"
    assert refused.value.values == {"ticket_id": about_wang_fang}
    # /propose N by the supervisor who has it: its words would be the template's question.
    with pytest.raises(InvalidInput) as refused:
        async with transactions() as tx:
            await proposals.propose_and_tell(
                tx=tx,
                rules=rules,
                matcher=matcher,
                ticket_id=about_wang_fang,
                officer_id=SUPERVISOR,
                questions={"zh": [ABOUT_WANG_FANG]},
                answer={"zh": answer},
            )
    assert refused.value.reason == "confidential_template"
    async with sessions() as s:
        assert await s.get(StoredTemplate, f"ticket-{about_wang_fang}") is None
