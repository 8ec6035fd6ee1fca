"""Benchmark: how many ordinary customer-service questions the desk reads as a danger.

    python -m benchmarks.false_alarms [--json]

Every text of the real question sets beside the checkout in ../shared/data (English:
BANKING77 and HWU64; Chinese: crosswoz_faq_zh; their knowledge-base and test lines alike, each
distinct text once per language) is read as the intake reads a requester's words for a
danger (`bot.priority.emergency_words` under config.yaml: the configured emergency phrases,
then the kinds `bot.hazard` hears). None of them is an emergency written to a city's desk
(banking, an assistant, travel), so each flagged text is a false alarm or a real danger in
the set (HWU64 has "my washer is on fire"): they are printed for a reader to judge. Printed
per language: texts, flagged, share, the flagged texts with the words that told each; with
--json one JSON line as well. The data is never committed (../shared/data/README.md).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.config import load_settings
from bot.priority import emergency_words
from bot.rules import Rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
LANGUAGES = {"en": ("banking77", "hwu64"), "zh": ("crosswoz_faq_zh",)}
FILES = ("kb.jsonl", "test.jsonl")


def texts(sets: tuple[str, ...]) -> list[str]:
    """Each distinct text of `sets`' files, in the order first read."""
    seen: dict[str, None] = {}
    for name in sets:
        for file in FILES:
            with (SHARED / name / file).open(encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        seen.setdefault(json.loads(line)["text"], None)
    return list(seen)


def flagged(rules: Rules, questions: list[str]) -> list[tuple[str, list[str]]]:
    """The `questions` read as a danger, each with the words that told it."""
    return [(text, words) for text in questions if (words := emergency_words(rules, text))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    args = parser.parse_args()
    rules = Rules(load_settings(ROOT / "config.yaml"))
    figures: dict[str, dict[str, object]] = {}
    for language, sets in LANGUAGES.items():
        questions = texts(sets)
        found = flagged(rules, questions)
        share = len(found) / len(questions) if questions else 0.0
        print(
            f"{language} ({', '.join(sets)}): {len(questions)} texts, {len(found)} flagged", end=""
        )
        print(f" ({share:.4%})")
        for text, words in found:
            print(f"  {text!r}: {', '.join(words)}")
        figures[language] = {
            "texts": len(questions),
            "flagged": len(found),
            "share": round(share, 6),
            "flagged_texts": [text for text, _ in found],
        }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
