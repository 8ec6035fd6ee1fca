"""Which command an officer meant by one that does not exist (bot/meant_command.py): no
database, no Telegram."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.meant_command import SYNONYMS, meant

STAFF = ["resolve", "transfer", "priority", "queue", "mine", "ticket", "incident"]
TEMPLATES = Path(__file__).resolve().parents[2] / "bot" / "templates"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("close", "resolve"),
        ("Done", "resolve"),
        ("resovle", "resolve"),
        ("Resolve", "resolve"),
        ("tranfser", "transfer"),
        ("handoff", "transfer"),
        ("priorty", "priority"),
        ("foo", None),
        ("weather", None),
    ],
)
def test_the_command_meant(typed: str, expected: str | None) -> None:
    assert meant(typed, STAFF) == expected


def test_a_synonym_of_a_command_not_available_here_names_none() -> None:
    assert meant("close", ["ticket", "report"]) is None


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_synonym_names_a_command_of_the_staff_menu(language: str) -> None:
    """A synonym pointing at a command the staff's menu lacks would never be named."""
    menu = (TEMPLATES / language / "menu_staff.j2").read_text(encoding="utf-8")
    names = {line.split(" - ", 1)[0].strip() for line in menu.splitlines() if " - " in line}
    assert set(SYNONYMS.values()) <= names
