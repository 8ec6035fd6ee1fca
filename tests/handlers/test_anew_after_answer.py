"""Another matter said right after an answer is a first inquiry of its own (issue 14, "every
word reaches its ticket"): "我的社保卡丢了,怎么补办?" answered, then "我家楼下的垃圾桶好几天
没人清理了,臭得不行" opened a 业务办理 ticket in 社会保障科 holding both matters, its card
saying "(诉求人表示没有解决)" though the requester never said so (and the English card not:
the languages disagreed). A clerk leaves the answered question answered and takes the bins
as a new matter, routed by its own words, as "Thanks. Another thing: …" already was."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.handing import GROUPS
from tests.handlers.looks import all_tickets, callbacks_of

App = Application  # type: ignore[type-arg]
CARD = {
    REQUESTER: "我的社保卡丢了,怎么补办?",
    ENGLISH: "I lost my social security card, how do I get a new one?",
}
BINS = {
    REQUESTER: "我家楼下的垃圾桶好几天没人清理了,臭得不行",
    ENGLISH: "The bins downstairs haven't been emptied for days, they stink",
}
# Words the card may not carry: the answered matter, or a "not solved" never said.
ANSWERED = {REQUESTER: ("社保卡",), ENGLISH: ("social security",)}
UNSAID = ("没有解决", "did not solve", "not solved", "did not help")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_another_matter_right_after_an_answer_is_its_own(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, CARD[requester])
    answer = (await bot_lines(emulator, requester, 1))[-1]
    assert any(c.startswith("solved") for c in callbacks_of(answer)), answer.text
    await _recorded(application, requester, answer.message_id)  # as by the time one reads it
    await world.user_sends(requester, BINS[requester])
    heard = 2
    reply = (await bot_lines(emulator, requester, heard))[-1]
    if "human" in callbacks_of(reply):
        # Templates offered for the bins' words alone ("did you mean…", never the card's): a
        # person asked for, as a requester whom none fits does.
        assert not any("social" in c for c in callbacks_of(reply)), callbacks_of(reply)
        await world.user_presses(requester, requester, reply.message_id, "human")
        heard += 1
        reply = (await bot_lines(emulator, requester, heard))[-1]
    if any(c.startswith("cat:") for c in callbacks_of(reply)):
        # Its kind asked, as for any new matter: a complaint, never the card's service request.
        assert "cat:complaint" in callbacks_of(reply), reply.text
        await world.user_presses(requester, requester, reply.message_id, "cat:complaint")
        heard += 1
        await bot_lines(emulator, requester, heard)

    async def one() -> bool:
        return len(await all_tickets(application)) == 1

    await until(one)
    (ticket,) = await all_tickets(application)
    assert ticket.department_key != "social_security", ticket.department_key
    assert ticket.category != "service_request", ticket.category
    for word in ANSWERED[requester]:
        assert word not in ticket.question, ticket.question
    await until(lambda: any(bot_said(world, chat) for chat in GROUPS.values()))
    cards = [e.text or "" for chat in GROUPS.values() for e in bot_said(world, chat)]
    assert not bot_said(world, GROUPS["social_security"]), cards
    for card in cards:
        for word in (*ANSWERED[requester], *UNSAID):
            assert word not in card, card
    # The answered question is left alone: its buttons still say whether it helped.
    kept = world.find(requester, answer.message_id).get("reply_markup")
    assert kept is not None, "the answer's buttons went"


async def _recorded(application: App, user: int, message_id: int) -> None:
    async def recorded() -> bool:
        async with application.bot_data.desk.sessions() as session:
            return await session.get(InquiryOffer, (user, message_id)) is not None

    await until(recorded)
