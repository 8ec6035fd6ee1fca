"""Benchmark: our matcher beside three obvious baselines, and its latency as the base grows.

    python -m benchmarks.matcher [--quick] [--json]

Data: ../shared/data/banking77 and hwu64 (English), and our Chinese set (the sample knowledge
base and knowledge/eval/zh_test.jsonl). Baselines, built the obvious way:
- rapidfuzz: process.extract with WRatio over every phrasing;
- tfidf: scikit-learn TF-IDF over character 2-5-grams (char_wb), cosine, nearest phrasing;
- bm25: rank_bm25's BM25Okapi over words (Chinese: characters), nearest phrasing.
Each is judged with the same figures as `python -m knowledge eval` (confidence = its best
score). Then our latency at 1k, 10k and 100k phrasings, the base grown by perturbing real
BANKING77 texts, on one core. With --quick the rapidfuzz baseline sees 300 queries a set.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.evaluate import Case, Outcome, kb_phrasings, read_cases, report, run
from knowledge.matcher import Band, Match, Matcher, Phrasing
from knowledge.text import fuzzy_form, normalise

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

Searcher = Callable[[str], list[tuple[str, float]]]  # question -> [(template, score)] best first


def _top_templates(pairs: Sequence[tuple[str, float]], limit: int = 3) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for template, score in pairs:
        if template not in seen:
            seen[template] = score
            if len(seen) == limit:
                break
    return list(seen.items())


def rapidfuzz_baseline(phrasings: Sequence[Phrasing]) -> Searcher:
    from rapidfuzz import fuzz, process, utils

    # Lower case and no punctuation on both sides (rapidfuzz 3 no longer does it by default).
    texts = [utils.default_process(p.text) for p in phrasings]

    def search(question: str) -> list[tuple[str, float]]:
        query = utils.default_process(question)
        found = process.extract(query, texts, scorer=fuzz.WRatio, limit=30)
        return _top_templates([(phrasings[i].template_id, s) for _, s, i in found])

    return search


def tfidf_baseline(phrasings: Sequence[Phrasing]) -> Searcher:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([p.text.lower() for p in phrasings])

    def search(question: str) -> list[tuple[str, float]]:
        scores = (matrix @ vectorizer.transform([question.lower()]).T).toarray().ravel()
        best = np.argsort(-scores)[:30]
        return _top_templates([(phrasings[i].template_id, 100 * scores[i]) for i in best])

    return search


def _words(text: str) -> list[str]:
    return fuzzy_form(normalise(text)).split()


def bm25_baseline(phrasings: Sequence[Phrasing]) -> Searcher:
    from rank_bm25 import BM25Okapi

    index = BM25Okapi([_words(p.text) or ["_"] for p in phrasings])

    def search(question: str) -> list[tuple[str, float]]:
        scores = index.get_scores(_words(question))
        best = np.argsort(-scores)[:30]
        # Raw BM25 scores (not 0-100): their order is the baseline's confidence.
        return _top_templates([(phrasings[i].template_id, float(scores[i])) for i in best])

    return search


def run_baseline(search: Searcher, cases: Sequence[Case], threshold: float) -> list[Outcome]:
    outcomes = []
    for case in cases:
        started = time.perf_counter()
        found = search(case.text)
        elapsed = time.perf_counter() - started
        matches = tuple(Match(t, s, case.language, "") for t, s in found)
        confidence = matches[0].score if matches else 0.0
        band = Band.ANSWER if confidence >= threshold else Band.HANDOVER
        outcomes.append(Outcome(case, matches, confidence, band, elapsed))
    return outcomes


def datasets() -> dict[str, tuple[list[Phrasing], list[Case]]]:
    sets = {}
    for name in ("banking77", "hwu64"):
        kb = kb_phrasings(read_cases(SHARED / name / "kb.jsonl"))
        sets[name] = (kb, read_cases(SHARED / name / "test.jsonl"))
    import yaml

    from knowledge.cli import vocabulary_from
    from knowledge.templates import load

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    templates = load([ROOT / "knowledge" / "base"], vocabulary_from(config))
    zh_kb = [p for t in templates for p in t.phrasings()]
    sets["zh-hotline"] = (zh_kb, read_cases(ROOT / "knowledge" / "eval" / "zh_test.jsonl"))
    return sets


def compare(quick: bool) -> dict[str, dict[str, dict[str, Any]]]:
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for name, (kb, cases) in datasets().items():
        results[name] = {}
        started = time.perf_counter()
        matcher = Matcher(kb, answer_threshold=72, suggest_threshold=40)
        build_s = time.perf_counter() - started
        results[name]["shouwen"] = report(run(matcher, cases), build_s=build_s, phrasings=len(kb))
        for label, factory in (
            ("rapidfuzz", rapidfuzz_baseline),
            ("tfidf", tfidf_baseline),
            ("bm25", bm25_baseline),
        ):
            started = time.perf_counter()
            search = factory(kb)
            built = time.perf_counter() - started
            asked = cases[:300] if quick and label == "rapidfuzz" else cases
            outcomes = run_baseline(search, asked, threshold=101.0)
            results[name][label] = report(outcomes, build_s=built, phrasings=len(kb))
        _print_table(name, results[name])
    return results


def _print_table(name: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{name}: {next(iter(rows.values()))['phrasings']} phrasings")
    print(
        f"{'method':10} {'queries':>7} {'top1':>6} {'top3':>6} {'p@50':>6} {'p@70':>6}"
        f" {'p@90':>6} {'c@90':>6} {'c@95':>6} {'auroc':>6} {'mean ms':>8} {'p99 ms':>7}"
        f" {'build s':>7}"
    )
    for method, f in rows.items():
        pc, cp = f["precision_at_coverage"], f["coverage_at_precision"]
        auroc = "-" if f["auroc_oos"] is None else f"{f['auroc_oos']:.3f}"
        print(
            f"{method:10} {f['queries']:>7} {f['top1']:6.3f} {f['top3']:6.3f} {pc['50']:6.3f}"
            f" {pc['70']:6.3f} {pc['90']:6.3f} {cp['90']:6.3f} {cp['95']:6.3f} {auroc:>6}"
            f" {f['latency_ms']['mean']:8.2f} {f['latency_ms']['p99']:7.2f} {f['build_s']:7.2f}",
            flush=True,
        )


def chinese_tokenisation() -> dict[str, dict[str, float]]:
    """Character n-grams against jieba word segmentation, same model otherwise, on our set.

    The model is ours in miniature: TF-IDF, each template scored by its best phrasing blended
    with its centroid (0.6), top-1 and top-3 over the answerable Chinese questions.
    """
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    jieba.setLogLevel(60)
    kb, cases = datasets()["zh-hotline"]
    kb = [p for p in kb if p.language == "zh"]
    answerable = [c for c in cases if c.intent is not None]
    templates = sorted({p.template_id for p in kb})
    column = {t: i for i, t in enumerate(templates)}
    owner = np.array([column[p.template_id] for p in kb])
    analysers: dict[str, dict[str, Any]] = {
        "char 1-4-grams": {"analyzer": "char_wb", "ngram_range": (1, 4)},
        "jieba words": {"analyzer": lambda t: jieba.lcut(t)},
        "jieba words 1-2": {
            "analyzer": lambda t: (
                (w := [x for x in jieba.lcut(t) if x.strip()])
                + [a + b for a, b in itertools.pairwise(w)]
            )
        },
    }
    figures = {}
    print("\nChinese tokenisation (same TF-IDF model, answerable questions of our set)")
    for label, options in analysers.items():
        vectorizer = TfidfVectorizer(sublinear_tf=True, **options)
        phrasing_matrix = vectorizer.fit_transform([normalise(p.text) for p in kb])
        queries = vectorizer.transform([normalise(c.text) for c in answerable])
        similarity = (queries @ phrasing_matrix.T).toarray()
        best = np.full((len(answerable), len(templates)), 0.0)
        for t in range(len(templates)):
            best[:, t] = similarity[:, owner == t].max(axis=1)
        indicator = np.zeros((len(templates), len(kb)))
        indicator[owner, np.arange(len(kb))] = 1.0
        centroids = normalize(indicator @ phrasing_matrix)
        blended = 0.4 * best + 0.6 * (queries @ centroids.T)
        truth = np.array([column[str(c.intent)] for c in answerable])
        ranked = np.argsort(-blended, axis=1)
        figures[label] = {
            "top1": float((ranked[:, 0] == truth).mean()),
            "top3": float((ranked[:, :3] == truth[:, None]).any(axis=1).mean()),
        }
        print(
            f"  {label:18} top-1 {figures[label]['top1']:.3f}  top-3 {figures[label]['top3']:.3f}"
        )
    return figures


def _perturb(text: str, rng: random.Random) -> str:
    """A plausible variant of a real question: a dropped, doubled or swapped word or letter."""
    words = text.split()
    kind = rng.randrange(4)
    if kind == 0 and len(words) > 3:
        del words[rng.randrange(len(words))]
    elif kind == 1 and len(words) > 1:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif kind == 2:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:
        words.insert(rng.randrange(len(words) + 1), rng.choice(words))
    return " ".join(words)


def scaling(sizes: Sequence[int], repeat: int) -> dict[str, dict[str, float]]:
    """Build time and per-query latency as the base grows (templates grow with it)."""
    kb = kb_phrasings(read_cases(SHARED / "banking77" / "kb.jsonl"))
    cases = read_cases(SHARED / "banking77" / "test.jsonl")
    rng = random.Random(7)
    figures: dict[str, dict[str, float]] = {}
    print("\nlatency as the base grows (BANKING77 texts, perturbed; templates grow too)")
    for size in sizes:
        phrasings = []
        while len(phrasings) < size:
            for p in kb:
                if len(phrasings) == size:
                    break
                copy = len(phrasings) // len(kb)
                text = p.text if copy == 0 else _perturb(p.text, rng)
                # Every copy of the base is a new set of templates, so the index grows in both.
                phrasings.append(Phrasing(f"{p.template_id}#{copy}", "en", text))
        started = time.perf_counter()
        matcher = Matcher(phrasings)
        build_s = time.perf_counter() - started
        queries = [c.text for c in cases]
        p99s, means = [], []
        for _ in range(repeat):
            latencies = []
            for question in queries:
                begun = time.perf_counter()
                matcher.search(question, "en", 3)
                latencies.append((time.perf_counter() - begun) * 1000)
            latencies.sort()
            p99s.append(latencies[int(0.99 * len(latencies)) - 1])
            means.append(statistics.fmean(latencies))
        figures[str(size)] = {
            "build_s": round(build_s, 2),
            "mean_ms": round(statistics.median(means), 3),
            "p99_ms": round(statistics.median(p99s), 3),
        }
        row = figures[str(size)]
        print(
            f"  {size:>7,} phrasings  build {build_s:6.2f} s  mean {row['mean_ms']:.2f} ms"
            f"  p99 {row['p99_ms']:.2f} ms (median of {repeat} passes)",
            flush=True,
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = compare(args.quick)
    tokenisation = chinese_tokenisation()
    growth = scaling([int(s) for s in args.sizes.split(",")], repeat=1 if args.quick else 3)
    if args.json:
        print(
            json.dumps(
                {"comparison": results, "chinese_tokenisation": tokenisation, "scaling": growth}
            )
        )


if __name__ == "__main__":
    main()
