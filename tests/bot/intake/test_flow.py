"""The first-inquiry flow on a real database, with the sample knowledge base: what a requester
writes changes their dialog and their tickets as a clerk at the window would, with no Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import requesters
from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake import flow, handing, pressing
from bot.intake.buttons import Press, PressAction
from bot.intake.decision import Action, Handover
from bot.models import (
    DialogStep,
    Direction,
    InquiryOffer,
    OutboxMessage,
    Ticket,
    TicketMessage,
)
from bot.notices import Audience
from tests.conftest import MONDAY_9AM

USER = 7001


@pytest.fixture
async def desk(
    settings: Settings, database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Desk]:
    """The desk on a fresh database (`sessions` empties a PostgreSQL one first)."""
    desk = await build_desk(settings, database_url)
    desk.clock = lambda: MONDAY_9AM
    yield desk


async def _say(desk: Desk, text: str) -> handing.Outcome:
    """One text from the requester, in a transaction of its own, as the front sends it."""
    async with desk.transaction() as tx:
        session = tx.session
        requester, current, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        return await flow.take_text(
            tx=tx, desk=desk, requester=requester, current=current, text=text
        )


async def _press(desk: Desk, press: Press | None, value: str = "") -> pressing.Pressed:
    """One button of the requester's, in a transaction of its own, as the front sends it."""
    async with desk.transaction() as tx:
        session = tx.session
        requester, current, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        return await pressing.take_press(
            tx=tx, desk=desk, requester=requester, current=current, press=press, value=value
        )


async def _requester_step(desk: Desk) -> str | None:
    async with desk.sessions() as session:
        requester, _, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        return requester.dialog_step


async def test_a_known_question_is_answered_and_nothing_is_opened(desk: Desk) -> None:
    outcome = await _say(desk, "社保卡丢了怎么补办")
    assert outcome.action is Action.ANSWER
    assert desk.templates[outcome.template_ids[0]].category == "service_request"
    async with desk.sessions() as session:
        assert list(await session.scalars(select(Ticket))) == []


async def test_a_vague_opener_is_asked_once_and_its_words_lead_the_ticket(desk: Desk) -> None:
    assert (await _say(desk, "你好")).action is Action.CLARIFY
    assert await _requester_step(desk) == DialogStep.CLARIFY
    answered = await _say(desk, "我的社保卡丢了怎么补办")
    assert answered.action is Action.ANSWER
    assert answered.template_ids == ("social-card-lost",)
    opened = await _say(desk, "人工")
    assert opened.action is Handover.OPEN
    assert opened.ticket is not None
    # Nothing the requester said is lost: both texts, in order ("人工" only asked for a
    # person), its category by its cue word, and the close template's department.
    assert opened.ticket.question == "你好\n我的社保卡丢了怎么补办"
    assert opened.ticket.category == "service_request"
    assert opened.ticket.handling_department_key == "social_security"
    social = desk.settings.department("social_security").staff_group_chat_id
    assert opened.ticket.staff_chat_id == social
    assert [t.get("text") or t.get("did") for t in opened.ticket.inquiry or []] == [
        "你好",
        "clarify",
        "我的社保卡丢了怎么补办",
        "answer",
        "人工",
    ]
    assert await _requester_step(desk) is None


async def test_a_fault_is_answered_and_registered_with_what_follows(desk: Desk) -> None:
    """A template that needs a person: the answer, and a ticket at once in its category and
    department; the details the requester sends then go into that ticket."""
    opened = await _say(desk, "小区门口的路灯坏了三天了一直不亮没人来修")
    assert opened.action is Handover.OPEN and opened.ticket is not None
    assert opened.answered == "streetlight-fault"
    ticket = opened.ticket
    assert (ticket.category, ticket.handling_department_key) == ("fault_report", "utilities")
    assert ticket.staff_chat_id == desk.settings.department("utilities").staff_group_chat_id
    assert ticket.question == "小区门口的路灯坏了三天了一直不亮没人来修"
    answer = (ticket.inquiry or [])[1]
    assert answer["offered"] == ["路灯坏了找谁修"]
    assert answer["ask_for"] == ["路灯的具体位置(街道、门牌号或附近地标)", "现场照片", "灯杆编号"]
    details = await _say(desk, "幸福路23号门口,灯杆编号LD-0457")
    assert details.action is Action.INTO_TICKET
    assert details.ticket is not None and details.ticket.id == ticket.id


async def test_words_after_an_answer_reach_the_ticket_with_the_answer(desk: Desk) -> None:
    """The issue's street light, with a template that does not open a ticket itself: the
    question, the answer and what the requester added after it all reach the ticket, which
    goes where the whole inquiry points (the added words alone name no template)."""
    assert (await _say(desk, "我的社保卡丢了怎么补办")).action is Action.ANSWER
    later = await _say(desk, "补办以后原来卡里的钱还在吗我担心丢了很着急")
    assert later.action is Handover.OPEN and later.ticket is not None
    assert later.ticket.question == (
        "我的社保卡丢了怎么补办\n补办以后原来卡里的钱还在吗我担心丢了很着急"
    )
    assert later.ticket.handling_department_key == "social_security"
    assert later.attempts == ("社保卡丢了怎么补办",)


async def test_words_instead_of_a_category_are_more_of_the_question(desk: Desk) -> None:
    outcome = await _say(desk, "人工")
    # No question yet: the requester is asked what the matter is (once).
    assert outcome.action is Action.ASK_MATTER and outcome.person
    assert await _requester_step(desk) == DialogStep.MATTER
    matter = await _say(desk, "我家里的事情想找人帮忙看看")
    # No cue word and no close template: the requester is asked which kind of matter it is.
    assert matter.action is Handover.ASK_CATEGORY
    assert await _requester_step(desk) == DialogStep.CATEGORY
    more = await _say(desk, "我想问一下关于我家的事情怎么处理比较好")
    # Still no kind said: added to the question, and the buttons stay (issue 14).
    assert more.action is Action.MORE and not more.edited
    assert await _requester_step(desk) == DialogStep.CATEGORY
    pressed = await _press(desk, Press.CATEGORY, "consultation")
    assert pressed.action is PressAction.HANDOVER_IN_CATEGORY and pressed.handover is not None
    opened = pressed.handover
    assert opened.action is Handover.OPEN and opened.ticket is not None
    assert opened.ticket.category == "consultation"
    # "人工" asked for a person (the ticket's record of the inquiry keeps it); the words are
    # the question.
    assert (
        opened.ticket.question
        == "我家里的事情想找人帮忙看看\n我想问一下关于我家的事情怎么处理比较好"
    )
    assert (opened.ticket.inquiry or [])[0]["text"] == "人工"


async def test_a_ticket_in_progress_takes_the_next_text(desk: Desk) -> None:
    async with desk.transaction() as tx:
        session = tx.session
        requester, _, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        opened = await handing.hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question="我要投诉窗口工作人员态度差",
            category=None,
        )
    assert opened.action is Handover.OPEN and opened.ticket is not None
    assert opened.ticket.category == "complaint"  # its cue word
    following = await _say(desk, "她还把我的材料扔在地上")
    assert following.action is Action.INTO_TICKET
    assert following.ticket is not None and following.ticket.id == opened.ticket.id


async def test_a_question_of_another_matter_beside_a_ticket_is_answered(desk: Desk) -> None:
    """A question the knowledge base answers, of another matter than the ticket's, is answered
    (issue 14); "没用" right after that answer is about the answer (a person takes it, a
    ticket of its own, once its kind is chosen); words about the complaint still go to its
    ticket."""
    async with desk.transaction() as tx:
        requester, _, _ = await requesters.requester_with_current(
            session=tx.session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        opened = await handing.hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question="我要投诉窗口工作人员态度差",
            category=None,
        )
    assert opened.ticket is not None
    asked = await _say(desk, "社保卡丢了怎么补办")
    assert asked.action is Action.ANSWER and asked.template_ids == ("social-card-lost",)
    about = await _say(desk, "她还把我的材料扔在地上")
    assert about.action is Action.INTO_TICKET and about.ticket is not None
    assert about.ticket.id == opened.ticket.id
    await _say(desk, "租房怎么提取公积金?")
    unhelped = await _say(desk, "没用")
    # The answer it rejected names no kind for it (issue 14: a refused template routes
    # nothing), so the kind is asked; the ticket of its own opens with the choice.
    assert unhelped.action is Handover.ASK_CATEGORY
    chosen = await _say(desk, "咨询")
    assert chosen.action is Handover.OPEN and chosen.ticket is not None
    assert chosen.ticket.id != opened.ticket.id and "公积金" in chosen.ticket.question


async def test_what_the_bot_offered_is_noted_on_the_ticket(desk: Desk) -> None:
    offered = await _say(desk, "社保卡补办")
    assert offered.action in (Action.ANSWER, Action.SUGGEST)
    handed = await _say(desk, "human")
    assert handed.action is Handover.OPEN and handed.ticket is not None
    assert handed.ticket.question == "社保卡补办"
    assert handed.attempts
    async with desk.sessions() as session:
        notes = list(
            await session.scalars(
                select(TicketMessage.text).where(
                    TicketMessage.ticket_id == handed.ticket.id,
                    TicketMessage.direction == Direction.NOTE,
                )
            )
        )
    assert notes == ["; ".join(handed.attempts)]


async def test_past_the_open_ticket_limit_no_ticket_is_opened(desk: Desk) -> None:
    limit = desk.settings.abuse.open_tickets
    for number in range(limit):
        async with desk.transaction() as tx:
            session = tx.session
            requester, _, _ = await requesters.requester_with_current(
                session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
            )
            opened = await handing.hand_over(
                tx=tx,
                desk=desk,
                requester=requester,
                question=f"第{number}个问题:窗口工作人员态度差",
                category=None,
            )
        assert opened.action is Handover.OPEN
    async with desk.transaction() as tx:
        session = tx.session
        requester, _, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        refused = await handing.hand_over(
            tx=tx, desk=desk, requester=requester, question="又一个投诉", category=None
        )
    assert refused.action is Handover.TOO_MANY
    assert refused.open_tickets == limit
    async with desk.sessions() as session:
        assert len(list(await session.scalars(select(Ticket)))) == limit


async def test_asking_for_a_person_instead_of_a_category_reaches_one(desk: Desk) -> None:
    assert (await _say(desk, "你好")).action is Action.CLARIFY
    asked = await _say(desk, "我想问问那个事情怎么弄")
    assert asked.action is Handover.ASK_CATEGORY
    opened = await _say(desk, "人工")
    # A person now, under the fallback category, with what they said (not the word 人工).
    assert opened.action is Handover.OPEN and opened.ticket is not None
    assert opened.ticket.category == "consultation"
    assert opened.ticket.question == "你好\n我想问问那个事情怎么弄"


async def test_after_an_answer_the_card_lists_that_answer_only(desk: Desk) -> None:
    answered = await _say(desk, "社保卡丢了怎么补办")
    assert answered.action is Action.ANSWER
    handed = await _say(desk, "人工")
    assert handed.action is Handover.OPEN
    (attempt,) = handed.attempts
    assert attempt == desk.templates[answered.template_ids[0]].questions["zh"][0]


async def test_a_new_tickets_card_is_published_for_its_staff_group(desk: Desk) -> None:
    offered = await _say(desk, "社保卡补办")
    assert offered.action in (Action.ANSWER, Action.SUGGEST)
    handed = await _say(desk, "human")
    assert handed.action is Handover.OPEN and handed.ticket is not None
    async with desk.sessions() as session:
        rows = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.template == "ticket_card")
            )
        )
    (card,) = rows
    staff = desk.settings.languages.default
    assert (card.chat_id, card.language, card.audience, card.ticket_id) == (
        handed.ticket.staff_chat_id,
        staff,
        Audience.DEPARTMENT_GROUP,
        handed.ticket.id,
    )
    names = desk.names(staff)
    assert card.context["category"] == names["categories"][handed.ticket.category]
    assert card.context["priority"] == names["priorities"][handed.ticket.priority]
    assert card.context["question"] == handed.ticket.question
    assert card.context["attempts"] == list(handed.attempts)
    assert card.context["earlier"] == []


async def test_buttons_set_the_language_and_a_category_opens_the_waiting_question(
    desk: Desk,
) -> None:
    assert (await _press(desk, Press.LANGUAGE, "en")).action is PressAction.SET_LANGUAGE
    assert (await _press(desk, Press.LANGUAGE, "xx")).action is PressAction.STALE
    async with desk.sessions() as session:
        requester, _, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        assert requester.language == "en"
    # Nothing asked yet: a person, please, is answered by asking for the question first.
    assert (await _press(desk, Press.PERSON)).action is PressAction.ASK_FIRST
    # A category chosen before one is asked for changes nothing: no longer open.
    assert (await _press(desk, Press.CATEGORY, "complaint")).action is PressAction.NO_LONGER_OPEN
    assert (await _say(desk, "你好")).action is Action.CLARIFY
    assert (await _say(desk, "我想问问那个事情怎么弄")).action is Handover.ASK_CATEGORY
    chosen = await _press(desk, Press.CATEGORY, "complaint")
    assert chosen.action is PressAction.HANDOVER_IN_CATEGORY
    assert chosen.handover is not None and chosen.handover.action is Handover.OPEN
    ticket = chosen.handover.ticket
    assert ticket is not None and ticket.category == "complaint"
    assert ticket.question == "你好\n我想问问那个事情怎么弄"
    # The same button pressed again: no longer open, no second ticket; "a person" names the ticket.
    assert (await _press(desk, Press.CATEGORY, "complaint")).action is PressAction.NO_LONGER_OPEN
    in_hand = await _press(desk, Press.PERSON)
    assert in_hand.action is PressAction.TICKET_IN_HAND
    assert in_hand.ticket is not None and in_hand.ticket.id == ticket.id
    async with desk.sessions() as session:
        assert len(list(await session.scalars(select(Ticket)))) == 1


async def test_a_button_on_a_message_whose_inquiry_ended_changes_nothing_of_it(
    desk: Desk,
) -> None:
    """The inquiry's buttons on a message whose inquiry ended say why and change nothing; any
    other button on it does what it does (a language chosen is set)."""
    assert (await _say(desk, "社保卡丢了怎么补办")).action is Action.ANSWER
    ended = InquiryOffer(chat_id=USER, message_id=5, ended_at=MONDAY_9AM, ticket_id=None)
    for press in (Press.SOLVED, Press.PERSON, Press.ANSWER):
        value = "social-card-lost" if press is Press.ANSWER else ""
        done = await _press_on(desk, ended, press, value)
        assert done.action is PressAction.NO_LONGER_OPEN and done.ticket is None
    assert (await _say(desk, "人工")).action is Handover.OPEN  # the inquiry went on whole
    # Its answer's message, once ticket #1 took the inquiry.
    taken = InquiryOffer(chat_id=USER, message_id=5, ended_at=MONDAY_9AM, ticket_id=1)
    done = await _press_on(desk, taken, Press.SOLVED)
    assert done.action is PressAction.IN_TICKET and done.ticket is not None
    assert done.ticket.id == 1
    done = await _press_on(desk, taken, Press.PERSON)
    assert done.action is PressAction.TICKET_IN_HAND and done.ticket is not None
    assert done.ticket.id == 1
    chosen = await _press_on(desk, taken, Press.LANGUAGE, "en")
    assert chosen.action is PressAction.SET_LANGUAGE
    async with desk.sessions() as session:
        requester, _, _ = await requesters.requester_with_current(
            session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        assert requester.language == "en"


async def _press_on(
    desk: Desk, offer: InquiryOffer, press: Press, value: str = ""
) -> pressing.Pressed:
    """A button pressed on the message `offer` records, in a transaction of its own."""
    async with desk.transaction() as tx:
        requester, current, _ = await requesters.requester_with_current(
            session=tx.session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        return await pressing.take_press(
            tx=tx,
            desk=desk,
            requester=requester,
            current=current,
            press=press,
            value=value,
            offer=offer,
        )
