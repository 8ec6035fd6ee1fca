"""All wording a person reads: jinja2 templates per language, one environment, one render()."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).with_name("templates")


class Texts:
    """Renders `templates/<language>/<name>.j2`, falling back to the default language."""

    def __init__(self, zone: ZoneInfo, default_language: str, supported: list[str]) -> None:
        self.default_language = default_language
        self.supported = supported
        self._environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            auto_reload=False,  # templates ship with the code: no stat() on every render
        )
        self._environment.filters["when"] = lambda value: _when(value, zone)

    def language_of(self, code: str | None) -> str:
        """The supported language for a Telegram language_code (zh-hans -> zh)."""
        base = (code or "").split("-")[0].lower()
        return base if base in self.supported else self.default_language

    def render(self, template: str, language: str, **context: Any) -> str:
        if language not in self.supported:
            language = self.default_language
        source = self._environment.get_template(f"{language}/{template}.j2")
        return source.render(**context).strip()


def _when(value: datetime, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
