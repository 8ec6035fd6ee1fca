"""The sections of config.yaml as pydantic models: people and departments, service levels and
office hours, notices, escalation, closure, retention, surge, abuse and privacy; the
metrics address and the logs (keywords and emergency: `bot.config.danger`; the matcher and
the knowledge base: `bot.config.matching`)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date, time, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)")
_DURATION_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


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


class ConfigModel(BaseModel):
    """A section of config.yaml: unknown keys are refused, values never change once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(ConfigModel):
    """An officer or supervisor, known by Telegram user id. `also_known_as`: how requesters
    may write their name otherwise (in Latin letters, "Li Qiang"): a complaint naming them so
    names them (bot/staff_complaint.py); the first in Latin letters is how an English
    requester reads their name (bot/staff.py `StaffMember.name_in`)."""

    user_id: int
    name: str = Field(min_length=1)
    staff_number: str = Field(min_length=1)
    also_known_as: list[str] = Field(default_factory=list)


class Department(ConfigModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    names: dict[str, str]
    staff_group_chat_id: int
    officers: list[Person] = Field(min_length=1)
    supervisors: list[Person] = Field(min_length=1)


class Named(ConfigModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    names: dict[str, str]
    cues: list[str] = Field(
        default_factory=list, description="words that mark a question as of this category"
    )


class Category(Named):
    """A category of matter. `needs_person`: its matters need a person whatever was answered
    before (a complaint, a fault to repair, an application to process): a template proposed
    from one of its tickets opens a ticket when it answers, and its answer is written for
    everyone, not taken from one case's resolution (bot/casebook.py)."""

    needs_person: bool = False


class Routing(ConfigModel):
    """Which department's staff group a new ticket goes to: the department of the template
    the question came close to, from the matcher's `close_template` band (`suggest`: it would
    have been offered; `answer`: it would have answered; `off`: never); else the department
    its category is routed to (`categories`: category key -> department key); else
    `default_department`, the general window. The keys are checked against the departments
    and categories (Settings)."""

    close_template: Literal["answer", "suggest", "off"] = "suggest"
    categories: dict[str, str] = Field(default_factory=dict)


class Languages(ConfigModel):
    default: str = "zh"
    supported: list[str] = Field(default_factory=lambda: ["zh", "en"], min_length=1)

    @model_validator(mode="after")
    def _default_is_supported(self) -> Languages:
        if self.default not in self.supported:
            raise ValueError(f"default language {self.default!r} is not in supported")
        return self


class Management(ConfigModel):
    chat_id: int
    user_ids: list[int] = Field(default_factory=list)
    # Members (also in user_ids) named as officers are: as authors of what they write.
    people: list[Person] = Field(default_factory=list)


class ServiceLevel(ConfigModel):
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


class OfficeHours(ConfigModel):
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


class Notices(ConfigModel):
    interval: Duration = timedelta(hours=24)
    owner_reminder_before: Duration = timedelta(hours=2)
    grace: Duration = Field(
        default=timedelta(minutes=30),
        description="a notice sent later than this after it was due counts as late",
    )
    acknowledge_quiet: Duration = Field(
        default=timedelta(minutes=5),
        description="a requester's message to their ticket this soon after their previous one,"
        " with no staff reply between, is filed without another 'added' reply (0: each is)",
    )

    @model_validator(mode="after")
    def _reminder_inside_interval(self) -> Notices:
        if self.owner_reminder_before >= self.interval:
            raise ValueError("owner_reminder_before must be shorter than interval")
        return self


EscalationTarget = Literal["owner", "department_group", "department_supervisors", "management"]


class EscalationStep(ConfigModel):
    at: float = Field(gt=0, le=10, description="fraction of the deadline's span")
    notify: list[EscalationTarget] = Field(min_length=1)


class Escalation(ConfigModel):
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


class Closure(ConfigModel):
    """`auto_close_after`: an unconfirmed resolution closes itself after this.
    `recurrence_window`: a closed ticket's matter coming back within this of its closing
    (the requester replying to one of its messages) goes back to its former owner, still its
    department's staff (首问负责: the owner remains responsible); later, or with them gone, to
    the department's queue, linked to the old ticket. `close_topics`: a closed ticket's
    forum topic is closed too (bot/topic_closing.py); off, as only a group's administrators
    write in a closed topic (an officer's /propose there after the closing would not go)."""

    auto_close_after: Duration = timedelta(hours=72)
    recurrence_window: Duration = timedelta(days=30)
    close_topics: bool = False


class Intake(ConfigModel):
    category_wait: Duration = Field(
        default=timedelta(hours=2),
        gt=timedelta(0),
        description="a question waiting for its kind of matter this long is opened as a ticket"
        " in the kind its words name, else the fallback category (nothing is left unfiled)",
    )


class Retention(ConfigModel):
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


class Surge(ConfigModel):
    """Many similar tickets in a short window are one incident (群体性投诉).

    `categories`: the category keys whose tickets can be one shared event (SPEC rule 9: "a
    surge of similar complaints", many people hit by one outage, broken lift or blocked
    road): by default fault reports and complaints. Five people each asking how to replace
    their own lost ID card (a service request, 业务办理) share a kind of errand, not an event:
    no incident, none raised; nor are consultations or suggestions one.
    `objects`: the things a report can be about, each a group of names in any language; two
    reports naming different ones are never one matter (a sewer by a street light is no
    broken light) (bot/same_matter.py).
    `places`: the names of one place (an estate, a road) in any language, a group for each
    ("幸福里", "Xingfuli", "Xingfu Li"): reports naming any of one group name one place, and
    reports naming different places are never one event (bot/places.py).
    `window`: how recent the separate tickets a new incident is found among are; `quiet`: an
    open incident takes new reports while its last report, or its latest update, is within
    this; after it, a new report is a new event (bot/incident_life.py).
    """

    window: Duration = timedelta(hours=1)
    quiet: Duration = timedelta(days=2)
    min_tickets: int = Field(default=5, ge=2)
    similarity: float = Field(default=75, ge=0, le=100)
    priority: str = "urgent"
    categories: tuple[str, ...] = ("fault_report", "complaint")
    objects: tuple[tuple[str, ...], ...] = (
        ("路灯", "灯杆", "street light", "street lamp", "lamp post", "lamppost", "light pole"),
        ("下水道", "排水", "污水", "sewer", "drain"),
        ("井盖", "manhole"),
        ("电梯", "lift", "elevator"),
        ("水管", "pipe"),
        ("红绿灯", "信号灯", "traffic light", "traffic signal"),
        ("垃圾", "rubbish", "garbage", "trash", "litter", "bin", "dustbin", "wheelie bin"),
        ("大坑", "深坑", "个坑", "坑洼", "坑洞", "路面", "塌陷", "pothole", "sinkhole"),
        ("狗", "犬", "dog", "puppy"),
        ("猫", "cat", "kitten"),
    )
    places: tuple[tuple[str, ...], ...] = ()

    @field_validator("places")
    @classmethod
    def _one_place_a_name(cls, places: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        seen: dict[str, int] = {}
        for number, names in enumerate(places):
            if not names:
                raise ValueError(f"group {number + 1} names no place")
            for name in names:
                key = unicodedata.normalize("NFKC", name).casefold().strip()
                if not any(ch.isalnum() for ch in key):
                    raise ValueError(f"group {number + 1}: {name!r} is no place name")
                if seen.setdefault(key, number) != number:
                    raise ValueError(
                        f"{name!r} names two places (groups {seen[key] + 1}, {number + 1})"
                    )
        return places


class Abuse(ConfigModel):
    """Limits that keep one requester from swamping the desk."""

    messages_per_minute: int = Field(default=20, ge=1)
    open_tickets: int = Field(default=3, ge=1)


class Privacy(ConfigModel):
    show_officer_as: Literal["name", "staff_number"] = "name"


class Metrics(ConfigModel):
    """Where /metrics (Prometheus), /healthz and /readyz are served; port 0: not at all."""

    listen: str = "127.0.0.1"
    port: int = Field(default=9108, ge=0, le=65535)


class Logs(ConfigModel):
    """How the service logs: plain text lines or one JSON object a line, and from which level
    (SHOUWEN_LOG_LEVEL in the environment, when set, wins over `level`)."""

    format: Literal["text", "json"] = "text"
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
