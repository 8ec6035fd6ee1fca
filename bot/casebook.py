"""Archive and learn (案例归档): resolved tickets proposed as case templates, approved, used.

Templates come from two places: the YAML files administrators edit (`knowledge.paths` in
config) and the database, where staff propose a closed ticket as a template and a supervisor
approves or retires it. Both are handed to one `knowledge.Matcher`. The database is the truth
for the stored ones, shared by every process on it: `template_changes` and
`apply_template_changes` bring a process's matcher in step with it (bot/desk.py `Desk.refresh`:
at once in the process that decided, and in every process on each sweep; the index rebuilt in
a worker thread), so the bot answers with an approved template without a restart.
Proposals and their decisions: bot/proposals.py.
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
from bot.models import StoredTemplate, TemplateStatus
from knowledge.matcher import Matcher, Thresholds
from knowledge.templates import CaseTemplate, Handling, Status, Vocabulary, load


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
        handling=Handling.model_validate(row.handling) if row.handling is not None else None,
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
