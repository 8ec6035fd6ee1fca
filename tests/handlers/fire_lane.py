"""A requester's fire-lane complaint claimed by the general window's officer over the
emulation: the open ticket the new-matter tests say something beside."""

from __future__ import annotations

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, only_topic
from tests.handlers.looks import callbacks_of

OFFICER = 100101
FIRE_LANE = {
    REQUESTER: "小区的消防通道被私家车堵死了,物业不管,我要投诉",
    ENGLISH: "Cars block the fire lane of our compound every night and nobody acts, I complain",
}


async def a_claimed_complaint(emulator: Emulator, requester: int) -> tuple[int, int]:
    """A fire-lane complaint of `requester`, claimed: (its topic's thread, bot lines so far)."""
    world = emulator.world
    await world.user_sends(requester, FIRE_LANE[requester])
    heard = len(await bot_lines(emulator, requester, 1))
    last = (await bot_lines(emulator, requester, heard))[-1]
    if any(c.startswith("cat:") for c in callbacks_of(last)):
        await world.user_presses(requester, requester, last.message_id, "cat:complaint")
        heard += 1
        await bot_lines(emulator, requester, heard)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard += 1
    await bot_lines(emulator, requester, heard)
    topic = await only_topic(world, GENERAL_GROUP)
    return topic.thread_id, heard


async def a_resolved_complaint(emulator: Emulator, requester: int) -> tuple[int, int]:
    """The claimed fire-lane complaint resolved by its officer, awaiting the requester's word:
    (its topic's thread, bot lines so far)."""
    thread, heard = await a_claimed_complaint(emulator, requester)
    await emulator.world.user_sends(OFFICER, "/resolve 已联系交警清理", GENERAL_GROUP, thread)
    heard += 1
    await bot_lines(emulator, requester, heard)
    return thread, heard
