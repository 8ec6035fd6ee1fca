"""Configuration: `config.yaml` parsed into pydantic models, secrets from the environment.

A bad value stops the program with the file, the field (and its line) and the reason.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from knowledge.yaml_lines import line_index, line_of

DEFAULT_CONFIG_PATH = Path("config.yaml")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/shouwen.db"
TOKEN_ENV = "SHOUWEN_BOT_TOKEN"
BOT_API_URL_ENV = "SHOUWEN_BOT_API_URL"
DATABASE_URL_ENV = "SHOUWEN_DATABASE_URL"

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)")
_DURATION_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


class ConfigError(Exception):
    """A configuration file was refused; the message names file, field and reason."""


def parse_duration(value: Any) -> timedelta:
    """Read '90m', '4h', '1d12h', '2w' (or a number of seconds) as a timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30m, 4h or 2d")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        parts = _DURATION_PART.findall(text)
        if not text or "".join(n + u for n, u in parts) != text:
            raise ValueError(f"{value!r} is not a duration such as 30m, 4h, 1d12h or 2w")
        seconds = sum(float(n) * _DURATION_UNITS[u] for n, u in parts)
    else:
        raise ValueError("expected a duration such as 30m, 4h or 2d")
    if seconds <= 0:
        raise ValueError("a duration must be longer than zero")
    return timedelta(seconds=seconds)


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    """An officer or supervisor, known by Telegram user id."""

    user_id: int
    name: str = Field(min_length=1)
    staff_number: str = Field(min_length=1)


class Department(_Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    names: dict[str, str]
    staff_group_chat_id: int
    officers: list[Person] = Field(min_length=1)
    supervisors: list[Person] = Field(min_length=1)


class Named(_Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    names: dict[str, str]
    cues: list[str] = Field(
        default_factory=list, description="words that mark a question as of this category"
    )


class Languages(_Model):
    default: str = "zh"
    supported: list[str] = Field(default_factory=lambda: ["zh", "en"], min_length=1)

    @model_validator(mode="after")
    def _default_is_supported(self) -> Languages:
        if self.default not in self.supported:
            raise ValueError(f"default language {self.default!r} is not in supported")
        return self


class Management(_Model):
    chat_id: int
    user_ids: list[int] = Field(default_factory=list)


class ServiceLevel(_Model):
    first_response: Duration
    resolution: Duration
    clock: Literal["working", "calendar"] = "working"

    @model_validator(mode="after")
    def _resolution_after_response(self) -> ServiceLevel:
        if self.resolution < self.first_response:
            raise ValueError("resolution must not be shorter than first_response")
        return self


def _parse_hours(value: Any) -> tuple[time, time]:
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}", value):
        raise ValueError(f"{value!r} is not a span such as 09:00-12:00")
    start_text, end_text = value.split("-")
    try:
        start, end = time.fromisoformat(start_text.zfill(5)), time.fromisoformat(end_text.zfill(5))
    except ValueError as exc:
        raise ValueError(f"{value!r}: {exc}") from None
    if end <= start:
        raise ValueError(f"{value!r} ends before it starts")
    return start, end


HoursSpan = Annotated[tuple[time, time], BeforeValidator(_parse_hours)]


class OfficeHours(_Model):
    """Working time; deadlines on the 'working' clock only count time inside it."""

    weekly: dict[str, list[HoursSpan]] = Field(default_factory=dict)
    holidays: list[date] = Field(default_factory=list)
    extra_workdays: list[date] = Field(
        default_factory=list, description="weekend days worked in lieu of a holiday (调休)"
    )
    extra_workday_hours: list[HoursSpan] = Field(default_factory=list)
    working_day: Duration | None = Field(
        default=None,
        description="what '1d' means on the working clock; default: the longest weekly day",
    )

    @field_validator("weekly")
    @classmethod
    def _known_days(cls, weekly: dict[str, list[tuple[time, time]]]) -> dict[str, Any]:
        for day, spans in weekly.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown day {day!r}; use {', '.join(WEEKDAYS)}")
            ordered = sorted(spans)
            for (_, end), (start, _) in itertools.pairwise(ordered):
                if start < end:
                    raise ValueError(f"{day}: office hours overlap")
        return weekly

    @property
    def enabled(self) -> bool:
        return any(self.weekly.values())

    @property
    def day_length(self) -> timedelta:
        """The working time in one working day."""
        if self.working_day is not None:
            return self.working_day
        days = [
            sum((_span_length(span) for span in spans), timedelta())
            for spans in self.weekly.values()
        ]
        return max(days, default=timedelta(hours=24))


def _span_length(span: tuple[time, time]) -> timedelta:
    start, end = span
    return timedelta(hours=end.hour - start.hour, minutes=end.minute - start.minute)


class Notices(_Model):
    interval: Duration = timedelta(hours=24)
    owner_reminder_before: Duration = timedelta(hours=2)
    grace: Duration = Field(
        default=timedelta(minutes=30),
        description="a notice sent later than this after it was due counts as late",
    )

    @model_validator(mode="after")
    def _reminder_inside_interval(self) -> Notices:
        if self.owner_reminder_before >= self.interval:
            raise ValueError("owner_reminder_before must be shorter than interval")
        return self


EscalationTarget = Literal["owner", "department_group", "department_supervisors", "management"]


class EscalationStep(_Model):
    at: float = Field(gt=0, le=10, description="fraction of the deadline's span")
    notify: list[EscalationTarget] = Field(min_length=1)


class Escalation(_Model):
    ladder: list[EscalationStep] = Field(min_length=1)

    @field_validator("ladder")
    @classmethod
    def _increasing(cls, ladder: list[EscalationStep]) -> list[EscalationStep]:
        fractions = [step.at for step in ladder]
        if fractions != sorted(set(fractions)):
            raise ValueError("ladder steps must have strictly increasing 'at' fractions")
        if 1.0 not in fractions:
            raise ValueError("the ladder needs a step at 1.0 (the deadline itself)")
        return ladder


class Closure(_Model):
    auto_close_after: Duration = timedelta(hours=72)


class Retention(_Model):
    """How long the desk keeps what identifies people. After `personal_data`, a closed
    ticket's words (question, messages, summaries, reasons, comments) and its requester's name
    are erased; the anonymous record (times, statuses, owners, ratings) stays for the figures.
    Sent or abandoned outgoing messages and handled updates go after `delivery_log`."""

    personal_data: Duration = timedelta(days=365)
    delivery_log: Duration = timedelta(days=7)

    @model_validator(mode="after")
    def _long_enough(self) -> Retention:
        if self.delivery_log < timedelta(days=3):
            # Telegram may send an update again within a day; the inbox must remember it.
            raise ValueError("delivery_log must be at least 3d (the inbox recognises repeats)")
        if self.personal_data < timedelta(days=1):
            raise ValueError("personal_data must be at least 1d")
        return self


class LanguageThresholds(_Model):
    """Confidence (0-100) from which to answer, and from which to suggest, in one language."""

    answer: float = Field(ge=0, le=100)
    suggest: float = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> LanguageThresholds:
        if self.suggest > self.answer:
            raise ValueError("suggest must not be above answer")
        return self


class Matcher(_Model):
    """Thresholds on the matcher's confidence: per language, and for any other language."""

    answer_threshold: float = Field(default=85, ge=0, le=100)
    suggest_threshold: float = Field(default=60, ge=0, le=100)
    thresholds: dict[str, LanguageThresholds] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Matcher:
        if self.suggest_threshold > self.answer_threshold:
            raise ValueError("suggest_threshold must not be above answer_threshold")
        return self


class Knowledge(_Model):
    """Where the case-template files are, and the values their answers may use."""

    paths: list[str] = Field(default_factory=lambda: ["knowledge/base"], min_length=1)
    values: dict[str, str | dict[str, str]] = Field(default_factory=dict)

    def context(self, language: str) -> dict[str, str]:
        """The values for answers in `language` (a per-language value falls back to any)."""
        return {
            name: value
            if isinstance(value, str)
            else value.get(language, next(iter(value.values()), ""))
            for name, value in self.values.items()
        }


class KeywordRule(_Model):
    words: list[str] = Field(min_length=1)
    priority: str


class Surge(_Model):
    """Many similar tickets in a short window are one incident (群体性投诉)."""

    window: Duration = timedelta(hours=1)
    min_tickets: int = Field(default=5, ge=2)
    similarity: float = Field(default=75, ge=0, le=100)
    priority: str = "urgent"


class Abuse(_Model):
    """Limits that keep one requester from swamping the desk."""

    messages_per_minute: int = Field(default=20, ge=1)
    open_tickets: int = Field(default=3, ge=1)


class Privacy(_Model):
    show_officer_as: Literal["name", "staff_number"] = "name"


class Settings(_Model):
    timezone: str = "Asia/Shanghai"
    languages: Languages = Languages()
    privacy: Privacy = Privacy()
    management: Management
    departments: list[Department] = Field(min_length=1)
    default_department: str | None = None
    categories: list[Named] = Field(min_length=1)
    priorities: list[Named] = Field(min_length=1, description="lowest first")
    service_levels: dict[str, dict[str, ServiceLevel]]
    office_hours: OfficeHours = OfficeHours()
    notices: Notices = Notices()
    escalation: Escalation
    closure: Closure = Closure()
    matcher: Matcher = Matcher()
    knowledge: Knowledge = Knowledge()
    keywords: list[KeywordRule] = Field(default_factory=list)
    surge: Surge = Surge()
    abuse: Abuse = Abuse()
    retention: Retention = Retention()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        languages = set(self.languages.supported)
        items: list[Department] | list[Named]
        for group_name, items in (
            ("departments", self.departments),
            ("categories", self.categories),
            ("priorities", self.priorities),
        ):
            keys = [item.key for item in items]
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"{group_name}: duplicate key(s) {', '.join(duplicates)}")
            for item in items:
                missing = languages - set(item.names)
                if missing:
                    missing_text = ", ".join(sorted(missing))
                    raise ValueError(
                        f"{group_name} {item.key!r}: names missing for {missing_text}"
                    )
        user_roles: dict[int, str] = {}
        for department in self.departments:
            for person in [*department.officers, *department.supervisors]:
                where = f"department {department.key!r}"
                if person.user_id in user_roles and user_roles[person.user_id] != where:
                    raise ValueError(
                        f"user {person.user_id} is staff in both {user_roles[person.user_id]}"
                        f" and {where}"
                    )
                user_roles[person.user_id] = where
        department_keys = {d.key for d in self.departments}
        if self.default_department is not None and self.default_department not in department_keys:
            raise ValueError(f"default_department {self.default_department!r} is not a department")
        categories = [c.key for c in self.categories]
        priorities = [p.key for p in self.priorities]
        for category in categories:
            row = self.service_levels.get(category)
            if row is None:
                raise ValueError(f"service_levels: no row for category {category!r}")
            absent = [p for p in priorities if p not in row]
            if absent:
                raise ValueError(f"service_levels.{category}: missing {', '.join(absent)}")
            unknown = [p for p in row if p not in priorities]
            if unknown:
                raise ValueError(f"service_levels.{category}: unknown priority {unknown[0]!r}")
        unknown_rows = [c for c in self.service_levels if c not in categories]
        if unknown_rows:
            raise ValueError(f"service_levels: unknown category {unknown_rows[0]!r}")
        for rule in self.keywords:
            if rule.priority not in priorities:
                raise ValueError(f"keywords: unknown priority {rule.priority!r}")
        if self.surge.priority not in priorities:
            raise ValueError(f"surge.priority: unknown priority {self.surge.priority!r}")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def home_department(self) -> str:
        """Where tickets land when nothing routes them elsewhere."""
        return self.default_department or self.departments[0].key

    def department(self, key: str) -> Department:
        for department in self.departments:
            if department.key == key:
                return department
        raise KeyError(key)

    def service_level(self, category: str, priority: str) -> ServiceLevel:
        return self.service_levels[category][priority]

    def priority_rank(self, priority: str) -> int:
        return [p.key for p in self.priorities].index(priority)


@dataclass(frozen=True)
class Environment:
    """What comes from the environment, never from a committed file."""

    bot_token: str | None
    database_url: str
    # A Bot API server other than Telegram's (a local telegram-bot-api, or an emulation).
    bot_api_url: str | None = None

    @classmethod
    def read(cls) -> Environment:
        token = os.environ.get(TOKEN_ENV) or None
        return cls(
            bot_token=token,
            database_url=os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL,
            bot_api_url=os.environ.get(BOT_API_URL_ENV) or None,
        )


def _format_location(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def load_settings(path: Path | str = DEFAULT_CONFIG_PATH) -> Settings:
    """Read and validate a configuration file, or raise ConfigError naming what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{where}: not valid YAML: {problem}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        lines = line_index(text)
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not isinstance(p, str) or "[" not in p)
            line = line_of(lines, loc)
            reason = error["msg"].removeprefix("Value error, ")
            field = _format_location(loc)
            problems.append(f"{path}:{line}: {field}: {reason}")
        raise ConfigError("\n".join(problems)) from None
