"""Archive and learn (案例归档): resolved tickets proposed as case templates, approved, used.

Templates come from two places: the YAML files administrators edit (`knowledge.paths` in
config) and the database, where staff propose a closed ticket as a template and a supervisor
approves or retires it. Both are handed to one `knowledge.Matcher`. The database is the truth
for the stored ones, shared by every process on it: `template_changes` and
`apply_template_changes` bring a process's matcher in step with it (bot/desk.py `Desk.refresh`:
at once in the process that decided, and in every process on each sweep; the index rebuilt in
a worker thread), so the bot answers with an approved template without a restart.
`propose_and_tell` is the flow of a proposal: the supervisors of the ticket's department hear
of it.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.errors import IllegalMove, InvalidInput, NotAllowed, NotFound
from bot.guards import clean_text, may_speak_for
from bot.models import CloseReason, StoredTemplate, TemplateStatus, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.store import get
from bot.transaction import Transaction
from knowledge.matcher import Match, Matcher, Thresholds
from knowledge.templates import CaseTemplate, Status, Vocabulary, check_template, load


def vocabulary(settings: Settings) -> Vocabulary:
    """What templates may name, from the configuration."""
    return Vocabulary(
        languages=frozenset(settings.languages.supported),
        categories=frozenset(c.key for c in settings.categories),
        departments=frozenset(d.key for d in settings.departments),
        answer_values=frozenset(settings.knowledge.values),
        priorities=frozenset(p.key for p in settings.priorities),
    )


def file_templates(settings: Settings) -> list[CaseTemplate]:
    """The templates of the configured files (raises TemplateError naming every fault); the
    paths are absolute when the settings were read from a file (bot.config.load_settings)."""
    return load([Path(path) for path in settings.knowledge.paths], vocabulary(settings))


def as_case_template(row: StoredTemplate) -> CaseTemplate:
    return CaseTemplate(
        id=row.id,
        category=row.category,
        department=row.department_key,
        questions={k: list(v) for k, v in row.questions.items()},
        answer={k: str(v) for k, v in row.answer.items()},
        keywords=list(row.keywords.get("words", [])),
        status=Status.RETIRED
        if row.status is TemplateStatus.REJECTED
        else Status(row.status.value),
        origin=f"ticket:{row.origin_ticket_id}" if row.origin_ticket_id else "manual",
    )


async def stored_templates(
    *, session: AsyncSession, status: TemplateStatus = TemplateStatus.ACTIVE
) -> list[CaseTemplate]:
    """Templates kept in the database with this status, oldest first."""
    rows = await session.scalars(
        select(StoredTemplate)
        .where(StoredTemplate.status == status)
        .order_by(StoredTemplate.proposed_at)
    )
    return [as_case_template(row) for row in rows]


def matcher_for(settings: Settings, templates: Iterable[CaseTemplate]) -> Matcher:
    """A matcher over these templates' phrasings, with the configured thresholds."""
    return Matcher(
        (p for t in templates for p in t.phrasings()),
        answer_threshold=settings.matcher.answer_threshold,
        suggest_threshold=settings.matcher.suggest_threshold,
        thresholds={
            language: Thresholds(pair.answer, pair.suggest)
            for language, pair in settings.matcher.thresholds.items()
        },
    )


async def build_matcher(*, session: AsyncSession, settings: Settings) -> Matcher:
    """A matcher over the active templates of the files and of the database."""
    templates = [t for t in file_templates(settings) if t.status is Status.ACTIVE]
    templates += await stored_templates(session=session)
    return matcher_for(settings, templates)


# What a process holds of the stored templates: each active one's id and when it was decided.
Versions = dict[str, datetime | None]


# Runs a blocking call off the event loop and awaits its result (`asyncio.to_thread`).
Offload = Callable[[Callable[[], None]], Awaitable[None]]


async def in_thread(call: Callable[[], None]) -> None:
    """`call` run in a worker thread (`asyncio.to_thread`); the loop goes on meanwhile."""
    await asyncio.to_thread(call)


@dataclass(frozen=True)
class TemplateChanges:
    """How a process's copy of the stored templates differs from the database: the templates
    approved since (`learned`), the ids of those no longer active (`retired`), and what the
    copy holds once they are applied (`held`)."""

    learned: list[CaseTemplate]
    retired: list[str]
    held: Versions


async def template_changes(*, session: AsyncSession, known: Versions) -> TemplateChanges:
    """What changed in the stored templates since the copy `known` (`TemplateChanges`): those
    approved since (`known` lacks them, or holds an older decision), those no longer active.
    One small query when nothing changed."""
    current: Versions = dict(
        (
            await session.execute(
                select(StoredTemplate.id, StoredTemplate.decided_at).where(
                    StoredTemplate.status == TemplateStatus.ACTIVE
                )
            )
        ).all()
    )
    changed = [i for i, decided in current.items() if i not in known or known[i] != decided]
    held = {i: decided for i, decided in current.items() if i not in changed}
    learned: list[CaseTemplate] = []
    if changed:
        rows = list(
            await session.scalars(
                select(StoredTemplate)
                .where(
                    StoredTemplate.id.in_(changed),
                    StoredTemplate.status == TemplateStatus.ACTIVE,
                )
                .order_by(StoredTemplate.proposed_at)
            )
        )
        learned = [as_case_template(row) for row in rows]
        held.update((row.id, row.decided_at) for row in rows)
        # Retired between the two reads: kept as known, so that the next call retires it.
        held.update((i, known[i]) for i in changed if i in known and i not in held)
    return TemplateChanges(learned, sorted(known.keys() - current.keys()), held)


async def apply_template_changes(
    changes: TemplateChanges,
    *,
    matcher: Matcher,
    templates: dict[str, CaseTemplate],
    offload: Offload = in_thread,
) -> Versions:
    """Bring a process's copy of the stored templates in step with the database, the truth
    every process shares (`template_changes` read how they differ): the templates learned
    join `matcher` and `templates`, those retired leave both. Returns what the copy now holds,
    for the next `template_changes`. The matcher's index is rebuilt only when something
    changed, once, by `offload` (default: in a worker thread: seconds for thousands of
    phrasings, during which the bot answers from the index as it was; call this with no
    session open, as the database must not wait for the build either). A template joins
    `templates` before the matcher can find it and leaves it after the matcher no longer
    does, so that every match has its template."""
    if not changes.learned and not changes.retired:
        return changes.held
    templates.update((t.id, t) for t in changes.learned)
    phrasings = [p for t in changes.learned for p in t.phrasings()]
    await offload(functools.partial(matcher.change, phrasings, changes.retired))
    for template_id in changes.retired:
        templates.pop(template_id, None)
    return changes.held


@dataclass
class Proposal:
    template: CaseTemplate
    similar: list[Match]  # existing templates that already cover these questions


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
    """Propose a closed ticket as a template; shows the templates that already cover it."""
    ticket = await get(session=session, ticket_id=ticket_id)
    if not may_speak_for(rules, ticket, officer_id):
        raise NotAllowed(
            f"user {officer_id} may not propose ticket {ticket.id}",
            "owner_only",
            ticket_id=ticket.id,
        )
    if ticket.status is not TicketStatus.CLOSED or ticket.close_reason is CloseReason.WITHDRAWN:
        raise IllegalMove(ticket.id, ticket.status, "propose as a template")
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
