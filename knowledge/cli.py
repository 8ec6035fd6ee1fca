"""`python -m knowledge`: check the knowledge base, evaluate the matcher, propose thresholds."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from knowledge.evaluate import (
    evaluate,
    few_phrasings,
    kb_phrasings,
    propose_thresholds,
    read_cases,
)
from knowledge.matcher import Phrasing, Thresholds
from knowledge.templates import TemplateError, Vocabulary, load


def _config(path: Path) -> dict[str, Any]:
    """The few config values this package needs, read without the bot's models."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path}: cannot read the configuration: {exc}") from None
    return raw if isinstance(raw, dict) else {}


def vocabulary_from(config: dict[str, Any]) -> Vocabulary:
    knowledge = config.get("knowledge") or {}
    return Vocabulary(
        languages=frozenset((config.get("languages") or {}).get("supported", ["zh", "en"])),
        categories=frozenset(c["key"] for c in config.get("categories", [])),
        departments=frozenset(d["key"] for d in config.get("departments", [])),
        answer_values=frozenset((knowledge.get("values") or {}).keys()),
        priorities=frozenset(p["key"] for p in config.get("priorities", [])),
    )


def thresholds_from(config: dict[str, Any]) -> tuple[Thresholds, dict[str, Thresholds]]:
    """`matcher:` of config: the default thresholds and those of each language (confidence
    0-100). Raises ValueError on a suggest threshold above its answer threshold."""
    matcher = config.get("matcher") or {}
    default = Thresholds(
        float(matcher.get("answer_threshold", 85)), float(matcher.get("suggest_threshold", 60))
    )
    per_language = {
        str(language): Thresholds(float(pair["answer"]), float(pair["suggest"]))
        for language, pair in (matcher.get("thresholds") or {}).items()
    }
    return default, per_language


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("config.yaml"))
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the knowledge-base files")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: config)")
    for name, text in (
        ("eval", "measure the matcher on a KB and a test set"),
        ("thresholds", "propose answer/suggest thresholds for a target precision"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("kb", type=Path, help="KB: JSONL (shared/data layout) or template YAML")
        sub.add_argument("test", type=Path)
        sub.add_argument("--answer-threshold", type=float, help="for every language")
        sub.add_argument("--suggest-threshold", type=float, help="for every language")
        sub.add_argument(
            "--phrasings",
            type=int,
            default=0,
            metavar="N",
            help="few-phrasing regime: keep N phrasings a template, ask the rest first",
        )
        if name == "eval":
            sub.add_argument("--json", action="store_true", help="one JSON object")
        else:
            sub.add_argument("--precision", type=float, default=0.95)
            sub.add_argument(
                "--max-unanswerable",
                type=float,
                default=0.05,
                help="share of unanswerable questions the answer threshold may let through",
            )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config = _config(args.config)
    if args.command == "check":
        configured = (config.get("knowledge") or {}).get("paths", [])
        # Relative paths in the configuration are relative to its folder, as the bot reads them.
        paths = args.paths or [args.config.parent / p for p in configured]
        try:
            templates = load(paths, vocabulary_from(config))
        except TemplateError as exc:
            print(exc, file=sys.stderr)
            return 2
        active = sum(t.status == "active" for t in templates)
        count = sum(len(t.phrasings()) for t in templates)
        print(f"ok: {len(templates)} templates ({active} active), {count} phrasings")
        return 0
    try:
        default, per_language = thresholds_from(config)
        if args.answer_threshold is not None or args.suggest_threshold is not None:
            default = Thresholds(
                default.answer if args.answer_threshold is None else args.answer_threshold,
                default.suggest if args.suggest_threshold is None else args.suggest_threshold,
            )
            per_language = {}
        phrasings, tests = _kb(args.kb, config), read_cases(args.test)
        if args.phrasings > 0:
            phrasings, tests = few_phrasings(phrasings, tests, args.phrasings)
        figures, outcomes = evaluate(
            phrasings,
            tests,
            answer_threshold=default.answer,
            suggest_threshold=default.suggest,
            thresholds=per_language,
        )
    except (OSError, ValueError, TemplateError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.command == "thresholds":
        proposals = {}
        for language in sorted({o.case.language for o in outcomes}):
            answer, suggest = propose_thresholds(
                [o for o in outcomes if o.case.language == language],
                args.precision,
                args.max_unanswerable,
            )
            proposals[language] = {"answer": answer, "suggest": suggest}
        print(
            json.dumps(
                {
                    "precision": args.precision,
                    "max_unanswerable": args.max_unanswerable,
                    "thresholds": proposals,
                }
            )
        )
        return 0
    if args.json:
        print(json.dumps(figures))
    else:
        _print_table(figures)
    return 0


def _kb(path: Path, config: dict[str, Any]) -> list[Phrasing]:
    """A KB as phrasings: a JSONL file in the shared/data layout, or template YAML files."""
    if path.is_dir() or path.suffix in (".yaml", ".yml"):
        templates = load([path], vocabulary_from(config))
        return [p for t in templates if t.status == "active" for p in t.phrasings()]
    return kb_phrasings(read_cases(path))


def _print_table(figures: dict[str, Any]) -> None:
    def show(value: Any) -> str:
        return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)

    rows = [
        ("queries", figures["queries"]),
        ("phrasings", figures["phrasings"]),
        ("top-1 accuracy", figures["top1"]),
        ("top-3 accuracy", figures["top3"]),
        ("answered at the thresholds", figures["answered"]),
        ("precision of those answers", figures["answer_precision"]),
        *((f"precision at {k}% coverage", v) for k, v in figures["precision_at_coverage"].items()),
        *((f"coverage at {k}% precision", v) for k, v in figures["coverage_at_precision"].items()),
        ("AUROC, answerable vs not", figures["auroc_oos"]),
        ("unanswerable wrongly answered", figures["wrongly_answered_oos"]),
        ("latency mean (ms)", figures["latency_ms"]["mean"]),
        ("latency p99 (ms)", figures["latency_ms"]["p99"]),
        ("index build (s)", figures["build_s"]),
        ("peak memory (MB)", figures["peak_rss_mb"]),
    ]
    for label, value in rows:
        print(f"{label:32} {show(value)}")
