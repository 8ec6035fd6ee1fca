"""The sample knowledge base and a matcher over it, shared by the knowledge tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.cli import thresholds_from, vocabulary_from
from knowledge.matcher import Matcher, Phrasing
from knowledge.templates import CaseTemplate, Vocabulary, load
from tests.conftest import ROOT

BASE = ROOT / "knowledge" / "base"
CONFIG = ROOT / "config.yaml"


@pytest.fixture(scope="session")
def config_raw() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def vocabulary(config_raw: dict[str, Any]) -> Vocabulary:
    return vocabulary_from(config_raw)


@pytest.fixture(scope="session")
def templates(vocabulary: Vocabulary) -> list[CaseTemplate]:
    return load([BASE], vocabulary)


def _matcher(templates: list[CaseTemplate]) -> Matcher:
    """Over the sample base, with the thresholds of config.yaml."""
    return configured([p for t in templates for p in t.phrasings()])


def configured(phrasings: list[Phrasing]) -> Matcher:
    """Over these phrasings, with the thresholds of config.yaml."""
    default, per_language = thresholds_from(yaml.safe_load(CONFIG.read_text(encoding="utf-8")))
    return Matcher(
        phrasings,
        answer_threshold=default.answer,
        suggest_threshold=default.suggest,
        thresholds=per_language,
    )


@pytest.fixture
def matcher(templates: list[CaseTemplate]) -> Matcher:
    """A matcher of one's own, free to change."""
    return _matcher(templates)


@pytest.fixture(scope="session")
def shared_matcher(templates: list[CaseTemplate]) -> Matcher:
    """A matcher only read from, built once (for property-based tests)."""
    return _matcher(templates)


def write(tmp_path: Path, text: str, name: str = "kb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
