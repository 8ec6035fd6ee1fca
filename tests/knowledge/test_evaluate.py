"""Evaluation figures on small sets whose right answers are known by construction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.evaluate import (
    Case,
    Outcome,
    auroc,
    coverage_at_precision,
    evaluate,
    few_phrasings,
    fit_calibration,
    precision_at_coverage,
    propose_thresholds,
)
from knowledge.matcher import Band, Match, Phrasing
from tests.conftest import ROOT

KB = [
    Phrasing("card", "en", "my card has not arrived"),
    Phrasing("card", "en", "where is my new card"),
    Phrasing("pin", "en", "how do I change my pin"),
    Phrasing("pin", "en", "I forgot my pin code"),
]


def _outcome(intent: str | None, best: str, confidence: float) -> Outcome:
    match = Match(best, confidence, "en", "x")
    return Outcome(Case(intent, "q", "en"), (match,), confidence, Band.ANSWER, 0.001)


def test_figures_on_a_tiny_set() -> None:
    tests = [
        Case("card", "my card still has not arrived", "en"),
        Case("pin", "change pin code", "en"),
        Case(None, "明天天气怎么样", "zh"),  # shares nothing with this KB
    ]
    figures, outcomes = evaluate(KB, tests, answer_threshold=70, suggest_threshold=30)
    assert figures["queries"] == 3 and figures["phrasings"] == 4
    assert figures["top1"] == 1.0  # over the two answerable questions
    assert figures["auroc_oos"] == 1.0
    assert figures["wrongly_answered_oos"] == 0.0
    assert set(figures["precision_at_coverage"]) == {"50", "70", "90"}
    assert figures["latency_ms"]["p99"] >= figures["latency_ms"]["mean"] * 0  # present
    assert outcomes[0].matches[0].template_id == "card"


def test_coverage_and_precision_curves() -> None:
    outcomes = [
        _outcome("a", "a", 90),
        _outcome("b", "b", 80),
        _outcome("c", "x", 70),
        _outcome("d", "d", 60),
    ]
    assert precision_at_coverage(outcomes, 0.5) == 1.0
    assert precision_at_coverage(outcomes, 1.0) == 0.75
    assert coverage_at_precision(outcomes, 0.9) == 0.5
    assert coverage_at_precision(outcomes, 0.75) == 1.0
    answer, suggest = propose_thresholds(outcomes, 0.9)
    assert answer == 80.0
    assert suggest <= answer


@pytest.mark.parametrize(
    ("inside", "outside", "expected"),
    [([90, 80], [10, 20], 1.0), ([10, 20], [90, 80], 0.0), ([50, 50], [50, 50], 0.5)],
)
def test_auroc(inside: list[float], outside: list[float], expected: float) -> None:
    outcomes = [_outcome("a", "a", c) for c in inside] + [_outcome(None, "a", c) for c in outside]
    assert auroc(outcomes) == pytest.approx(expected)


def test_eval_command_prints_the_agreed_json(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    test = tmp_path / "test.jsonl"
    kb.write_text(
        "\n".join(json.dumps({"intent": p.template_id, "text": p.text}) for p in KB),
        encoding="utf-8",
    )
    test.write_text(
        json.dumps({"intent": "pin", "text": "forgot my pin"})
        + "\n"
        + json.dumps({"intent": None, "text": "tell me a joke"})
        + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "knowledge", "eval", str(kb), str(test), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    figures = json.loads(result.stdout)
    for key in (
        "top1",
        "top3",
        "precision_at_coverage",
        "coverage_at_precision",
        "auroc_oos",
        "wrongly_answered_oos",
        "latency_ms",
        "build_s",
        "peak_rss_mb",
        "queries",
        "phrasings",
    ):
        assert key in figures
    assert figures["top1"] == 1.0


def test_chinese_test_set_is_as_described() -> None:
    lines = [
        json.loads(line)
        for line in (ROOT / "knowledge" / "eval" / "zh_test.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(lines) >= 400
    assert sum(line["intent"] is None for line in lines) >= 100
    kinds = {line["kind"] for line in lines}
    assert kinds == {"paraphrase", "colloquial", "typo", "traditional", "unanswerable"}


def test_english_test_set_is_as_described() -> None:
    lines = [
        json.loads(line)
        for line in (ROOT / "knowledge" / "eval" / "en_test.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(lines) >= 170
    assert sum(line["intent"] is None for line in lines) >= 30
    assert {line["language"] for line in lines} == {"en"}
    assert {line["kind"] for line in lines} == {"paraphrase", "colloquial", "typo", "unanswerable"}


def test_few_phrasing_regime_keeps_n_a_template_and_asks_the_rest() -> None:
    tests = [Case(None, "tell me a joke", "en")]
    kept, asked = few_phrasings(KB, tests, 1)
    assert sorted(p.template_id for p in kept) == ["card", "pin"]
    assert asked[-1] == tests[0]
    assert {(c.intent, c.text) for c in asked[:-1]} == {
        (p.template_id, p.text) for p in KB if p not in kept
    }
    # The same choice whatever the order of the file.
    again, _ = few_phrasings(list(reversed(KB)), tests, 1)
    assert set(again) == set(kept)
    everything, only_tests = few_phrasings(KB, tests, 2)
    assert set(everything) == set(KB) and only_tests == tests


def test_answer_threshold_keeps_unanswerable_questions_out() -> None:
    outcomes = [_outcome("a", "a", c) for c in (95, 90, 85, 80)] + [
        _outcome(None, "a", c) for c in (88, 50, 40, 30, 20, 10, 5, 4, 3, 2, 1)
    ]
    # At 80% precision 88 may pass (4 right of 5); at most 1 in 11 unanswerable may not.
    answer, _ = propose_thresholds(outcomes, 0.8, max_unanswerable=0.0)
    assert answer == 88.1
    answer, _ = propose_thresholds(outcomes, 0.8, max_unanswerable=0.1)
    assert answer == 80.0


def test_calibration_fit_learns_that_higher_scores_are_right() -> None:
    outcomes = []
    for number in range(200):
        score = number / 200
        right = number % 10 < 10 * score  # right more often the higher the score
        match = Match("a", 100 * score, "en", "x", 0.0, (score, 0.0))
        outcomes.append(
            Outcome(Case("a" if right else "b", "q", "en"), (match,), 0.0, Band.ANSWER, 0.001)
        )
    intercept, slope, lead = fit_calibration([outcomes])
    assert slope > 3 and intercept < 0
    assert lead == 0.0


def test_thresholds_command_proposes_per_language(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    test = tmp_path / "test.jsonl"
    kb.write_text(
        "\n".join(json.dumps({"intent": p.template_id, "text": p.text}) for p in KB)
        + "\n"
        + json.dumps({"intent": "pin", "text": "密码忘了怎么办"}),
        encoding="utf-8",
    )
    test.write_text(
        "\n".join(
            json.dumps(line)
            for line in (
                {"intent": "pin", "text": "forgot my pin"},
                {"intent": "card", "text": "card has not arrived yet"},
                {"intent": "pin", "text": "密码忘记了"},
                {"intent": None, "text": "今天天气怎么样"},
            )
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "knowledge", "thresholds", str(kb), str(test)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    proposal = json.loads(result.stdout)
    assert set(proposal["thresholds"]) == {"en", "zh"}
    for pair in proposal["thresholds"].values():
        assert 0 <= pair["suggest"] <= pair["answer"] <= 100
