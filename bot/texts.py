"""All wording a person reads: jinja2 templates per language, one environment per language,
one render().

A configured key (a category, priority or department, config.yaml) is never shown as it is:
templates word it with the filters `category_name`, `priority_name` and `department_name`,
which give the configured name in the language being rendered (`names: {zh: …, en: …}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.config import Settings

TEMPLATES = Path(__file__).with_name("templates")

# kind ("category", "priority", "department") -> key -> language -> name
Names = Mapping[str, Mapping[str, Mapping[str, str]]]
NAMED = ("category", "priority", "department")


def configured_names(settings: Settings) -> dict[str, dict[str, dict[str, str]]]:
    """The names config.yaml gives each category, priority and department, by kind and key."""
    return {
        "category": {c.key: dict(c.names) for c in settings.categories},
        "priority": {p.key: dict(p.names) for p in settings.priorities},
        "department": {d.key: dict(d.names) for d in settings.departments},
    }


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
        self._environments = {
            language: self._environment(language, zone) for language in supported
        }

    def _environment(self, language: str, zone: ZoneInfo) -> Environment:
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            auto_reload=False,  # templates ship with the code: no stat() on every render
        )
        environment.filters["when"] = lambda value: _when(value, zone)
        for kind in NAMED:
            environment.filters[f"{kind}_name"] = partial(self.name, kind, language=language)
        return environment

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
        """The supported language for a Telegram language_code (zh-hans -> zh)."""
        base = (code or "").split("-")[0].lower()
        return base if base in self.supported else self.default_language

    def render(self, template: str, language: str, **context: Any) -> str:
        if language not in self.supported:
            language = self.default_language
        source = self._environments[language].get_template(f"{language}/{template}.j2")
        return source.render(**context).strip()


def _when(value: datetime, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
