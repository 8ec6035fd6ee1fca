"""Reading config.yaml (every fault as file:line: field: reason) and the secrets from the
environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import (
    ValidationError,
)

from bot.config.settings import Settings
from knowledge.yaml_lines import line_index, line_of, safe_load

DEFAULT_CONFIG_PATH = Path("config.yaml")
# The committed config.yaml, shipped with the package: what an installed copy runs with when
# no configuration is given and the working folder has none (tests keep the two the same).
PACKAGED_CONFIG_PATH = Path(__file__).resolve().parent.parent / "default_config.yaml"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/shouwen.db"
TOKEN_ENV = "SHOUWEN_BOT_TOKEN"
BOT_API_URL_ENV = "SHOUWEN_BOT_API_URL"
DATABASE_URL_ENV = "SHOUWEN_DATABASE_URL"


class ConfigError(Exception):
    """A configuration file was refused; the message names file, field and reason."""


@dataclass(frozen=True)
class Environment:
    """What comes from the environment, never from a committed file."""

    bot_token: str | None
    database_url: str
    # A Bot API server other than Telegram's (a local telegram-bot-api, or an emulation).
    bot_api_url: str | None = None

    @classmethod
    def read(cls) -> Environment:
        """The environment's values; ConfigError naming the variable and the fix when the
        database URL is not one the desk can use (its async drivers: aiosqlite, asyncpg)."""
        token = os.environ.get(TOKEN_ENV) or None
        database_url = os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL
        check_database_url(database_url)
        return cls(
            bot_token=token,
            database_url=database_url,
            bot_api_url=os.environ.get(BOT_API_URL_ENV) or None,
        )


# The database URLs the desk runs on: SQLite through aiosqlite, PostgreSQL through asyncpg.
DATABASE_SCHEMES = ("sqlite+aiosqlite", "postgresql+asyncpg")


def check_database_url(url: str) -> None:
    """ConfigError unless `url` names a database the desk can use, with the fix in one line."""
    scheme = url.split("://", 1)[0] if "://" in url else None
    if scheme in DATABASE_SCHEMES:
        return
    fix = {
        "sqlite": "sqlite+aiosqlite://" + url.split("://", 1)[-1],
        "postgresql": "postgresql+asyncpg://" + url.split("://", 1)[-1],
        "postgres": "postgresql+asyncpg://" + url.split("://", 1)[-1],
    }.get(scheme or "")
    hint = (
        f"write {fix}"
        if fix
        else (
            "use sqlite+aiosqlite:///path/to/shouwen.db or postgresql+asyncpg://user@host:5432/db"
        )
    )
    raise ConfigError(f"{DATABASE_URL_ENV}: {url!r} is not a database the bot can use: {hint}")


def _format_location(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def default_config_path() -> Path:
    """`config.yaml` in the working folder if there is one, else the packaged example."""
    return DEFAULT_CONFIG_PATH if DEFAULT_CONFIG_PATH.is_file() else PACKAGED_CONFIG_PATH


def load_settings(path: Path | str = DEFAULT_CONFIG_PATH) -> Settings:
    """Read and validate a configuration file, or raise ConfigError naming what is wrong.

    Relative paths in it (`knowledge.paths`) are taken relative to the file's folder and come
    back absolute, so the service may run from any working folder.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        raw = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{where}: not valid YAML: {problem}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    try:
        return Settings.model_validate(raw, context={"folder": path.parent})
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
