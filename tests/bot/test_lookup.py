"""Looking things up on a real database: lists for requesters and staff, and a ticket's whole
record, as plain values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import conversation, lookup, store, ticket_numbers, tickets
from bot.errors import InvalidInput, NotFound
from bot.rules import Rules
from tests.bot.helpers import OFFICER, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]


async def test_lists_for_the_requester_the_queue_and_the_owner(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    opened = [
        await new_ticket(
            sessions,
            rules,
            NOW + timedelta(minutes=n),
            requester_id=requester_id,
            question=f"第{n}个问题:" + "很长的描述" * 20,
        )
        for n in range(12)
    ]
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=opened[0].id, officer_id=OFFICER, now=NOW
        )
    async with sessions() as session:
        mine = await lookup.requester_tickets(
            session=session, rules=rules, requester_id=requester_id
        )
        owned = await lookup.owned(session=session, rules=rules, officer_id=OFFICER, now=NOW)
        waiting = await lookup.queue(
            session=session, rules=rules, department_key="general", now=NOW
        )
        # As they are now (a surge of similar questions may have raised their priority).
        opened = [await store.get(session=session, ticket_id=t.id) for t in opened]
    # The requester: the ten newest, the owner named as config says, the promise.
    assert [line.id for line in mine] == [t.id for t in reversed(opened)][:10]
    assert mine[-1].owner is None
    assert mine[-1].due == opened[2].resolution_due_at
    # Staff: the start of the question; the queue by first-response deadline, unclaimed only.
    assert [(line.id, line.status) for line in owned] == [(opened[0].id, "claimed")]
    assert owned[0].due == opened[0].resolution_due_at
    assert len(owned[0].question) == lookup.QUESTION_SHOWN
    assert [line.id for line in waiting] == [t.id for t in opened[1:]]
    assert waiting[0].due == opened[1].first_response_due_at


async def test_a_ticket_s_record_has_every_event_and_message_notes_included(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await conversation.add_staff_message(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            text="先查一下补办记录",
            now=NOW + timedelta(minutes=5),
            internal=True,
        )
    async with sessions() as session:
        found = await lookup.record(session=session, rules=rules, ticket_id=ticket.id)
        with pytest.raises(NotFound):
            await lookup.record(session=session, rules=rules, ticket_id=ticket.id + 1)
    assert (found.id, found.status, found.owner) == (ticket.id, "claimed", "王芳")
    assert found.question == ticket.question
    assert [(e.kind, e.who) for e in found.events][-1] == ("claim", "王芳")
    assert [(m.direction, m.text) for m in found.messages][-1] == ("note", "先查一下补办记录")


@pytest.mark.parametrize(
    ("word", "number"), [("12", 12), ("#12", 12), (" #7 ", 7), ("＃１２", 12), ("0012", 12)]
)
def test_a_ticket_number_as_staff_write_it(word: str, number: int) -> None:
    assert ticket_numbers.ticket_number(word) == number


@pytest.mark.parametrize("word", ["abc", "-1", "1.5", "#", "", "12a", "²", "#-3"])
def test_a_word_that_is_no_ticket_number_is_said_to_be_none(word: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        ticket_numbers.ticket_number(word)
    assert refused.value.reason == "not_ticket_number" and refused.value.values == {"word": word}


@pytest.mark.parametrize(
    "word", ["0", "#0", str(ticket_numbers.LARGEST_TICKET_NUMBER + 1), "9" * 40]
)
def test_a_number_no_ticket_can_have_is_no_ticket(word: str) -> None:
    with pytest.raises(NotFound) as refused:
        ticket_numbers.ticket_number(word)
    assert refused.value.reason == "no_ticket"


def test_a_long_word_is_repeated_shortened() -> None:
    with pytest.raises(InvalidInput) as refused:
        ticket_numbers.ticket_number("x" * 500)
    shown = refused.value.values["word"]
    assert len(shown) <= ticket_numbers.WORD_SHOWN and shown.endswith("…")


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        # Gathered from messages in a row: listed by the matter, in Chinese and English.
        ("你好\n我想咨询一下\n社保卡丢了怎么补办", "社保卡丢了怎么补办"),
        ("hello\nI have a question\nhow do I renew my passport", "how do I renew my passport"),
        ("转人工\n公积金怎么提取", "公积金怎么提取"),
        # The matter's own lines stay, on one line.
        ("我想申请公租房\n是给我父母申请的", "我想申请公租房 / 是给我父母申请的"),
        ("hello\nmy street light is out\nsince Monday", "my street light is out / since Monday"),
        # Nothing but a greeting: that is what there is to show.
        ("你好", "你好"),
        ("hello\nhi", "hi"),
    ],
)
def test_a_listed_question_leaves_out_the_greetings_before_the_matter(
    question: str, listed: str
) -> None:
    assert lookup.matter(question) == listed
