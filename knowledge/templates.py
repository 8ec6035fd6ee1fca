"""Case templates: the YAML files administrators edit, validated, and their answers rendered.

A file holds `templates:`, a list of mappings:

    - id: housing-fund-withdrawal          # unique across every file
      category: consultation               # a category key from config.yaml
      department: social_security          # a department key from config.yaml
      questions:                           # several phrasings per language
        zh: [公积金怎么提取, ...]
        en: [How do I withdraw my housing fund?, ...]
      answer:                              # jinja2, per language; may use config values
        zh: "……办理时间:{{ office_hours }}"
        en: "... Opening hours: {{ office_hours }}"
      keywords: [公积金, housing fund]
      handling:                            # optional: the matter needs a person (a fault to
        ask_for:                           # repair, an application to process): the bot
          zh: [具体位置, 现场照片]           # answers, asks for these details and opens
          en: [the exact place, a photo]   # the ticket itself, in this category and department
        area: false                        # optional: true for an area's matter (an outage):
                                           # reports from different addresses are one event
      priority: urgent                     # optional: the ticket opened from it is at least
                                           # this urgent (an answer promising an emergency)
      links: [https://example.gov/fund]
      status: active                       # active | pending | retired
      origin: manual                       # manual | ticket:123
      created: 2026-11-01
      updated: 2026-11-01

Errors are reported as `file:line: reason`, every one of them, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from knowledge.matcher import Phrasing
from knowledge.yaml_lines import line_index, line_of, safe_load

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
_ORIGIN = re.compile(r"^(manual|ticket:\d+)$")
MIN_PHRASINGS = 1

# One sandboxed environment for every answer: templates may come from staff proposals.
answers = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True)


@lru_cache(maxsize=4096)
def _compiled(source: str) -> Template:
    """Compiling an answer costs milliseconds; each distinct source is compiled once."""
    return answers.from_string(source)


class Status(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"  # proposed, waiting for a supervisor's approval
    RETIRED = "retired"


class Handling(BaseModel):
    """A matter no answer settles (a fault to repair, an application to process): a person
    must act. `ask_for` names, per language, the details the requester is asked to send (a
    place, a photo, a number); it may be empty. `area`: the matter is an area's (a water
    cut, a power cut): reports of it from different addresses are one event, where a fault
    at one place (a street light, a leak) reported from two addresses is two."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ask_for: dict[str, list[str]] = Field(default_factory=dict)
    area: bool = False

    @field_validator("ask_for")
    @classmethod
    def _details(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for language, details in value.items():
            if not all(d.strip() for d in details):
                raise ValueError(f"ask_for.{language}: details must not be empty")
        return value


class CaseTemplate(BaseModel):
    """One archived case: the questions it answers and the answer, in every language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    category: str
    department: str
    questions: dict[str, list[str]]
    answer: dict[str, str]
    keywords: list[str] = Field(default_factory=list)
    handling: Handling | None = None
    priority: str | None = None
    links: list[str] = Field(default_factory=list)
    status: Status = Status.ACTIVE
    origin: str = "manual"
    created: date | None = None
    updated: date | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("an id is 2-64 of a-z, 0-9, '-' and '_'")
        return value

    @field_validator("origin")
    @classmethod
    def _origin_shape(cls, value: str) -> str:
        if not _ORIGIN.match(value):
            raise ValueError("origin is 'manual' or 'ticket:<number>'")
        return value

    @field_validator("questions")
    @classmethod
    def _phrasings(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for language, phrasings in value.items():
            cleaned = [p.strip() for p in phrasings]
            if len(cleaned) < MIN_PHRASINGS or not all(cleaned):
                raise ValueError(f"questions.{language}: phrasings must not be empty")
        return value

    def phrasings(self) -> list[Phrasing]:
        return [
            Phrasing(self.id, language, text)
            for language, texts in self.questions.items()
            for text in texts
        ]

    def title(self, language: str) -> str:
        """How people see the template named: its first question in `language` (or in the first
        language that has one; its id if none does)."""
        for texts in (self.questions.get(language, []), *self.questions.values()):
            if texts:
                return texts[0]
        return self.id

    @property
    def needs_person(self) -> bool:
        """The matter needs a person: answering it opens a ticket (`handling`)."""
        return self.handling is not None

    def ask_for(self, language: str) -> list[str]:
        """The details to ask the requester for, in `language` (or the first language that
        has them); empty when the template asks for none."""
        if self.handling is None:
            return []
        details = self.handling.ask_for
        return list(details.get(language) or next(iter(details.values()), []))

    def render(self, language: str, context: Mapping[str, Any]) -> str:
        """The answer in `language` (or the first one it has), filled from `context`."""
        source = self.answer.get(language) or next(iter(self.answer.values()))
        return _compiled(source).render(**context).strip()


@dataclass(frozen=True)
class Vocabulary:
    """What a template may name: from config.yaml, handed in (this package reads no config)."""

    languages: frozenset[str]
    categories: frozenset[str]
    departments: frozenset[str]
    answer_values: frozenset[str]  # names an answer may use, e.g. office_hours
    priorities: frozenset[str] = frozenset()  # priority keys (empty: none checked)


class TemplateError(Exception):
    """The knowledge base was refused; the message lists every `file:line: reason`."""


def check_template(template: CaseTemplate, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """What is wrong with a template beyond its shape: (field, reason) pairs."""
    problems: list[tuple[str, str]] = []
    if template.category not in vocabulary.categories:
        problems.append(("category", f"unknown category {template.category!r}"))
    if template.department not in vocabulary.departments:
        problems.append(("department", f"unknown department {template.department!r}"))
    for field_name, languages in (("questions", template.questions), ("answer", template.answer)):
        for language in languages:
            if language not in vocabulary.languages:
                problems.append((f"{field_name}.{language}", f"unknown language {language!r}"))
        if not languages:
            problems.append((field_name, "needs at least one language"))
    if template.priority is not None and vocabulary.priorities:
        if template.priority not in vocabulary.priorities:
            known = ", ".join(sorted(vocabulary.priorities))
            problems.append(("priority", f"unknown priority {template.priority!r} ({known})"))
        if template.handling is None:
            problems.append(("priority", "only a template with `handling` opens a ticket"))
    for language in template.handling.ask_for if template.handling else ():
        if language not in vocabulary.languages:
            problems.append((f"handling.ask_for.{language}", f"unknown language {language!r}"))
    for language, source in template.answer.items():
        try:
            parsed = answers.parse(source)
        except TemplateSyntaxError as exc:
            problems.append((f"answer.{language}", f"does not compile: {exc.message}"))
            continue
        unknown = meta.find_undeclared_variables(parsed) - vocabulary.answer_values
        if unknown:
            problems.append(
                (f"answer.{language}", f"unknown value(s) {', '.join(sorted(unknown))}")
            )
    return problems


class _LazyLines(dict[tuple[str | int, ...], int]):
    """`line_index(text)`, read only if a line is asked for (a refusal): a sound file is not
    read a second time for lines nobody needs."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text: str | None = text

    def _read(self) -> None:
        if self._text is not None:
            self.update(line_index(self._text))
            self._text = None

    def __contains__(self, key: object) -> bool:
        self._read()
        return super().__contains__(key)

    def __getitem__(self, key: tuple[str | int, ...]) -> int:
        self._read()
        return super().__getitem__(key)


def load_file(path: Path, vocabulary: Vocabulary) -> tuple[list[CaseTemplate], list[str]]:
    """The templates of one file and the problems found in it (as `file:line: reason`)."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = safe_load(text)
    except OSError as exc:
        return [], [f"{path}:1: cannot read: {exc.strerror or exc}"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return [], [f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', None) or exc}"]
    if not isinstance(raw, dict) or not isinstance(raw.get("templates"), list):
        return [], [f"{path}:1: expected a top-level 'templates:' list"]
    lines = _LazyLines(text)
    templates: list[CaseTemplate] = []
    problems: list[str] = []
    for index, item in enumerate(raw["templates"]):
        where = ("templates", index)
        try:
            template = CaseTemplate.model_validate(item)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                field = ".".join(str(part) for part in loc) or "template"
                reason = error["msg"].removeprefix("Value error, ")
                problems.append(f"{path}:{line_of(lines, (*where, *loc))}: {field}: {reason}")
            continue
        for field, reason in check_template(template, vocabulary):
            loc = tuple(field.split("."))
            line = line_of(lines, (*where, *loc))
            problems.append(f"{path}:{line}: {template.id}: {field}: {reason}")
        templates.append(template)
    return templates, problems


def load(paths: Iterable[Path], vocabulary: Vocabulary) -> list[CaseTemplate]:
    """Every template of these files (folders: their *.yaml), or TemplateError with all faults."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    templates: list[CaseTemplate] = []
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    for file in files:
        found, faults = load_file(file, vocabulary)
        problems.extend(faults)
        lines = _LazyLines(file.read_text(encoding="utf-8") if found else "")
        for index, template in enumerate(found):
            if template.id in first_seen:
                line = line_of(lines, ("templates", index, "id"))
                first = first_seen[template.id]
                problems.append(f"{file}:{line}: duplicate id {template.id!r} (first in {first})")
                continue
            first_seen[template.id] = str(file)
            templates.append(template)
    if not files:
        problems.append("no knowledge-base files found")
    if problems:
        raise TemplateError("\n".join(problems))
    return templates
