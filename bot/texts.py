"""All wording a person reads: jinja2 templates per language, one environment, one render().

A configured key (a category, priority or department, config.yaml) is never shown as it is:
templates word it with the filters `category_name`, `priority_name` and `department_name`,
which give the configured name in the language being rendered (`names: {zh: …, en: …}`).
A member of staff named to a requester (an owner, the one complained of, who speaks) is worded
with `staff_name`: the name in the language being rendered, from its spellings configured
(`also_known_as`: "Sun Wei" to an English requester, 孙伟 to a Chinese one; bot/staff.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context

from bot.config import Settings
from bot.staff import Directory
from bot.written import for_other_tongue

TEMPLATES = Path(__file__).with_name("templates")

# kind ("category", "priority", "department", "staff") -> key -> language -> name (a member
# of staff's key: their name as the desk shows it, `Directory.shown_as`)
Names = Mapping[str, Mapping[str, Mapping[str, str]]]
NAMED = ("category", "priority", "department", "staff")
_LANGUAGE = "_language"  # the language being rendered, in every template's context


def configured_names(settings: Settings) -> dict[str, dict[str, dict[str, str]]]:
    """The names config.yaml gives each category, priority and department, by kind and key,
    and each member of staff's name in each language, by the name the desk shows."""
    return {
        "category": {c.key: dict(c.names) for c in settings.categories},
        "priority": {p.key: dict(p.names) for p in settings.priorities},
        "department": {d.key: dict(d.names) for d in settings.departments},
        "staff": Directory(settings).shown_in_languages(),
    }


class _Compiled(BytecodeCache):
    """Templates compiled once per process, whatever the number of desks built in it (each
    `Texts` has its own environment; jinja2 keys a bucket by name and source checksum, so a
    changed template is compiled afresh)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


class Texts:
    """Renders `templates/<language>/<name>.j2`, falling back to the default language.

    `names` (see `configured_names`) word the configured keys; without them the filters show
    what they are given."""

    def __init__(
        self,
        zone: ZoneInfo,
        default_language: str,
        supported: list[str],
        names: Names | None = None,
    ) -> None:
        self.default_language = default_language
        self.supported = supported
        self._names: Names = names or {}
        self._environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            auto_reload=False,  # templates ship with the code: no stat() on every render
            cache_size=-1,  # and are few: each compiled once, kept (`prepare`)
            bytecode_cache=_COMPILED,
        )
        # Words that depend on a few keys alone, rendered once (`render_fixed`).
        self._fixed: dict[tuple[str, str, tuple[tuple[str, Hashable], ...]], str] = {}
        self._environment.filters["when"] = lambda value: _when(value, zone)
        self._environment.filters["places"] = places
        self._environment.filters["ended"] = ended
        for kind in NAMED:
            self._environment.filters[f"{kind}_name"] = self._name_filter(kind)

    def _name_filter(self, kind: str) -> Callable[[Context, Any], Any]:
        """The filter that words a key of `kind` in the language being rendered."""

        @pass_context
        def named(context: Context, value: Any) -> Any:
            return self.name(kind, value, context.get(_LANGUAGE, self.default_language))

        return named

    def name(self, kind: str, value: Any, language: str) -> Any:
        """The configured name of `value` as a key of `kind` in `language` (else in the
        default language); anything that is not such a key (a name already, None) as it is."""
        if not isinstance(value, str):
            return value
        names = self._names.get(kind, {}).get(value)
        if names is None:
            return value
        return names.get(language) or names.get(self.default_language) or value

    def language_of(self, code: str | None) -> str:
        """The supported language for a Telegram language_code (zh-hans -> zh); one the desk
        does not write (fr) is answered as its words would be (`for_other_tongue`: English);
        no code at all, the default language."""
        base = (code or "").split("-")[0].lower()
        if not base:
            return self.default_language
        if base in self.supported:
            return base
        return for_other_tongue(tuple(self.supported), self.default_language)

    def prepare(self) -> int:
        """Compile every template now (the running bot's start: about a second), rather than
        each on its first use, while a requester waits for it; how many there are."""
        names = self._environment.list_templates(extensions=["j2"])
        for name in names:
            self._environment.get_template(name)
        return len(names)

    def render(self, template: str, language: str, **context: Any) -> str:
        """`template` in `language` (an unsupported one: the default) filled with `context`.
        Raises jinja2's errors for a template that does not exist or a value it lacks."""
        if language not in self.supported:
            language = self.default_language
        source = self._environment.get_template(f"{language}/{template}.j2")
        return source.render({**context, _LANGUAGE: language}).strip()

    def render_fixed(self, template: str, language: str, **keys: Hashable) -> str:
        """`render`, remembered: for wording that depends on nothing but `keys` (a button's
        label, a status's name: no clock, no person), rendered on every card and keyboard."""
        key = (template, language, tuple(sorted(keys.items())))
        found = self._fixed.get(key)
        if found is None:
            found = self._fixed[key] = self.render(template, language, **keys)
        return found


# A location as the desk records it (handlers/received.py: latitude, longitude, six places)
_COORDINATES = re.compile(r"(-?\d{1,3}\.\d{5,}), (-?\d{1,3}\.\d{5,})")
MAP = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}"


def places(text: str) -> str:
    """`text` with each location in it (a shared location, a venue's) shown as a place:
    its coordinates to four places (some ten metres) and a link to the map there."""

    def shown(found: re.Match[str]) -> str:
        lat, lon = (f"{float(v):.4f}" for v in found.groups())
        return f"{lat}, {lon} {MAP.format(lat=lat, lon=lon)}"

    return _COORDINATES.sub(shown, text)


STOPS = "。.!?!?…;;"  # what ends a sentence already


def ended(text: str, stop: str) -> str:
    """`text` as a sentence of its own: with `stop` after it, unless it ends with a stop
    already (a summary written "Water is working again." is not followed by another)."""
    text = text.rstrip()
    return text if text.endswith(tuple(STOPS)) else text + stop


def _when(value: datetime | str, zone: ZoneInfo) -> str:
    """An instant (or one stored in an event's data, ISO 8601) as the office reads it."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
