"""Benchmark: how many ordinary questions in a language the desk writes are taken for another.

    python -m benchmarks.other_tongues [--json]

Every text of the real question sets beside the checkout in ../shared/data (English: BANKING77
and HWU64; Chinese: crosswoz_faq_zh; each distinct text once per language, as
benchmarks/false_alarms.py reads them) is read as the intake reads a requester's words for a
language the desk does not write (`bot.written.other_tongue`). Each text taken for one is
answered with a note that the desk answers in Chinese or English and marked on its ticket's
card: a false alarm ("as soon as possible" was Portuguese while "as" counted as a Portuguese
word). Printed per language: texts, taken for another, the texts with the language each was
taken for; with --json one JSON line as well. The data is never committed.
"""

from __future__ import annotations

import argparse
import json

from benchmarks.false_alarms import LANGUAGES, texts
from bot.written import other_tongue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    args = parser.parse_args()
    figures: dict[str, dict[str, object]] = {}
    for language, sets in LANGUAGES.items():
        questions = texts(sets)
        taken = [(text, tongue) for text in questions if (tongue := other_tongue(text))]
        print(f"{language} ({', '.join(sets)}): {len(questions)} texts, {len(taken)} taken")
        for text, tongue in taken:
            print(f"  {text!r}: {tongue}")
        figures[language] = {"texts": len(questions), "taken": dict(taken)}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
