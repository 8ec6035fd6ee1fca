"""Questions about a handoff between the receiving department and the ticket's owner, which
the requester never sees (SPEC rule 7; the seed's 跨部门协作 makes the owner the bridge
between the departments and the requester: 首问责任人…向相关部门转达,并反馈处理进展).

- A reply on a handoff form in the receiving department's group by its staff, who may not
  speak to the requester for a ticket their department does not handle (before accepting it,
  or after returning it), is a question to the owner (`QUESTION`), shown in the ticket's
  place with who asked and from which department.
- A reply to that question in the ticket's place, by those who may speak for the ticket
  (the owner, their department's staff), is the answer (`ANSWER`), sent to the department
  the latest form went to, as a reply to that form; their reply to it is a question again.
Both are filed on the ticket as internal notes by their writers (the record stays whole), of
their own content kind (QUESTION, ANSWER): /ticket N words them as what they were, not as
notes of the ticket's staff (bot/lookup.py).
Once the department has accepted, its replies there reach the requester (bot/handed.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.excerpt import excerpt
from bot.guards import clean_text, may_speak_for
from bot.handed import latest_form
from bot.handoff_forms import FORM, FORM_DECIDED
from bot.models import Direction, Handoff, StaffLink, Ticket, TicketMessage
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.transaction import Transaction

QUESTION = "handoff_question"  # a receiving department's question, for the owner
ANSWER = "handoff_answer"  # the owner's answer to it, for that department
SHOWN = 3000  # UTF-16 units of a question or answer its reader is shown
# The messages in a receiving group a reply to which is about the handoff: the form, and an
# answer to an earlier question.
ON_FORM = (FORM, FORM_DECIDED, ANSWER)


@dataclass(frozen=True)
class Talk:
    """An officer's message that is part of such a conversation: `kind` QUESTION or ANSWER,
    and the department it is from (QUESTION) or for (ANSWER)."""

    kind: str
    department_key: str


def asks_owner(rules: Rules, ticket: Ticket, officer_id: int, group_department: str) -> bool:
    """Whether an officer's words on a form in `group_department`'s group are a question to
    the owner: they are staff of that department who may not speak to the requester for
    this ticket (bot/guards.py `may_speak_for`)."""
    member = rules.staff.get(officer_id)
    if member is None or member.department_key != group_department:
        return False
    return not may_speak_for(rules, ticket, officer_id)


async def _asked_department(session: AsyncSession, ticket_id: int) -> str | None:
    """The department the ticket's latest form went to (None: it has none)."""
    return await session.scalar(
        select(Handoff.to_department_key)
        .where(Handoff.ticket_id == ticket_id)
        .order_by(Handoff.id.desc())
        .limit(1)
    )


async def talk(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    officer_id: int,
    chat_id: int,
    replied_to: int | None,
) -> Talk | None:
    """What an officer's message about `ticket` in the staff chat `chat_id`, replying to its
    message `replied_to`, is (see the module's description); None when it is neither a
    question nor an answer (a reply to the requester, as before)."""
    if replied_to is None:
        return None
    link = await session.get(StaffLink, (chat_id, replied_to))
    if link is None or link.ticket_id != ticket.id:
        return None
    member = rules.staff.get(officer_id)
    if link.kind in ON_FORM and member is not None:
        group = rules.settings.department(member.department_key).staff_group_chat_id
        if group == chat_id and asks_owner(rules, ticket, officer_id, member.department_key):
            return Talk(QUESTION, member.department_key)
        return None
    if link.kind == QUESTION and chat_id == ticket.staff_chat_id:
        if not may_speak_for(rules, ticket, officer_id):
            return None
        department = await _asked_department(session, ticket.id)
        return None if department is None else Talk(ANSWER, department)
    return None


def _note(tx: Transaction, ticket: Ticket, officer_id: int, text: str, kind: str) -> TicketMessage:
    note = TicketMessage(
        ticket_id=ticket.id,
        direction=Direction.NOTE,
        author_id=officer_id,
        content_type=kind,
        text=text,
        created_at=tx.now,
    )
    tx.session.add(note)
    return note


async def talk_and_tell(
    *, tx: Transaction, rules: Rules, ticket: Ticket, officer_id: int, said: Talk, text: str
) -> TicketMessage:
    """`said` (`talk`), filed on the ticket as its writer's internal note (content kind
    `said.kind`) at the
    transaction's instant, and told: a QUESTION to the ticket's staff (the owner's place),
    an ANSWER to the department's group as a reply to the ticket's latest form there
    (`reply_to`, None when it is not in Telegram). Values: `by` (the writer as staff know
    them), `department` (the asker's, or the one answered), `text` (its start, `excerpt`).
    The requester hears nothing of either. InvalidInput for empty words."""
    text = clean_text(text, "the question" if said.kind == QUESTION else "the answer")
    note = _note(tx, ticket, officer_id, text, said.kind)
    values: dict[str, object] = {
        "by": rules.staff.shown_as(officer_id) or "-",
        "department": said.department_key,
        "text": excerpt(text, SHOWN).text,
    }
    if said.kind == QUESTION:
        audience = (Audience.TICKET_STAFF,)
        notice = Notice(QUESTION, audience, ticket, values, fallback=ticket.owner_id)
    else:
        group = rules.settings.department(said.department_key).staff_group_chat_id
        values["reply_to"] = await latest_form(
            session=tx.session, ticket_id=ticket.id, chat_id=group
        )
        departments = (said.department_key,)
        audience = (Audience.DEPARTMENT_GROUP,)
        notice = Notice(ANSWER, audience, ticket, values, departments=departments)
    await publish(tx, rules, [notice])
    return note
