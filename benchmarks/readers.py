"""Benchmark: what each reader of a requester's words costs per message, beside the matcher.

    python -m benchmarks.readers [--rounds 5] [--json]

Every message a requester writes is read by several pure functions before anything is
written: the danger and keyword readers (bot/hazard.py through bot/priority.py), the fault
reader (bot/faults.py), the small-words readers (bot/intake/small_words.py), the category a
sentence names (bot/intake/pending.py), the words after a resolution
(bot/resolution_words.py), the details already given (bot/details.py); and the
knowledge base is searched (knowledge/matcher.py). Each is timed over the same questions (our
Chinese test set, and BANKING77's English test questions when ../shared/data is beside the
checkout), `--rounds` times; the medians are printed in microseconds per question, each beside
the matcher's search in the same run (the ratio steadies the figures on a machine whose speed
drifts). The throughput benchmark (benchmarks/throughput.py) measures the whole path; this
one says which reader to look at first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bot import details
from bot.casebook import file_templates, matcher_for
from bot.config import load_settings
from bot.faults import reports_fault
from bot.intake import small_words
from bot.intake.pending import category_in
from bot.priority import keyword_priority
from bot.resolution_words import read_after_resolution
from bot.rules import Rules
from knowledge.evaluate import read_cases
from knowledge.templates import Status

ROOT = Path(__file__).resolve().parent.parent
BANKING = ROOT.parent / "shared" / "data" / "banking77" / "test.jsonl"


def questions(english: int = 400) -> list[str]:
    """Our Chinese test questions, then up to `english` of BANKING77's (when present)."""
    texts = [c.text for c in read_cases(ROOT / "knowledge" / "eval" / "zh_test.jsonl")]
    if BANKING.exists():
        texts += [c.text for c in read_cases(BANKING)][:english]
    return texts


def per_question(read: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """The median over `rounds` of the microseconds `read` takes per text."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            read(text)
        times.append((time.perf_counter() - started) / len(texts) * 1e6)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    settings = load_settings(ROOT / "config.yaml")
    rules = Rules(settings)
    active = [t for t in file_templates(settings) if t.status is Status.ACTIVE]
    matcher = matcher_for(settings, active)
    texts = questions()
    normal = settings.priorities[0].key
    readers: dict[str, Callable[[str], object]] = {
        "matcher.search": lambda text: matcher.search(text, None, limit=3),
        "priority.keyword_priority": lambda text: keyword_priority(rules, text, normal),
        "faults.reports_fault": reports_fault,
        "small_words.is_filler": small_words.is_filler,
        "pending.category_in": lambda text: category_in(settings, text),
        "resolution_words.read_after_resolution": read_after_resolution,
        "details.given": details.given,
    }
    figures = {name: per_question(read, texts, args.rounds) for name, read in readers.items()}
    search = figures["matcher.search"]
    for name, micros in figures.items():
        print(f"{name:42} {micros:8.1f} us/question   {micros / search:5.2f} of a search")
    print(f"{len(texts)} questions, medians of {args.rounds} rounds")
    if args.json:
        print(json.dumps({"us_per_question": {k: round(v, 1) for k, v in figures.items()}}))


if __name__ == "__main__":
    main()
