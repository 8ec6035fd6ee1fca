"""Measure the matcher on a knowledge base and a test set in the layout of shared/data.

KB lines: {"intent": NAME, "text": QUESTION[, "language": "zh"|"en"]}, one template per intent.
Test lines: the same; "intent": null is a question the knowledge base cannot answer.

Two regimes: many phrasings (the KB as given) and few (`few_phrasings`: one or two phrasings
a template kept as the KB, the rest asked as questions, as in a base grown from archived
tickets).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.matcher import Band, Match, Matcher, Phrasing, Thresholds, calibrated
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


def few_phrasings(
    phrasings: Sequence[Phrasing], tests: Sequence[Case], per_template: int
) -> tuple[list[Phrasing], list[Case]]:
    """The few-phrasing regime: `per_template` phrasings of each template in each language
    stay the KB, the rest become questions (before `tests`, which are kept as they are).

    Which ones stay is decided by a hash of their text, so the choice is the same on every
    run and does not follow the file's order.
    """

    def key(p: Phrasing) -> bytes:
        return hashlib.blake2b(p.text.encode("utf-8"), digest_size=8).digest()

    groups: dict[tuple[str, str], list[Phrasing]] = {}
    for p in phrasings:
        groups.setdefault((p.template_id, p.language), []).append(p)
    kept: list[Phrasing] = []
    asked: list[Case] = []
    for group in groups.values():
        ordered = sorted(group, key=key)
        kept += ordered[:per_template]
        asked += [Case(p.template_id, p.text, p.language) for p in ordered[per_template:]]
    return kept, asked + list(tests)


def evaluate(
    phrasings: Sequence[Phrasing],
    tests: Sequence[Case],
    *,
    answer_threshold: float,
    suggest_threshold: float,
    thresholds: dict[str, Thresholds] | None = None,
) -> tuple[dict[str, Any], list[Outcome]]:
    """Build a matcher from `phrasings`, ask it every test question, and report the figures."""
    started = time.perf_counter()
    matcher = Matcher(
        phrasings,
        answer_threshold=answer_threshold,
        suggest_threshold=suggest_threshold,
        thresholds=thresholds,
    )
    build_s = time.perf_counter() - started
    outcomes = run(matcher, tests)
    return report(outcomes, build_s=build_s, phrasings=matcher.phrasing_count), outcomes


def propose_thresholds(
    outcomes: Sequence[Outcome], precision: float, max_unanswerable: float = 0.05
) -> tuple[float, float]:
    """Confidence thresholds (0-100): answer and suggest.

    Answer: the lowest confidence above which the first match is right `precision` of the
    time (a question nothing answers counts as wrong), raised if need be until at most
    `max_unanswerable` of the unanswerable questions reach it. Suggest: the lowest
    confidence above which the right template is among the three shown that often; never
    above answer.
    """

    def lowest(right: Any) -> float:
        ranked = sorted(outcomes, key=lambda o: -o.confidence)
        correct, threshold = 0, 100.0
        for taken, outcome in enumerate(ranked, 1):
            correct += right(outcome)
            if correct / taken >= precision:
                threshold = outcome.confidence
        return round(threshold, 1)

    answer = lowest(lambda o: o.top1)
    outside = sorted((o.confidence for o in outcomes if o.case.intent is None), reverse=True)
    allowed = int(max_unanswerable * len(outside))
    if len(outside) > allowed:
        # Just above the first unanswerable question that may not be answered.
        answer = max(answer, round(outside[allowed] + 0.1, 1))
    suggest = lowest(lambda o: o.top3)
    return min(answer, 100.0), min(suggest, answer)


def fit_calibration(runs: Sequence[Sequence[Outcome]], l2: float = 1e-3) -> tuple[float, ...]:
    """Logistic-regression coefficients (intercept first) predicting that the first match is
    right from its signals, every run weighing the same however many questions it has, and
    within a run the unanswerable questions (if any) as much as the answerable.

    For `knowledge.matcher.CALIBRATION`; Newton's method, a small L2 penalty (not on the
    intercept). Raises ValueError without a question that has a match.
    """
    rows, labels, weights = [], [], []
    for outcomes in runs:
        scored = [o for o in outcomes if o.matches and o.matches[0].signals]
        outside = sum(o.case.intent is None for o in scored)
        inside = len(scored) - outside
        for o in scored:
            rows.append((1.0, *o.matches[0].signals))
            labels.append(float(o.top1))
            # Where there are unanswerable questions, they weigh as much as the rest.
            if not outside:
                weights.append(1.0 / len(scored))
            else:
                weights.append(0.5 / (outside if o.case.intent is None else max(inside, 1)))
    if not rows:
        raise ValueError("no question with a match to fit on")
    x, y, w = np.asarray(rows), np.asarray(labels), np.asarray(weights)
    w = w / w.sum()
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -50, 50)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return tuple(round(float(b), 3) for b in beta)


def recalibrated(
    outcomes: Sequence[Outcome], coefficients: Sequence[float], matcher: Matcher
) -> list[Outcome]:
    """The same outcomes with each match's confidence recomputed from its signals by other
    calibration coefficients (`knowledge.matcher.CALIBRATION`'s layout), banded again by
    `matcher`'s thresholds: what a confidence fitted without these questions would say."""
    redone = []
    for o in outcomes:
        matches = tuple(
            dataclasses.replace(m, confidence=round(calibrated(m.signals, coefficients), 2))
            if m.signals
            else m
            for m in o.matches
        )
        redone.append(
            dataclasses.replace(
                o,
                matches=matches,
                confidence=matcher.confidence(matches),
                band=matcher.band(matches),
            )
        )
    return redone
