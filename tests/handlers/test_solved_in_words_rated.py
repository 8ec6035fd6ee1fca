"""A requester who confirms a resolution in words is still asked to rate it, as the rating
buttons ask one who presses (issue 14, words after a resolution); "solved, but" a remark on
the service ("修好了,不过师傅把地弄脏了", "fixed, but they left a mess") confirms it solved,
keeps the remark as their comment on the service for the owner and the supervisors, tells them
it was passed on, and still asks for the rating."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Rating, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, until
from tests.handlers.test_after_resolution import _resolved, _ticket
from tests.handlers.test_after_resolution_words import QUESTION

App = Application  # type: ignore[type-arg]
STARS = [f"rate:1:{n}" for n in range(1, 6)]


def _data(line: object) -> list[str]:
    return [b["callback_data"] for row in getattr(line, "buttons", None) or [] for b in row]


async def _ratings(application: App) -> list[tuple[int, str | None]]:
    async with DeskContext(application).desk.sessions() as session:
        rows = await session.execute(select(Rating.score, Rating.comment))
        return [(score, comment) for score, comment in rows.all()]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told", "thanked"),
    [
        (REQUESTER, "解决了,谢谢", "已确认解决", "感谢您的评价"),
        (ENGLISH, "yes it's fixed now", "confirmed solved", "Thank you for your rating"),
    ],
)
async def test_solved_in_words_is_still_asked_to_rate(
    running: tuple[Emulator, App], requester: int, words: str, told: str, thanked: str
) -> None:
    emulator, application = running
    world = emulator.world
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, words)
    confirmed = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert told in confirmed.text
    assert (await _ticket(application)).status is TicketStatus.CLOSED
    # The stars come with the confirmation, as under the resolution (no "not solved": it is).
    assert _data(confirmed) == STARS
    await world.user_presses(requester, requester, confirmed.message_id, "rate:1:4")
    assert thanked in (await bot_lines(emulator, requester, heard + 2))[-1].text
    assert [score for score, _ in await _ratings(application)] == [4]
    await until(
        lambda: any("4" in e.text and ("评分" in e.text) for e in world.transcripts[GENERAL_GROUP])
    )
    # Rated once: the same stars pressed again change nothing.
    await world.user_presses(requester, requester, confirmed.message_id, "rate:1:2")
    assert [score for score, _ in await _ratings(application)] == [4]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "remark", "told", "passed"),
    [
        (REQUESTER, "修好了,不过师傅把地弄脏了", "师傅把地弄脏了", "已确认解决", "转达"),
        (REQUESTER, "已经恢复了，但是维修人员态度很差", "维修人员态度很差", "已确认解决", "转达"),
        (ENGLISH, "fixed, but they left a mess", "they left a mess", "confirmed solved", "passed"),
        (
            ENGLISH,
            "It works now, but the man was rude",
            "the man was rude",
            "confirmed solved",
            "passed",
        ),
    ],
)
async def test_solved_but_a_remark_is_confirmed_and_passed_on(
    running: tuple[Emulator, App],
    requester: int,
    words: str,
    remark: str,
    told: str,
    passed: str,
) -> None:
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, words)
    confirmed = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert told in confirmed.text and passed in confirmed.text
    ticket = await _ticket(application)
    assert ticket.status is TicketStatus.CLOSED and ticket.reopen_count == 0
    assert _data(confirmed) == STARS
    # The owner's place and the supervisors read the remark as a remark on the service.
    management = desk.settings.management.chat_id
    await until(
        lambda: any(
            remark in e.text and e.sender_id == world.bot.id
            for e in world.transcripts.get(management, [])
        )
    )
    # Rated later: the remark is the rating's comment.
    await world.user_presses(requester, requester, confirmed.message_id, "rate:1:3")
    await bot_lines(emulator, requester, heard + 2)
    assert await _ratings(application) == [(3, remark)]
