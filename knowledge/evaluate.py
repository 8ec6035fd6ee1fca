"""Measure the matcher on a knowledge base and a test set in the layout of shared/data.

KB lines: {"intent": NAME, "text": QUESTION[, "language": "zh"|"en"]}, one template per intent.
Test lines: the same; "intent": null is a question the knowledge base cannot answer.
"""

from __future__ import annotations

import json
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.matcher import Band, Match, Matcher, Phrasing
from knowledge.text import guess_language


@dataclass(frozen=True)
class Case:
    intent: str | None
    text: str
    language: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    matches: tuple[Match, ...]
    confidence: float
    band: Band
    seconds: float

    @property
    def top1(self) -> bool:
        return bool(self.matches) and self.matches[0].template_id == self.case.intent

    @property
    def top3(self) -> bool:
        return any(m.template_id == self.case.intent for m in self.matches[:3])


def read_cases(path: Path) -> list[Case]:
    cases = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = str(row["text"])
                intent = row.get("intent")
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a case line: {exc}") from None
            cases.append(Case(intent, text, row.get("language") or guess_language(text)))
    return cases


def run(matcher: Matcher, cases: Sequence[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        started = time.perf_counter()
        matches = matcher.search(case.text, case.language, limit=3)
        elapsed = time.perf_counter() - started
        outcomes.append(
            Outcome(
                case, tuple(matches), matcher.confidence(matches), matcher.band(matches), elapsed
            )
        )
    return outcomes


def precision_at_coverage(outcomes: Sequence[Outcome], coverage: float) -> float | None:
    """Top-1 precision over the most confident share of the questions (unanswerable count)."""
    ranked = sorted(outcomes, key=lambda o: -o.confidence)
    taken = ranked[: max(1, round(len(ranked) * coverage))]
    return sum(o.top1 for o in taken) / len(taken) if taken else None


def coverage_at_precision(outcomes: Sequence[Outcome], precision: float) -> float:
    """The largest share of questions answerable, most confident first, at this precision."""
    ranked = sorted(outcomes, key=lambda o: -o.confidence)
    correct = 0
    best = 0.0
    for taken, outcome in enumerate(ranked, 1):
        correct += outcome.top1
        if correct / taken >= precision:
            best = taken / len(ranked)
    return best


def auroc(outcomes: Sequence[Outcome]) -> float | None:
    """How well confidence separates answerable from unanswerable questions (None: no such)."""
    inside = [o.confidence for o in outcomes if o.case.intent is not None]
    outside = [o.confidence for o in outcomes if o.case.intent is None]
    if not inside or not outside:
        return None
    ranked = sorted([(c, 1) for c in inside] + [(c, 0) for c in outside])
    # Mann-Whitney U with average ranks for ties.
    rank_sum = 0.0
    position = 0
    while position < len(ranked):
        end = position
        while end + 1 < len(ranked) and ranked[end + 1][0] == ranked[position][0]:
            end += 1
        average = (position + end) / 2 + 1
        rank_sum += average * sum(label for _, label in ranked[position : end + 1])
        position = end + 1
    u = rank_sum - len(inside) * (len(inside) + 1) / 2
    return u / (len(inside) * len(outside))


def report(outcomes: Sequence[Outcome], *, build_s: float, phrasings: int) -> dict[str, Any]:
    latencies = sorted(o.seconds * 1000 for o in outcomes)
    out_of_scope = [o for o in outcomes if o.case.intent is None]
    answerable = [o for o in outcomes if o.case.intent is not None] or list(outcomes)
    answered = [o for o in outcomes if o.band is Band.ANSWER]
    p99_index = min(len(latencies) - 1, max(0, round(0.99 * len(latencies)) - 1))
    return {
        "queries": len(outcomes),
        "phrasings": phrasings,
        # Accuracy over the answerable questions; the unanswerable are judged by AUROC and by
        # how many of them were answered anyway.
        "top1": sum(o.top1 for o in answerable) / len(answerable),
        "top3": sum(o.top3 for o in answerable) / len(answerable),
        "answered": len(answered) / len(outcomes),
        "answer_precision": (sum(o.top1 for o in answered) / len(answered) if answered else None),
        "precision_at_coverage": {
            str(int(c * 100)): precision_at_coverage(outcomes, c) for c in (0.5, 0.7, 0.9)
        },
        "coverage_at_precision": {
            str(int(p * 100)): coverage_at_precision(outcomes, p) for p in (0.9, 0.95)
        },
        "auroc_oos": auroc(outcomes),
        "wrongly_answered_oos": (
            sum(o.band is Band.ANSWER for o in out_of_scope) / len(out_of_scope)
            if out_of_scope
            else None
        ),
        "latency_ms": {"mean": statistics.fmean(latencies), "p99": latencies[p99_index]},
        "build_s": build_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def kb_phrasings(cases: Sequence[Case]) -> list[Phrasing]:
    """A KB in the test layout as phrasings: every line one phrasing of its intent's template."""
    return [Phrasing(str(c.intent), c.language, c.text) for c in cases if c.intent is not None]


def evaluate(
    phrasings: Sequence[Phrasing],
    tests: Sequence[Case],
    *,
    answer_threshold: float,
    suggest_threshold: float,
) -> tuple[dict[str, Any], list[Outcome]]:
    """Build a matcher from `phrasings`, ask it every test question, and report the figures."""
    started = time.perf_counter()
    matcher = Matcher(
        phrasings, answer_threshold=answer_threshold, suggest_threshold=suggest_threshold
    )
    build_s = time.perf_counter() - started
    outcomes = run(matcher, tests)
    return report(outcomes, build_s=build_s, phrasings=matcher.phrasing_count), outcomes


def propose_thresholds(outcomes: Sequence[Outcome], precision: float) -> tuple[float, float]:
    """The lowest thresholds that keep answers, and suggestion lists, right at `precision`.

    Answer: the lowest confidence above which the first match is right that often.
    Suggest: the lowest best score above which the right template is among the three shown
    that often (a question nothing answers counts as wrong in both).
    """

    def lowest(key: Any, right: Any) -> float:
        ranked = sorted(outcomes, key=lambda o: -key(o))
        correct, threshold = 0, 100.0
        for taken, outcome in enumerate(ranked, 1):
            correct += right(outcome)
            if correct / taken >= precision:
                threshold = key(outcome)
        return round(threshold, 1)

    answer = lowest(lambda o: o.confidence, lambda o: o.top1)
    suggest = lowest(lambda o: o.matches[0].score if o.matches else 0.0, lambda o: o.top3)
    return answer, min(suggest, answer)
