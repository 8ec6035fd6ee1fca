"""Proposals (案例归档): a closed ticket proposed as a case template by its staff, decided by
the supervisors of its department; approved, it answers at once (bot/casebook.py brings every
process's matcher in step). `propose_and_tell` is the flow of a proposal: the supervisors of
the ticket's department hear of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.case_words import tells_what_was_done
from bot.casebook import as_case_template, vocabulary
from bot.errors import IllegalMove, InvalidInput, NotAllowed, NotFound
from bot.guards import clean_text, may_speak_for
from bot.models import CloseReason, StoredTemplate, TemplateStatus, Ticket, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.store import get
from bot.transaction import Transaction
from knowledge.matcher import Match, Matcher
from knowledge.templates import CaseTemplate, Handling, Status, check_template


@dataclass
class Proposal:
    template: CaseTemplate
    similar: list[Match]  # existing templates that already cover these questions


def require_not_confidential(ticket: Ticket) -> None:
    """InvalidInput (`confidential_template`) when `ticket` is a complaint about a member of
    staff (`Ticket.confidential`): kept between its requester and a supervisor
    (bot/supervised.py), its words are no question for the next requester, and a template
    would show them to every supervisor deciding it and answer with them."""
    if ticket.confidential:
        raise InvalidInput(
            f"ticket {ticket.id} is a confidential complaint: no template",
            "confidential_template",
            ticket_id=ticket.id,
        )


async def propose(
    *,
    session: AsyncSession,
    rules: Rules,
    matcher: Matcher,
    ticket_id: int,
    officer_id: int,
    questions: dict[str, list[str]],
    answer: dict[str, str],
    now: datetime,
) -> Proposal:
    """Propose a closed ticket as a template; shows the templates that already cover it. An
    empty answer is the ticket's resolution summary, but not for a category whose matters
    need a person (config `categories[].needs_person`: a complaint's resolution is one case's
    result, no answer for the next), nor where the summary reports what was done for that
    requester ("已告知…,所需材料已说明", "Told her she can…": bot/case_words.py): there an
    empty answer, or that resolution, is refused (InvalidInput `answer_for_all`; a fresh
    tester's finding: such a summary became the next citizen's whole answer). Such a template keeps
    `handling`: answering it opens a ticket (issue 14: a complaint never ends at an answer).
    A complaint about a member of staff is never one (`require_not_confidential`)."""
    ticket = await get(session=session, ticket_id=ticket_id)
    if not may_speak_for(rules, ticket, officer_id):
        raise NotAllowed(
            f"user {officer_id} may not propose ticket {ticket.id}",
            "owner_only",
            ticket_id=ticket.id,
        )
    require_not_confidential(ticket)
    if ticket.status is not TicketStatus.CLOSED or ticket.close_reason is CloseReason.WITHDRAWN:
        raise IllegalMove(ticket.id, ticket.status, "propose as a template")
    needs_person = rules.settings.needs_person(ticket.category)
    resolution = (ticket.resolution_summary or "").strip()
    said = [text.strip() for text in answer.values()]
    one_case = needs_person or tells_what_was_done(resolution)
    if not all(said) or (one_case and resolution in said):
        if one_case or not resolution:
            raise InvalidInput(
                f"ticket {ticket_id}: no answer", "answer_for_all", ticket_id=ticket_id
            )
        answer = {language: text.strip() or resolution for language, text in answer.items()}
    template_id = f"ticket-{ticket.id}"
    if await session.get(StoredTemplate, template_id) is not None:
        raise InvalidInput(
            f"ticket {ticket.id} has already been proposed",
            "already_proposed",
            ticket_id=ticket.id,
        )
    cleaned_questions = {
        language: [clean_text(q, "a question") for q in texts]
        for language, texts in questions.items()
        if texts
    }
    cleaned_answer = {
        language: clean_text(text, "the answer") for language, text in answer.items()
    }
    template = CaseTemplate(
        id=template_id,
        category=ticket.category,
        department=ticket.department_key,
        questions=cleaned_questions,
        answer=cleaned_answer,
        status=Status.PENDING,
        origin=f"ticket:{ticket.id}",
        handling=Handling() if needs_person else None,
    )
    problems = check_template(template, vocabulary(rules.settings))
    if problems:
        detail = "; ".join(f"{field}: {reason}" for field, reason in problems)
        raise InvalidInput(detail, "template_problems", detail=detail)
    session.add(
        StoredTemplate(
            id=template_id,
            category=template.category,
            department_key=template.department,
            questions=cleaned_questions,
            answer=cleaned_answer,
            keywords={"words": []},
            handling=template.handling.model_dump() if template.handling else None,
            status=TemplateStatus.PENDING,
            origin_ticket_id=ticket.id,
            proposed_by=officer_id,
            proposed_at=now,
        )
    )
    await session.flush()
    similar = matcher.similar_templates([q for texts in cleaned_questions.values() for q in texts])
    return Proposal(template, similar)


async def _decide(
    session: AsyncSession,
    rules: Rules,
    template_id: str,
    supervisor_id: int,
    expected: TemplateStatus,
    new: TemplateStatus,
    now: datetime,
) -> CaseTemplate:
    row = await session.get(StoredTemplate, template_id)
    if row is None:
        raise NotFound(
            f"no stored template {template_id!r}", "no_template", template_id=template_id
        )
    if not (
        rules.staff.is_supervisor(supervisor_id, row.department_key)
        or rules.staff.is_management(supervisor_id)
    ):
        raise NotAllowed(
            f"user {supervisor_id} is not a supervisor of {row.department_key}", "not_supervisor"
        )
    if row.status is not expected:
        raise InvalidInput(
            f"template {template_id!r} is {row.status}, not {expected}",
            "template_decided",
            template_id=template_id,
        )
    row.status = new
    row.decided_by = supervisor_id
    row.decided_at = now
    await session.flush()
    return as_case_template(row)


async def approve(
    *, session: AsyncSession, rules: Rules, template_id: str, supervisor_id: int, now: datetime
) -> CaseTemplate:
    """A supervisor approves a proposal; the matcher learns it once committed
    (`template_changes`)."""
    return await _decide(
        session,
        rules,
        template_id,
        supervisor_id,
        TemplateStatus.PENDING,
        TemplateStatus.ACTIVE,
        now,
    )


async def reject(
    *, session: AsyncSession, rules: Rules, template_id: str, supervisor_id: int, now: datetime
) -> CaseTemplate:
    """A supervisor turns a proposal down; it never answers anyone."""
    return await _decide(
        session,
        rules,
        template_id,
        supervisor_id,
        TemplateStatus.PENDING,
        TemplateStatus.REJECTED,
        now,
    )


async def pending(
    *, session: AsyncSession, rules: Rules, supervisor_id: int
) -> list[StoredTemplate]:
    """Proposals waiting for this supervisor (their departments; management sees all)."""
    query = select(StoredTemplate).where(StoredTemplate.status == TemplateStatus.PENDING)
    if not rules.staff.is_management(supervisor_id):
        member = rules.staff.get(supervisor_id)
        if member is None or not rules.staff.is_supervisor(supervisor_id):
            return []
        query = query.where(StoredTemplate.department_key == member.department_key)
    return list(await session.scalars(query.order_by(StoredTemplate.proposed_at)))


async def retire(
    *, session: AsyncSession, rules: Rules, template_id: str, supervisor_id: int, now: datetime
) -> CaseTemplate:
    """A supervisor retires a stored template; the matcher forgets it once committed
    (`template_changes`)."""
    return await _decide(
        session,
        rules,
        template_id,
        supervisor_id,
        TemplateStatus.ACTIVE,
        TemplateStatus.RETIRED,
        now,
    )


async def propose_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    matcher: Matcher,
    ticket_id: int,
    officer_id: int,
    questions: dict[str, list[str]],
    answer: dict[str, str],
) -> Proposal:
    """`propose` at the transaction's instant; the supervisors of the ticket's department hear
    of the proposal (`template_proposed`: the template's id and the similar ones). Raises as
    `propose` does (DeskError)."""
    proposal = await propose(
        session=tx.session,
        rules=rules,
        matcher=matcher,
        ticket_id=ticket_id,
        officer_id=officer_id,
        questions=questions,
        answer=answer,
        now=tx.now,
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    values = {
        "template_id": proposal.template.id,
        "similar": [m.template_id for m in proposal.similar],
    }
    notice = Notice(
        "template_proposed",
        (Audience.DEPARTMENT_SUPERVISORS,),
        ticket,
        values,
        departments=(ticket.department_key,),
    )
    await publish(tx, rules, [notice])
    return proposal
