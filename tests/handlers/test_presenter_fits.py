"""The presenter never hands Telegram a text longer than a message: a notice whose words
would pass the limit (here an incident's update of a message's length, with the ticket's
number before it) is shown cut with a visible "…", not refused whole. No Telegram: the
calls are data."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.notices import Audience
from bot.outgoing import Outgoing
from handlers.presenter import present

REQUESTER = 5001


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.transactions.engine.dispose()


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("language", "words", "start"),
    [
        ("zh", "请住户配合检修。" * 512, "工单 #7 最新进展"),
        ("en", "Please stay. " * 316, "Update on"),
    ],
)
async def test_a_notice_longer_than_a_message_is_cut_with_a_visible_mark(
    desk: Desk, language: str, words: str, start: str
) -> None:
    values = {"text": words, "incident_id": 3, "ticket_id": 7, "written_in": None}
    message = Outgoing(REQUESTER, language, "incident_update", values, 7, Audience.REQUESTER)
    text = present(desk, message).params["text"]
    assert text.startswith(start) and text.endswith("…")
    assert 4000 <= _units(text) <= 4096
    short = Outgoing(REQUESTER, language, "incident_update", {**values, "text": "OK"}, 7)
    assert not present(desk, short).params["text"].endswith("…")  # what fits is whole
