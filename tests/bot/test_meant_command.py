"""Which command an officer or a requester meant by one that does not exist
(bot/meant_command.py): no database, no Telegram."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.meant_command import REQUESTER_SYNONYMS, SYNONYMS, meant

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


REQUESTER = ["start", "help", "status", "new", "lang"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hepl", "help"),
        ("stauts", "status"),
        ("language", "lang"),
        ("Languages", "lang"),
        ("langauge", "lang"),
        ("stat", "status"),  # begins /status only (not /start)
        ("statuses", "status"),
        ("menu", "help"),
        ("strat", "start"),
        ("sta", None),  # /start or /status: too little to tell
        ("foobar", None),
        ("weather", None),
    ],
)
def test_the_requesters_command_meant(typed: str, expected: str | None) -> None:
    assert meant(typed, REQUESTER, REQUESTER_SYNONYMS) == expected


def test_a_longer_command_is_meant_over_one_it_starts_with() -> None:
    assert meant("unlinked", [*STAFF, "link", "unlink"]) == "unlink"
    assert meant("returned", [*STAFF, "return"]) == "return"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_requester_synonym_names_a_command_of_their_menu(language: str) -> None:
    menu = (TEMPLATES / language / "menu_requester.j2").read_text(encoding="utf-8")
    names = {line.split(" - ", 1)[0].strip() for line in menu.splitlines() if " - " in line}
    assert set(REQUESTER_SYNONYMS.values()) <= names
