"""A ticket's card is redrawn at most once per window (handlers/runtime/redraws.py): the first
redraw at once, the last of a burst when the window ends, those between not sent. Unit tests
of the pacing, and end to end through the real Application and the emulation."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import OutboxMessage
from bot.notices import CARD_REFRESH
from bot.outbox import SKIPPED, Queued
from bot.outgoing import Outgoing
from emulator.server import Emulator
from handlers.runtime.redraws import Redraws
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]
AT = datetime(2026, 12, 2)
GROUP = -100


def _item(number: int, ticket_id: int | None, template: str = CARD_REFRESH) -> Queued:
    message = Outgoing(GROUP, "zh", template, {}, ticket_id, "ticket_staff")
    return Queued(number, GROUP, 0, AT, message)


class _Seen:
    def __init__(self) -> None:
        self.released: list[int] = []
        self.skipped: list[int] = []


def _pacing(every: float) -> tuple[Redraws, _Seen]:
    seen = _Seen()
    redraws = Redraws(
        lambda item: seen.released.append(item.id),
        lambda item: seen.skipped.append(item.id),
        every=every,
    )
    return redraws, seen


async def test_a_burst_of_redraws_of_one_card_sends_the_first_and_the_last() -> None:
    redraws, seen = _pacing(0.05)
    held = [redraws.hold(_item(n, 7)) for n in range(1, 5)]
    assert held == [False, True, True, True]  # the first goes at once
    assert seen.skipped == [2, 3]  # each replaced by the next
    await until(lambda: seen.released == [4], seconds=5)
    assert seen.skipped == [2, 3]
    redraws.stop()


async def test_other_cards_and_other_messages_are_not_held() -> None:
    redraws, seen = _pacing(60)
    assert redraws.hold(_item(1, 7)) is False
    assert redraws.hold(_item(2, 8)) is False  # another ticket's card
    assert redraws.hold(_item(3, 7, "relay")) is False  # not a redraw
    assert redraws.hold(_item(4, None)) is False  # a redraw of no ticket: nothing to pace
    assert redraws.hold(_item(5, 7)) is True
    assert [item.id for item in redraws.stop()] == [5]  # handed back at a stop
    await asyncio.sleep(0)
    assert seen.released == [] and seen.skipped == []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_lines_in_a_row_redraw_the_card_once_or_twice_and_it_ends_showing_all(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await world.user_sends(REQUESTER, "我要投诉:我们小区电梯又坏了")

    def card() -> Any:
        cards = [e for e in bot_said(world, GENERAL_GROUP) if e.text.startswith("🆕 新工单 #1")]
        return cards[0] if cards else None

    await until(lambda: card() is not None)
    # Words of the matter each (thanks alone would redraw nothing: bot/thanked.py).
    lines = ["已经坏了三天", "老人上不了楼", "物业电话打不通", "请尽快派人来修", "是3号楼的电梯"]
    for line in lines:  # apart, as a person types: each would be a redraw of its own
        await world.user_sends(REQUESTER, line)
        await asyncio.sleep(0.3)
    # Within the window after the first redraw, the card shows every line.
    await until(lambda: all(line in card().text for line in lines))

    async def redraws() -> list[tuple[Any, Any]]:
        async with desk.sessions() as session:
            query = select(OutboxMessage.sent_at, OutboxMessage.last_error).where(
                OutboxMessage.template == CARD_REFRESH
            )
            return [(row.sent_at, row.last_error) for row in await session.execute(query)]

    await until(lambda: _all_done(redraws))
    done = await redraws()
    assert len(done) == len(lines)
    sent = [row for row in done if row[1] != SKIPPED]
    # The first at once, the last when its window ended (a third on a slow machine, where
    # the lines outlast a window): not one per line.
    assert 1 <= len(sent) <= 3


async def _all_done(redraws: Any) -> bool:
    return all(sent_at is not None for sent_at, _ in await redraws())
