"""Every refusal the core can raise is worded for staff in each language, with what it names."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.errors import (
    ConcurrentChange,
    DeskError,
    IllegalMove,
    InvalidInput,
    NotAllowed,
    NotFound,
)
from bot.lifecycle import Action
from bot.models import TicketStatus
from bot.texts import Texts

BOT = Path(__file__).resolve().parents[2] / "bot"
REFUSALS = {"DeskError", "NotFound", "NotAllowed", "InvalidInput", "ConcurrentChange"}
SAMPLE = {
    "ticket_id": 7,
    "incident_id": 3,
    "name": "x",
    "template_id": "t",
    "detail": "d",
    "limit": 10,
    "over": 173,  # by how much a text passes `limit`
    "word": "abc",
    "department": "general",
    "owner": "王芳",
    "officer": "李强",
    "staff_number": "G-0102",
}


def _raised() -> list[tuple[str, str | None, list[str]]]:
    """(where, reason, the names of its values) of every refusal raised in bot/."""
    found = []
    for path in sorted(BOT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            call = node.exc
            if not (isinstance(call.func, ast.Name) and call.func.id in REFUSALS):
                continue
            reason = call.args[1] if len(call.args) > 1 else None
            assert reason is None or isinstance(reason, ast.Constant)
            found.append(
                (
                    f"{path.name}:{node.lineno}",
                    reason.value if reason is not None else None,
                    [k.arg for k in call.keywords if k.arg is not None],
                )
            )
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_refusal_raised_has_its_own_wording(language: str) -> None:
    texts = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
    fallback = texts.render("refused", language, reason="no such reason")
    raised = _raised()
    assert len(raised) > 30  # the scan found the raise sites
    for where, reason, names in raised:
        if reason is None:
            continue  # the class's own reason: worded below
        text = texts.render("refused", language, reason=reason, **{n: SAMPLE[n] for n in names})
        assert text and text != fallback, where
        if "ticket_id" in names:
            assert "#7" in text, where
        if "over" in names:
            assert "173" in text, where


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_illegal_move_names_the_status_and_the_action(language: str) -> None:
    texts = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
    for status in TicketStatus:
        for action in [*Action, "add a message", "write to the requester"]:
            refused = IllegalMove(3, status, action)
            text = texts.render("refused", language, reason=refused.reason, **refused.values)
            assert "#3" in text and "_" not in text
            if language == "zh":  # worded, not the codes: nothing left untranslated
                assert not re.search("[A-Za-z]", text), text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_kind_of_refusal_has_wording_of_its_own(language: str) -> None:
    texts = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
    fallback = texts.render("refused", language, reason="no such reason")
    kinds = [NotFound, NotAllowed, InvalidInput, ConcurrentChange]
    worded = {texts.render("refused", language, reason=kind("x").reason) for kind in kinds}
    assert len(worded) == len(kinds) and fallback not in worded


def test_the_log_keeps_the_plain_message() -> None:
    refused = InvalidInput("a rating is 1 to 5", "rating_range")
    assert str(refused) == "a rating is 1 to 5" and refused.reason == "rating_range"
    assert DeskError("x").reason == "refused" and DeskError("x").values == {}
