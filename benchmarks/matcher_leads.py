"""Benchmark: questions led by greetings and asking words, searched with and without the leads.

    python -m benchmarks.matcher_leads [--quick] [--json] [--no-shared]

Requesters write "你好，请问一下，…", "我想咨询一下…", "Hi, could you tell me …": words that
only greet or say a question follows. The matcher leaves them out of the question
(`knowledge.text.without_lead`, in `Matcher.search`). This takes the eval questions, each as
written ("plain") and with a lead put before it ("led": the leads below, in turn, by the
question's place in its file), and asks both of one matcher two ways in the same run:
"baseline", the question searched as written (`without_lead` replaced by the identity for
the run), and "new", as the matcher searches it. Per set: the share answered (confidence
at the configured answer threshold), top-1 over the answerable questions, precision of those
answered, the share of the unanswerable ones answered anyway, the median milliseconds a
search, and new over baseline.

Sets: each knowledge/eval/*.jsonl against the sample knowledge base (the project's own
questions; only the Chinese one exists so far), and where ../shared/data holds them (never
committed) CrossWOZ (Chinese, with unanswerable questions), BANKING77 and HWU64 (English),
each against its own KB. --no-shared leaves those out; --quick asks at most 600 questions a
set.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import knowledge.matcher
from benchmarks.matcher import QUICK_QUESTIONS, ROOT, SHARED, configured_matcher
from knowledge.evaluate import Case, Outcome, kb_phrasings, read_cases, report, run
from knowledge.matcher import Phrasing

LEADS = {
    "zh": (
        "你好，请问",
        "请问一下，",
        "我想咨询一下",
        "麻烦问下",
        "您好！我想问问",
        "你好，请问一下，",
        "打扰一下，",
        "有个问题想问下，",
    ),
    "en": (
        "Hi, could you tell me ",
        "Hello, I'd like to ask ",
        "Excuse me, ",
        "Hi there! Quick question: ",
        "Hello, I was wondering ",
        "Good morning, can I ask ",
        "Hey, do you know ",
    ),
}
SHARED_SETS = ("crosswoz_faq_zh", "banking77", "hwu64")
FIGURES = ("answered", "top1", "answer_precision", "wrongly_answered_oos", "median_ms")


def led(cases: Sequence[Case]) -> list[Case]:
    """Each question with a lead of its language before it, the leads taken in turn."""
    out = []
    for number, case in enumerate(cases):
        leads = LEADS.get(case.language, LEADS["en"])
        out.append(Case(case.intent, leads[number % len(leads)] + case.text, case.language))
    return out


def _as_written(text: str) -> str:
    return text


@contextmanager
def leads_kept() -> Iterator[None]:
    """Searches meanwhile take the question as written: the baseline, before `without_lead`
    (the name `Matcher.search` calls, swapped in knowledge.matcher's namespace for the run)."""
    names = vars(knowledge.matcher)
    stripping = names["without_lead"]
    names["without_lead"] = _as_written
    try:
        yield
    finally:
        names["without_lead"] = stripping


def sets(shared: bool) -> dict[str, tuple[list[Phrasing], list[Case]]]:
    """name -> (phrasings, questions)."""
    import yaml

    from knowledge.cli import vocabulary_from
    from knowledge.templates import load

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    templates = load([ROOT / "knowledge" / "base"], vocabulary_from(config))
    sample = [p for t in templates if t.status == "active" for p in t.phrasings()]
    found: dict[str, tuple[list[Phrasing], list[Case]]] = {}
    for path in sorted((ROOT / "knowledge" / "eval").glob("*.jsonl")):
        found[f"ours-{path.stem}"] = (sample, read_cases(path))
    for name in SHARED_SETS if shared else ():
        folder: Path = SHARED / name
        if (folder / "kb.jsonl").is_file() and (folder / "test.jsonl").is_file():
            found[name] = (
                kb_phrasings(read_cases(folder / "kb.jsonl")),
                read_cases(folder / "test.jsonl"),
            )
    return found


def _sample(cases: Sequence[Case], quick: bool) -> list[Case]:
    if not quick or len(cases) <= QUICK_QUESTIONS:
        return list(cases)
    step = len(cases) / QUICK_QUESTIONS
    return [cases[int(i * step)] for i in range(QUICK_QUESTIONS)]


def figures(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    full = report(outcomes, build_s=0.0, phrasings=0)
    out = {name: full[name] for name in FIGURES[:-1]}
    out["median_ms"] = statistics.median(o.seconds * 1000 for o in outcomes)
    return out


def _ratio(new: float | None, old: float | None) -> float | None:
    return round(new / old, 3) if new is not None and old else None


def measure(phrasings: Sequence[Phrasing], cases: Sequence[Case]) -> dict[str, Any]:
    """plain and led -> baseline, new (figures), and new over baseline."""
    matcher = configured_matcher(phrasings)
    out: dict[str, Any] = {}
    for form, asked in (("plain", list(cases)), ("led", led(cases))):
        with leads_kept():  # warm: the caches of words' n-grams serve both ways alike
            run(matcher, asked)
        run(matcher, asked)
        # Each way on a state of its own remembering nothing of the other's searches.
        matcher.replace(phrasings)
        with leads_kept():
            baseline = figures(run(matcher, asked))
        matcher.replace(phrasings)
        new = figures(run(matcher, asked))
        out[form] = {
            "baseline": baseline,
            "new": new,
            "new_over_baseline": {k: _ratio(new[k], baseline[k]) for k in FIGURES},
        }
    return out


def _show(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="at most 600 questions a set")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    parser.add_argument("--no-shared", action="store_true", help="only knowledge/eval's sets")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    for name, (phrasings, cases) in sets(not args.no_shared).items():
        cases = _sample(cases, args.quick)
        started = time.perf_counter()
        results[name] = measure(phrasings, cases)
        results[name]["questions"] = len(cases)
        seconds = time.perf_counter() - started
        print(f"{name}: {len(cases)} questions, {len(phrasings)} phrasings ({seconds:.0f} s)")
        for form in ("plain", "led"):
            row = results[name][form]
            for way in ("baseline", "new"):
                f = row[way]
                print(
                    f"  {form:5} {way:8} answered {_show(f['answered'])}  top-1 {_show(f['top1'])}"
                    f"  precision {_show(f['answer_precision'])}"
                    f"  unanswerable answered {_show(f['wrongly_answered_oos'])}"
                    f"  median {f['median_ms']:.2f} ms"
                )
            ratio = row["new_over_baseline"]
            print(
                f"  {form:5} new/baseline: answered {_show(ratio['answered'])}"
                f"  top-1 {_show(ratio['top1'])}  median ms {_show(ratio['median_ms'])}"
            )
    if args.json:
        print(json.dumps({"leads": LEADS, "sets": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
