"""Issue 14, "the first inquiry loses nothing: every word reaches its ticket". A requester
with tickets in hand can still ask the bot new things, and a careful clerk at the window
tells a new matter from more of a ticket's:

1. Asked "which ticket is this message about?" (two tickets in hand), the requester types a
   new matter instead ("我要投诉", "I want to file a complaint", or an unrelated question):
   a new inquiry (answered, or asked what it is about and a ticket of its own), never filed
   into a ticket nor asked about again; the message asked about still waits for its answer.
2. A captioned photo sent right after the bot answered a separate question (a ticket in
   hand) belongs with that question, the answer's follow-up, unless the caption plainly
   points at the ticket (its number, a reply to its message).
3. "人工", "human", "talk to a person" right after such an answer: a person takes the
   question just answered (its words and the answer given), in a ticket of its own, and the
   requester hears its number; the unrelated ticket is not where it goes.

End to end over the emulation, in both languages, the desk's clock a minute on at each step.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.intake import offers
from bot.models import Direction, Ticket, TicketMessage
from bot.replies import UNDER_WAY
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_said,
    until,
)
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]

HOUSING = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
PERMIT = {REQUESTER: "居住证怎么办理", ENGLISH: "How do I apply for a residence permit?"}
HELD = {REQUESTER: "补充一下:卡号尾号1234", ENGLISH: "To add: my number ends in 1234"}
WHICH = {REQUESTER: "哪一张", ENGLISH: "Which one"}
COMPLAIN = {REQUESTER: "我要投诉", ENGLISH: "I want to file a complaint"}
WHAT_ABOUT = {REQUESTER: "具体是什么事", ENGLISH: "What is it about?"}
NOISE = {
    REQUESTER: "隔壁装修噪音,每天早上七点就开始电钻",
    ENGLISH: "Noise from the flat next door: they start drilling at 7 every morning",
}
FUND = {REQUESTER: "公积金怎么查询", ENGLISH: "How do I check my housing fund balance?"}
FUND_ANSWERED = {REQUESTER: "12345", ENGLISH: "12345"}
CONSUMER = {
    REQUESTER: "商场买的电器坏了,商家不给退款怎么办?",
    ENGLISH: "The shop refuses to refund me for a broken kettle, what can I do?",
}
CONSUMER_TITLE = "买到假货怎么投诉"  # the answer's template, as the staff read it
RECEIPT = {
    REQUESTER: "这是发票和坏掉的水壶",
    ENGLISH: "Here is the receipt and the broken kettle",
}
FOR_TICKET = {
    REQUESTER: "工单 #1 要的租赁合同",
    ENGLISH: "The lease for ticket #1",
}
ADDED = {REQUESTER: "已记入工单 #{}", ENGLISH: "Added to ticket #{}"}
KEPT = {REQUESTER: "随您刚才的问题", ENGLISH: "kept with the question you just asked"}


class Window:
    """One requester's side of the emulation, the desk's clock a minute on at each step."""

    def __init__(self, emulator: Emulator, application: App, clock: DeskClock, user: int):
        self.world, self.application, self.clock, self.user = (
            emulator.world,
            application,
            clock,
            user,
        )

    def said(self) -> list[Any]:
        return bot_said(self.world, self.user)

    async def says(self, words: str, **sent: Any) -> Any:
        """A minute on, send `words`; the bot's next message."""
        self.clock.now += timedelta(minutes=1)
        count = len(self.said())
        await self.world.user_sends(self.user, words, **sent)
        await until(lambda: len(self.said()) > count)
        return self.said()[-1]

    async def sends(self, content: dict[str, Any], reply_to: int | None = None) -> Any:
        """A minute on, send `content` (a reply to `reply_to`); the bot's next message."""
        self.clock.now += timedelta(minutes=1)
        count = len(self.said())
        extra = None
        if reply_to is not None:
            extra = self.world.reply_to(self.user, {"message_id": reply_to}, None)
        await self.world.user_sends_content(self.user, content, extra=extra)
        await until(lambda: len(self.said()) > count)
        return self.said()[-1]

    async def has(self, ticket_id: int) -> None:
        await until(lambda: any(f"#{ticket_id}" in e.text for e in self.said()))

    async def tickets(self) -> list[Ticket]:
        async with self.application.bot_data.desk.sessions() as session:
            return list((await session.scalars(select(Ticket).order_by(Ticket.id))).all())

    async def filed(self, ticket_id: int) -> list[tuple[str, str | None]]:
        """The requester's messages filed under a ticket: (text, file id)."""
        async with self.application.bot_data.desk.sessions() as session:
            rows = await session.scalars(
                select(TicketMessage).where(
                    TicketMessage.ticket_id == ticket_id,
                    TicketMessage.direction == Direction.IN,
                )
            )
            return [(m.text or "", m.file_id) for m in rows]


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


async def _asked_which(window: Window) -> Any:
    """Tickets #1 (housing) and #2 (a residence permit) in hand, nothing said of either for
    over half an hour: a message about neither is asked about ("which one?")."""
    user = window.user
    await window.says(HOUSING[user])
    await window.has(1)
    await window.says("/new")
    answer = await window.says(PERMIT[user])
    await window.world.user_presses(user, user, answer.message_id, "human")
    await window.has(2)
    window.clock.now += UNDER_WAY
    asked = await window.says(HELD[user])
    assert WHICH[user] in asked.text, asked.text
    return asked


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_opener_instead_of_which_ticket_is_a_new_complaint(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    asked = await _asked_which(window)
    reply = await window.says(COMPLAIN[user])
    # A new matter of its kind: what is it about? (not "about #1, #2 or a new matter?")
    assert WHAT_ABOUT[user] in reply.text, reply.text
    assert not _data(reply)
    told = await window.says(NOISE[user])
    await window.has(3)
    assert "#3" in told.text, told.text
    third = (await window.tickets())[2]
    assert NOISE[user] in third.question and third.category == "complaint"
    for ticket_id in (1, 2):
        texts = [t for t, _ in await window.filed(ticket_id)]
        assert COMPLAIN[user] not in texts and NOISE[user] not in texts
    # The message asked about still waits for its answer, and reaches the ticket chosen.
    assert window.world.find(user, asked.message_id).get("reply_markup")
    count = len(window.said())
    which_one = next(d for d in _data(asked) if d.startswith("which:1:"))
    await window.world.user_presses(user, user, asked.message_id, which_one)
    await until(lambda: len(window.said()) > count)
    assert ADDED[user].format(1) in window.said()[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_new_question_instead_of_which_ticket_is_answered_on_its_own(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    asked = await _asked_which(window)
    reply = await window.says(FUND[user])
    assert FUND_ANSWERED[user] in reply.text, reply.text
    for ticket_id in (1, 2):
        assert FUND[user] not in [t for t, _ in await window.filed(ticket_id)]
    assert len(await window.tickets()) == 2
    assert window.world.find(user, asked.message_id).get("reply_markup")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_new_matter_no_template_answers_instead_of_which_ticket_is_its_own(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """A complaint of its own, said whole instead of naming a ticket: its own ticket."""
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    await _asked_which(window)
    said = f"{COMPLAIN[user]}{',' if user == REQUESTER else ': '}{NOISE[user]}"
    reply = await window.says(said)
    assert WHICH[user] not in reply.text, reply.text
    await window.has(3)
    for ticket_id in (1, 2):
        assert said not in [t for t, _ in await window.filed(ticket_id)]
    third = (await window.tickets())[2]
    assert NOISE[user] in third.question


SCHOOL = {
    REQUESTER: "我家孩子明年上小学,学区是怎么划分的?",
    ENGLISH: "How are primary school catchment areas decided for my child?",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_question_no_template_answers_instead_of_which_ticket_is_a_new_inquiry(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """A question of neither ticket's matter that the knowledge base cannot answer: a new
    inquiry (its kind asked, or a ticket of its own), not asked "which one?" about again."""
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    asked = await _asked_which(window)
    reply = await window.says(SCHOOL[user])
    assert WHICH[user] not in reply.text, reply.text
    for ticket_id in (1, 2):
        assert SCHOOL[user] not in [t for t, _ in await window.filed(ticket_id)]
    assert window.world.find(user, asked.message_id).get("reply_markup")
    data = _data(reply)
    if "cat:complaint" in data:  # its kind asked: the choice opens its ticket
        await window.world.user_presses(user, user, reply.message_id, "cat:consultation")
    await window.has(3)
    third = (await window.tickets())[2]
    assert SCHOOL[user] in third.question


async def _answered_beside_ticket(window: Window) -> Any:
    """Ticket #1 (housing) in hand, then a question of another matter answered aside."""
    user = window.user
    await window.says(HOUSING[user])
    await window.has(1)
    answer = await window.says(CONSUMER[user])
    assert "12315" in answer.text, answer.text
    assert "human" in _data(answer)

    async def recorded() -> bool:  # as by the time a person reads it
        async with window.application.bot_data.desk.sessions() as session:
            found = await offers.of(session=session, chat_id=user, message_id=answer.message_id)
            return found is not None

    await until(recorded)
    return answer


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_captioned_photo_after_an_answer_follows_that_answer(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    answer = await _answered_beside_ticket(window)
    reply = await window.sends({**photo("P9"), "caption": RECEIPT[user]})
    assert ADDED[user].format(1) not in reply.text, reply.text
    assert not [f for _, f in await window.filed(1) if f]
    assert RECEIPT[user] not in [t for t, _ in await window.filed(1)]
    # Papers for the matter just answered: a person takes that question with them, at once
    # (the answer offered to pass the matter on) or when the requester asks for one.
    if "#2" not in reply.text:
        assert KEPT[user] in reply.text, reply.text
        count = len(window.said())
        await window.world.user_presses(user, user, answer.message_id, "human")
        await until(lambda: any("#2" in e.text for e in window.said()[count:]))
    second = (await window.tickets())[1]
    assert CONSUMER[user] in second.question

    async def with_photo() -> bool:
        return "P9" in {f for _, f in await window.filed(2)}

    await until(with_photo)
    await until(
        lambda: any(
            RECEIPT[user] in str(window.world.messages[(GENERAL_GROUP, e.message_id)])
            for e in bot_said(window.world, GENERAL_GROUP)
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("how", ["number", "reply"])
async def test_a_captioned_photo_pointing_at_the_ticket_goes_to_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, how: str
) -> None:
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    await _answered_beside_ticket(window)
    if how == "number":
        reply = await window.sends({**photo("P8"), "caption": FOR_TICKET[user]})
    else:  # a reply to the bot's message that opened ticket #1
        promise = next(e for e in window.said() if "#1" in e.text)
        reply = await window.sends(
            {**photo("P8"), "caption": RECEIPT[user]}, reply_to=promise.message_id
        )
    assert ADDED[user].format(1) in reply.text, reply.text
    assert "P8" in {f for _, f in await window.filed(1)}


PERSON = {REQUESTER: ["人工", "转人工"], ENGLISH: ["human", "talk to a person"]}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"),
    [(user, words) for user, said in PERSON.items() for words in said],
)
async def test_a_person_asked_for_after_an_answer_takes_that_question(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, words: str
) -> None:
    emulator, application = running
    window = Window(emulator, application, desk_clock, user)
    answer = await _answered_beside_ticket(window)
    reply = await window.says(words)
    await window.has(2)
    assert "#2" in reply.text, reply.text
    assert words not in [t for t, _ in await window.filed(1)]
    tickets = await window.tickets()
    assert len(tickets) == 2
    second = tickets[1]
    assert CONSUMER[user] in second.question
    # The card the staff read carries the question and the answer given; the requester
    # hears which question the person takes.
    assert CONSUMER[user] in reply.text, reply.text

    def card() -> str:
        return "\n".join(
            str(window.world.messages[(GENERAL_GROUP, e.message_id)].get("text", ""))
            for e in bot_said(window.world, GENERAL_GROUP)
            if "#2" in e.text
        )

    await until(lambda: CONSUMER[user] in card())
    assert CONSUMER_TITLE in card(), card()
    # The answer's buttons are used up: the person has it.
    await until(lambda: window.world.find(user, answer.message_id).get("reply_markup") is None)
