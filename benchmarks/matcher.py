"""Benchmark: our matcher beside the lexical peers, in two regimes, and its latency at scale.

    python -m benchmarks.matcher [--quick] [--json] [--calibrate] [--only comparison|scale]

Data, found beside the checkout in ../shared/data: banking77 and hwu64 (English),
crosswoz_faq_zh (Chinese, with questions the base cannot answer), and our own Chinese set (the
sample knowledge base and knowledge/eval/zh_test.jsonl). Regimes: "many" (the KB as given) and
"few-1"/"few-2" (one or two phrasings a template kept, chosen by a hash of the text, the rest
asked before the test questions; `knowledge.evaluate.few_phrasings`). Peers, built the obvious
way, each judged by the same figures (confidence = its best score):
- bm25-chars, bm25-words: bm25s over characters, and over words (jieba for Chinese);
- tfidf: scikit-learn TF-IDF over character 2-5-grams within words, cosine, nearest phrasing;
- rapidfuzz: token-set ratio against every phrasing, nearest phrasing.
Ours answers at the thresholds configured in config.yaml. Then the floors of the matcher's
issue, checked; then latency at 1k, 10k and 100k phrasings (BANKING77 texts, perturbed) beside
bm25s over words on the same phrasings, on one core. --quick asks at most 600 questions a run.
--calibrate fits the confidence's coefficients on every run (`knowledge.matcher.CALIBRATION`).
--only comparison runs the sets (and the held-out calibration) without the tokenisation and the
latency at scale; --only scale the latency at scale alone; each with the floors it measures.
Every run also reports the calibration held out: fitted on the other sets, judged on this one.
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

from knowledge.evaluate import (
    Case,
    Outcome,
    few_phrasings,
    fit_calibration,
    kb_phrasings,
    read_cases,
    recalibrated,
    report,
    run,
)
from knowledge.matcher import Band, Match, Matcher, Phrasing
from knowledge.text import fuzzy_form, normalise

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SETS = ("banking77", "hwu64", "crosswoz_faq_zh")
REGIMES = {"many": 0, "few-1": 1, "few-2": 2}
QUICK_QUESTIONS = 600

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
    """rapidfuzz's token-set ratio against every phrasing (Han characters as tokens)."""
    from rapidfuzz import fuzz, process

    texts = [fuzzy_form(normalise(p.text)) for p in phrasings]

    def search(question: str) -> list[tuple[str, float]]:
        query = fuzzy_form(normalise(question))
        found = process.extract(query, texts, scorer=fuzz.token_set_ratio, limit=30)
        return _top_templates([(phrasings[i].template_id, s) for _, s, i in found])

    return search


def tfidf_baseline(phrasings: Sequence[Phrasing]) -> Searcher:
    """scikit-learn TF-IDF over character 2-5-grams within words, cosine, nearest phrasing."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([normalise(p.text) for p in phrasings])

    def search(question: str) -> list[tuple[str, float]]:
        scores = (matrix @ vectorizer.transform([normalise(question)]).T).toarray().ravel()
        best = np.argsort(-scores)[:30]
        return _top_templates([(phrasings[i].template_id, 100 * scores[i]) for i in best])

    return search


def _characters(text: str) -> list[str]:
    return [ch for ch in normalise(text) if not ch.isspace()]


def _words(text: str) -> list[str]:
    """Words: jieba's segmentation for Chinese, whitespace for the rest."""
    import jieba

    jieba.setLogLevel(60)
    return [w for w in jieba.lcut(normalise(text)) if w.strip()]


def bm25_baseline(tokens: Callable[[str], list[str]]) -> Callable[[Sequence[Phrasing]], Searcher]:
    """bm25s (Lucene's BM25, k1 1.5, b 0.75) over the given tokens, nearest phrasing."""

    def factory(phrasings: Sequence[Phrasing]) -> Searcher:
        import bm25s

        index = bm25s.BM25()
        index.index([tokens(p.text) or ["_"] for p in phrasings], show_progress=False)

        def search(question: str) -> list[tuple[str, float]]:
            words = tokens(question)
            scores = index.get_scores(words) if words else np.zeros(len(phrasings))
            best = np.argpartition(-scores, min(30, len(scores) - 1))[:30]
            best = best[np.argsort(-scores[best], kind="stable")]
            # Raw BM25 scores (not 0-100): their order is the baseline's confidence.
            return _top_templates([(phrasings[i].template_id, float(scores[i])) for i in best])

        return search

    return factory


PEERS: dict[str, Callable[[Sequence[Phrasing]], Searcher]] = {
    "bm25-chars": bm25_baseline(_characters),
    "bm25-words": bm25_baseline(_words),
    "tfidf": tfidf_baseline,
    "rapidfuzz": rapidfuzz_baseline,
}


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


def _shared(name: str) -> Path:
    folder = SHARED / name
    if not (folder / "kb.jsonl").is_file() or not (folder / "test.jsonl").is_file():
        raise SystemExit(
            f"{folder}: missing. The evaluation data is read from ../shared/data beside the "
            "checkout (see shared/data/README.md); it is not in the repository."
        )
    return folder


def datasets() -> dict[str, tuple[list[Phrasing], list[Case]]]:
    sets = {}
    for name in SETS:
        folder = _shared(name)
        sets[name] = (
            kb_phrasings(read_cases(folder / "kb.jsonl")),
            read_cases(folder / "test.jsonl"),
        )
    import yaml

    from knowledge.cli import vocabulary_from
    from knowledge.templates import load

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    templates = load([ROOT / "knowledge" / "base"], vocabulary_from(config))
    zh_kb = [p for t in templates if t.status == "active" for p in t.phrasings()]
    sets["zh-hotline"] = (zh_kb, read_cases(ROOT / "knowledge" / "eval" / "zh_test.jsonl"))
    return sets


def configured_matcher(phrasings: Sequence[Phrasing]) -> Matcher:
    """A matcher with the thresholds of config.yaml (`knowledge.cli.thresholds_from`)."""
    import yaml

    from knowledge.cli import thresholds_from

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    default, per_language = thresholds_from(config)
    return Matcher(
        phrasings,
        answer_threshold=default.answer,
        suggest_threshold=default.suggest,
        thresholds=per_language,
    )


def _sample(cases: Sequence[Case], quick: bool) -> list[Case]:
    """Every case, or with --quick an evenly spread, fixed subset."""
    if not quick or len(cases) <= QUICK_QUESTIONS:
        return list(cases)
    step = len(cases) / QUICK_QUESTIONS
    return [cases[int(i * step)] for i in range(QUICK_QUESTIONS)]


Results = dict[str, dict[str, dict[str, dict[str, Any]]]]  # set -> regime -> method -> figures


Runs = dict[tuple[str, str], list[Outcome]]  # (set, regime) -> our outcomes


def compare(quick: bool) -> tuple[Results, Runs]:
    """Every set in every regime: ours and each peer; also our outcomes (for calibration)."""
    results: Results = {}
    ours: Runs = {}
    for name, (full_kb, full_cases) in datasets().items():
        results[name] = {}
        for regime, per_template in REGIMES.items():
            kb, cases = (
                few_phrasings(full_kb, full_cases, per_template)
                if per_template
                else (full_kb, full_cases)
            )
            cases = _sample(cases, quick)
            rows: dict[str, dict[str, Any]] = {}
            started = time.perf_counter()
            matcher = configured_matcher(kb)
            build_s = time.perf_counter() - started
            outcomes = run(matcher, cases)
            ours[name, regime] = outcomes
            rows["shouwen"] = report(outcomes, build_s=build_s, phrasings=len(kb))
            for label, factory in PEERS.items():
                started = time.perf_counter()
                search = factory(kb)
                built = time.perf_counter() - started
                peer = run_baseline(search, cases, threshold=float("inf"))
                rows[label] = report(peer, build_s=built, phrasings=len(kb))
            results[name][regime] = rows
            _print_table(f"{name}, {regime}", rows)
    return results, ours


def _print_table(name: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{name}: {next(iter(rows.values()))['phrasings']} phrasings")
    print(
        f"{'method':10} {'queries':>7} {'top1':>6} {'top3':>6} {'p@50':>6} {'p@70':>6}"
        f" {'p@90':>6} {'c@90':>6} {'c@95':>6} {'auroc':>6} {'answd':>6} {'prec':>6}"
        f" {'oos-a':>6} {'mean ms':>8} {'p99 ms':>7} {'build s':>7}"
    )

    def show(value: float | None) -> str:
        return "     -" if value is None else f"{value:6.3f}"

    for method, f in rows.items():
        pc, cp = f["precision_at_coverage"], f["coverage_at_precision"]
        ours = method == "shouwen"
        print(
            f"{'ours' if ours else method:10} {f['queries']:>7} {f['top1']:6.3f} {f['top3']:6.3f}"
            f" {pc['50']:6.3f} {pc['70']:6.3f} {pc['90']:6.3f} {cp['90']:6.3f} {cp['95']:6.3f}"
            f" {show(f['auroc_oos'])} {show(f['answered'] if ours else None)}"
            f" {show(f['answer_precision'] if ours else None)}"
            f" {show(f['wrongly_answered_oos'] if ours else None)}"
            f" {f['latency_ms']['mean']:8.2f} {f['latency_ms']['p99']:7.2f} {f['build_s']:7.2f}",
            flush=True,
        )


HELD_OUT_FIGURES = (
    "auroc_oos",
    "answered",
    "answer_precision",
    "wrongly_answered_oos",
    "coverage_at_precision",
    "precision_at_coverage",
)


def held_out(ours: Runs) -> dict[str, Any]:
    """Leave one set out: the confidence's coefficients fitted on the runs of the other sets
    (every regime), then each run of the left-out set judged by them, at the configured
    thresholds. Top-1 does not change (the order is the score's); the figures that depend on
    the confidence do. `knowledge.matcher.CALIBRATION` itself is fitted on every set; these
    figures say how well such a fit carries to data it has not seen."""
    matcher = configured_matcher([])
    names = sorted({name for name, _ in ours})
    figures: dict[str, Any] = {}
    print("\nheld-out calibration (fitted on the other sets, every regime)")
    print(
        f"{'set':16} {'regime':7} {'auroc':>6} {'answd':>6} {'prec':>6} {'oos-a':>6} {'c@95':>6}"
        "   (in-sample auroc, answd, prec, oos-a)"
    )
    for left_out in names:
        coefficients = fit_calibration(
            [outcomes for (name, _), outcomes in ours.items() if name != left_out]
        )
        figures[left_out] = {"coefficients": coefficients}
        for (name, regime), outcomes in ours.items():
            if name != left_out:
                continue
            mine = report(recalibrated(outcomes, coefficients, matcher), build_s=0, phrasings=0)
            fitted = report(outcomes, build_s=0, phrasings=0)
            figures[left_out][regime] = {key: mine[key] for key in HELD_OUT_FIGURES}

            def show(value: float | None) -> str:
                return "     -" if value is None else f"{value:6.3f}"

            print(
                f"{name:16} {regime:7} {show(mine['auroc_oos'])} {show(mine['answered'])}"
                f" {show(mine['answer_precision'])} {show(mine['wrongly_answered_oos'])}"
                f" {show(mine['coverage_at_precision']['95'])}   ("
                + ", ".join(
                    show(fitted[k]).strip()
                    for k in ("auroc_oos", "answered", "answer_precision", "wrongly_answered_oos")
                )
                + ")",
                flush=True,
            )
    return figures


def floors(
    results: Results, growth: dict[str, dict[str, float]], held: dict[str, Any]
) -> dict[str, Any]:
    """The issue's floors, each with the measured figure and whether it is met."""
    checks: dict[str, Any] = {}
    for name, regimes in results.items():
        for regime, rows in regimes.items():
            best_peer = max(f["top1"] for method, f in rows.items() if method != "shouwen")
            lead = rows["shouwen"]["top1"] - best_peer
            checks[f"{name} {regime}: top-1 lead over the best peer >= 0.02"] = {
                "value": round(lead, 4),
                "met": lead >= 0.02,
            }
    many = {name: regimes["many"]["shouwen"] for name, regimes in results.items()}
    for name, floor in (("banking77", 0.90), ("hwu64", 0.86), ("crosswoz_faq_zh", 0.95)):
        if name in many:
            value = many[name]["top1"]
            checks[f"{name} many: top-1 >= {floor}"] = {"value": value, "met": value >= floor}
    if "crosswoz_faq_zh" in many:
        value = many["crosswoz_faq_zh"]["auroc_oos"]
        checks["crosswoz_faq_zh many: AUROC >= 0.92"] = {"value": value, "met": value >= 0.92}
        value = held["crosswoz_faq_zh"]["many"]["auroc_oos"]
        checks["crosswoz_faq_zh many: AUROC >= 0.92 (held-out calibration)"] = {
            "value": value,
            "met": value >= 0.92,
        }
    if "zh-hotline" in many:
        ours = many["zh-hotline"]
        precision = ours["answer_precision"] or 0.0
        checks["zh-hotline: configured thresholds answer >= 45% at >= 95% precision"] = {
            "value": {"answered": ours["answered"], "precision": precision},
            "met": ours["answered"] >= 0.45 and precision >= 0.95,
        }
        checks["zh-hotline: unanswerable answered <= 5%"] = {
            "value": ours["wrongly_answered_oos"],
            "met": ours["wrongly_answered_oos"] <= 0.05,
        }
        mine = held["zh-hotline"]["many"]
        precision = mine["answer_precision"] or 0.0
        checks["zh-hotline (held-out calibration): answer >= 45% at >= 95% precision"] = {
            "value": {"answered": mine["answered"], "precision": precision},
            "met": mine["answered"] >= 0.45 and precision >= 0.95,
        }
        checks["zh-hotline (held-out calibration): unanswerable answered <= 5%"] = {
            "value": mine["wrongly_answered_oos"],
            "met": mine["wrongly_answered_oos"] <= 0.05,
        }
    for size, row in growth.items():
        if size in ("10000", "100000"):
            ratio = row["p99_ms"] / row["bm25_p99_ms"]
            checks[f"{size} phrasings: p99 <= 1.5x bm25's"] = {
                "value": round(ratio, 3),
                "met": ratio <= 1.5,
            }
        if size == "100000":
            checks["100000 phrasings indexed in < 10 s"] = {
                "value": row["build_s"],
                "met": row["build_s"] < 10,
            }
    print("\nfloors")
    for label, check in checks.items():
        print(f"  {'met    ' if check['met'] else 'NOT MET'}  {label}: {check['value']}")
    return checks


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


def _latencies(
    searches: Sequence[Callable[[str], object]], queries: Sequence[str], repeat: int
) -> list[tuple[float, float]]:
    """For each search, mean and p99 milliseconds a question (medians over `repeat` passes).

    The searches take turns question by question, so a busy moment of the machine falls on
    all of them alike.
    """
    runs: list[list[tuple[float, float]]] = [[] for _ in searches]
    for _ in range(repeat):
        latencies: list[list[float]] = [[] for _ in searches]
        for question in queries:
            for number, search in enumerate(searches):
                begun = time.perf_counter()
                search(question)
                latencies[number].append((time.perf_counter() - begun) * 1000)
        for number, measured in enumerate(latencies):
            measured.sort()
            runs[number].append(
                (statistics.fmean(measured), measured[int(0.99 * len(measured)) - 1])
            )
    return [
        (
            round(statistics.median(m for m, _ in passes), 3),
            round(statistics.median(p for _, p in passes), 3),
        )
        for passes in runs
    ]


def scaling(sizes: Sequence[int], repeat: int) -> dict[str, dict[str, float]]:
    """Build time and per-query latency as the base grows (templates grow with it)."""
    kb = kb_phrasings(read_cases(SHARED / "banking77" / "kb.jsonl"))
    cases = read_cases(SHARED / "banking77" / "test.jsonl")
    rng = random.Random(7)
    figures: dict[str, dict[str, float]] = {}
    print("\nlatency as the base grows (BANKING77 texts, perturbed; templates grow too)")
    _shared("banking77")
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
        started = time.perf_counter()
        bm25 = PEERS["bm25-words"](phrasings)
        bm25_build_s = time.perf_counter() - started
        queries = [c.text for c in cases]

        (mean, p99), (bm25_mean, bm25_p99) = _latencies(
            [lambda q, m=matcher: m.search(q, "en", 3), bm25], queries, repeat
        )
        figures[str(size)] = {
            "build_s": round(build_s, 2),
            "mean_ms": mean,
            "p99_ms": p99,
            "bm25_build_s": round(bm25_build_s, 2),
            "bm25_mean_ms": bm25_mean,
            "bm25_p99_ms": bm25_p99,
        }
        print(
            f"  {size:>7,} phrasings  ours: build {build_s:6.2f} s  mean {mean:.2f} ms"
            f"  p99 {p99:.2f} ms;  bm25-words: build {bm25_build_s:6.2f} s"
            f"  mean {bm25_mean:.2f} ms  p99 {bm25_p99:.2f} ms  (median of {repeat} passes)",
            flush=True,
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="at most 600 questions a run")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    parser.add_argument("--calibrate", action="store_true", help="fit the confidence")
    parser.add_argument(
        "--only", choices=("comparison", "scale"), help="one part (and the floors it measures)"
    )
    args = parser.parse_args()
    results: Results = {}
    ours: Runs = {}
    tokenisation: dict[str, dict[str, float]] = {}
    growth: dict[str, dict[str, float]] = {}
    held: dict[str, Any] = {}
    if args.only != "scale":
        results, ours = compare(args.quick)
    if args.only is None:
        tokenisation = chinese_tokenisation()
    if args.only != "comparison":
        growth = scaling([int(s) for s in args.sizes.split(",")], repeat=1 if args.quick else 3)
    if args.only != "scale":
        held = held_out(ours)
    checks = floors(results, growth, held)
    calibration = fit_calibration(list(ours.values())) if args.calibrate and ours else None
    if calibration:
        print(f"\ncalibration fitted on every run: {calibration}")
    if args.json:
        print(
            json.dumps(
                {
                    "comparison": results,
                    "chinese_tokenisation": tokenisation,
                    "scaling": growth,
                    "held_out_calibration": held,
                    "floors": checks,
                    "calibration": calibration,
                }
            )
        )


if __name__ == "__main__":
    main()
