"""Questions the bot keeps failing (seed rule 12): handed-over questions grouped by similarity,
the groups no template covers, worst first, and a group turned into a proposed template.
Emergencies (a danger to people told) are left out: they are no gap in the knowledge base.
So are complaints about a member of staff (`Ticket.complaint_about`): confidential between
their requester and a supervisor (bot/supervised.py), their words are in no group, no report
(management's or a department's) and no template.

Similarity is the matcher's own: the text normalised and cut into character n-grams by
`knowledge.text` (imported, so grouping and matching never disagree on what a word is),
weighted by how rare each n-gram is among the period's questions and the knowledge base's
phrasings (TF-IDF; the phrasings make words every question has, 什么时候, weigh little even in a
short period), compared by cosine.
Each question joins the group it is most like (cosine to the sum of the group's vectors), from
SIMILAR up, else starts one: one pass, its cost follows the questions times their n-grams.
"""

from __future__ import annotations

import asyncio
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle, proposals
from bot.errors import InvalidInput
from bot.models import CloseReason, Ticket, TicketEvent, TicketStatus
from bot.rules import Rules
from bot.transaction import Transaction
from knowledge.matcher import Band, Matcher
from knowledge.templates import CaseTemplate
from knowledge.text import guess_language, normalise, text_gram_counts

SIMILAR = 0.2  # the cosine from which two questions are one group (tests/bot/reports)
CHECKED = 5  # wordings of a group put to the matcher to see whether a template covers it
MOST = 2000  # the latest handed-over questions of a period that are grouped


@dataclass(frozen=True)
class Question:
    """A handed-over question: the ticket it became and the requester's words."""

    ticket_id: int
    text: str
    language: str
    department: str
    closed_with_summary: bool = False  # closed (not withdrawn) with a resolution summary
    answered_by: str | None = None  # the template the bot answered it with, not rejected


def answered_with(turns: Sequence[dict[str, Any]] | None) -> str | None:
    """The template the bot last answered a ticket's first inquiry with (its `turns`,
    bot/intake/inquiry.py), unless the requester said it did not help: the ticket came of a
    matter that needs a person (a water cut to restore), not of a question the bot failed."""
    for turn in reversed(turns or ()):
        if turn.get("did") == "answer" and turn.get("templates"):
            return None if turn.get("rejected") else str(turn["templates"][0])
    return None


@dataclass
class Group:
    """Questions alike: the first is the example; `covered_by` the template that now answers
    most of them (None: no template covers the group)."""

    questions: list[Question] = field(default_factory=list)
    covered_by: str | None = None

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def example(self) -> Question:
        return self.questions[0]

    @property
    def key(self) -> int:
        """The group's name: its example's ticket number."""
        return self.example.ticket_id

    def wordings(self, most: int = 5) -> list[str]:
        """Its distinct wordings, first seen first, at most `most`."""
        seen: dict[str, None] = {}
        for question in self.questions:
            seen.setdefault(question.text.strip(), None)
        return list(seen)[:most]


def _grams(text: str) -> dict[int, int]:
    hashes, counts, _ = text_gram_counts(normalise(text))
    return dict(zip(hashes.tolist(), counts.tolist(), strict=True))


def _vectors(texts: Sequence[str], background: Sequence[str]) -> list[dict[int, float]]:
    """Each text's n-grams weighted by count and rarity (among texts and background), scaled
    to length 1."""
    grams = [_grams(text) for text in texts]
    seen_in = Counter(h for g in grams for h in g)
    seen_in.update(h for text in background for h in _grams(text))
    total = len(texts) + len(background)
    vectors = []
    for g in grams:
        weighted = {h: c * math.log((2 + total) / (1 + seen_in[h])) for h, c in g.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        vectors.append({h: w / norm for h, w in weighted.items()})
    return vectors


def group_questions(
    questions: Sequence[Question], background: Sequence[str] = (), similar: float = SIMILAR
) -> list[Group]:
    """Questions grouped by similarity (see the module; `background`: the knowledge base's
    phrasings), the largest group first (ties: the earliest example first). Pure; the order
    of `questions` decides the examples."""
    vectors = _vectors([q.text for q in questions], background)
    groups: list[Group] = []
    centroids: list[dict[int, float]] = []  # each group's vectors summed
    lengths: list[float] = []
    holding: dict[int, list[int]] = defaultdict(list)  # n-gram -> the groups that have it
    for question, vector in zip(questions, vectors, strict=True):
        dots: dict[int, float] = defaultdict(float)
        for gram, weight in vector.items():
            for group in holding.get(gram, ()):
                dots[group] += weight * centroids[group][gram]
        scores = {group: dot / lengths[group] for group, dot in dots.items()}
        best = max(scores.items(), key=lambda item: (item[1], -item[0]), default=(-1, 0.0))
        if best[1] >= similar:
            chosen = best[0]
            groups[chosen].questions.append(question)
        else:
            chosen = len(groups)
            groups.append(Group([question]))
            centroids.append({})
            lengths.append(1.0)
        centroid = centroids[chosen]
        for gram, weight in vector.items():
            if gram not in centroid:
                holding[gram].append(chosen)
            centroid[gram] = centroid.get(gram, 0.0) + weight
        lengths[chosen] = math.sqrt(sum(w * w for w in centroid.values()))
    return sorted(groups, key=lambda g: (-g.count, g.key))


def mark_covered(groups: Sequence[Group], matcher: Matcher) -> None:
    """Name, for each group, the template the bot answered most of its questions with when
    they were asked (`Question.answered_by`), else the template the matcher now answers most
    of its wordings with (at most CHECKED of them), if any."""
    for group in groups:
        given = Counter(q.answered_by for q in group.questions if q.answered_by)
        if given:
            template_id, times = given.most_common(1)[0]
            if times * 2 > group.count:
                group.covered_by = template_id
                continue
        answered: Counter[str] = Counter()
        wordings = group.wordings(CHECKED)
        for text in wordings:
            language = guess_language(text)
            matches = matcher.search(text, language)
            if matcher.band(matches, language) is Band.ANSWER:
                answered[matches[0].template_id] += 1
        if answered:
            template_id, times = answered.most_common(1)[0]
            if times * 2 > len(wordings):
                group.covered_by = template_id


def uncovered(groups: Sequence[Group]) -> list[Group]:
    """The groups no template covers, worst (largest) first."""
    return [g for g in groups if g.covered_by is None]


async def handed_over(
    session: AsyncSession, start: datetime, end: datetime, most: int = MOST
) -> list[Question]:
    """The questions that became tickets in [start, end), oldest first (the latest `most`);
    not an emergency's (a ticket told of a danger to people, bot/dangers.py): a danger is
    handled at once by people, not a question a template should answer, and its words
    ("电梯坏了,困人了!") are no gap in the knowledge base. Nor a complaint about a member of
    staff (`complaint_about`): confidential, its words are no one's question (a new-user
    trial's report listed "你们窗口的王芳态度太差了,我要投诉她…" with /template_from beside it).
    A complaint naming nobody stays: a template answers the next one and opens a ticket
    (`proposals.propose`, `handling`)."""
    emergency = exists().where(
        TicketEvent.ticket_id == Ticket.id, TicketEvent.kind == lifecycle.DANGER_TOLD
    )
    query = (
        select(
            Ticket.id,
            Ticket.question,
            Ticket.language,
            Ticket.department_key,
            Ticket.status,
            Ticket.close_reason,
            Ticket.resolution_summary,
            Ticket.inquiry,
        )
        .where(
            Ticket.opened_at >= start,
            Ticket.opened_at < end,
            ~emergency,
            Ticket.complaint_about.is_(None),
        )
        .order_by(Ticket.id.desc())
        .limit(most)
    )
    rows = (await session.execute(query)).all()
    return [
        Question(
            ticket_id,
            text,
            language,
            department,
            status is TicketStatus.CLOSED
            and reason is not CloseReason.WITHDRAWN
            and bool((summary or "").strip()),
            answered_with(turns),
        )
        for ticket_id, text, language, department, status, reason, summary, turns in reversed(rows)
        if text.strip()
    ]


def phrasings_of(templates: Iterable[CaseTemplate]) -> list[str]:
    """Every question wording of these templates: the background of `group_questions`."""
    return [text for t in templates for texts in t.questions.values() for text in texts]


async def failing_groups(
    session: AsyncSession,
    matcher: Matcher,
    background: Sequence[str],
    start: datetime,
    end: datetime,
) -> list[Group]:
    """Every group of the period's handed-over questions, coverage marked, largest first.
    The grouping and the matcher's searches (seconds for a busy month) run in a worker
    thread, not in the event loop the bot answers from."""
    questions = await handed_over(session, start, end)

    def grouped() -> list[Group]:
        groups = group_questions(questions, background)
        mark_covered(groups, matcher)
        return groups

    return await asyncio.to_thread(grouped)


async def propose_from_group(
    *,
    tx: Transaction,
    rules: Rules,
    matcher: Matcher,
    background: Sequence[str],
    ticket_id: int,
    supervisor_id: int,
    start: datetime,
    end: datetime,
    answer: str = "",
) -> proposals.Proposal:
    """The one step from a group to a proposed template: the group of the period [start, end)
    holding ticket `ticket_id`, its wordings as the template's questions and `answer` (an
    answer written for everyone, in the language of the group's latest closed ticket) or else
    that ticket's resolution summary as the answer (refused where it reports one case's
    result: `proposals.propose`, InvalidInput `answer_for_all`), proposed (pending a supervisor's
    approval, `proposals.propose_and_tell`) in the name of that ticket. Raises InvalidInput
    (no_group, nothing_resolved; `confidential_template` for a complaint about a member of
    staff, in no group: `handed_over`) or as `proposals.propose` does."""
    named = await tx.session.get(Ticket, ticket_id)
    if named is not None:
        proposals.require_not_confidential(named)
    asked = await handed_over(tx.session, start, end)
    groups = await asyncio.to_thread(group_questions, asked, background)
    group = next((g for g in groups if any(q.ticket_id == ticket_id for q in g.questions)), None)
    if group is None:
        raise InvalidInput(f"no group holds ticket {ticket_id}", "no_group", ticket_id=ticket_id)
    resolved = [q for q in group.questions if q.closed_with_summary]
    if not resolved:
        raise InvalidInput(
            f"no ticket of group {group.key} was resolved", "nothing_resolved", ticket_id=group.key
        )
    source = await tx.session.get(Ticket, resolved[-1].ticket_id)
    assert source is not None and source.resolution_summary is not None
    questions: dict[str, list[str]] = defaultdict(list)
    for text in group.wordings():
        questions[guess_language(text)].append(text)
    return await proposals.propose_and_tell(
        tx=tx,
        rules=rules,
        matcher=matcher,
        ticket_id=source.id,
        officer_id=supervisor_id,
        questions=dict(questions),
        answer={source.language: answer.strip() or source.resolution_summary},
    )
