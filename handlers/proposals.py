"""Closed cases becoming knowledge-base templates: proposed by staff, decided by supervisors.

`/propose [N] [question | answer]` proposes a closed ticket; `/pending` lists the proposals
waiting for a supervisor with *Approve* / *Reject*; an approved template answers the next
question at once (no restart), in every process on the database within one sweep."""

from __future__ import annotations

from telegram import Update

from bot import proposals
from bot.desk import Desk
from bot.models import StoredTemplate
from bot.outbox import Call
from handlers import keyboards, post
from handlers.callbacks import Action, parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.finding import named_ticket, no_ticket_named, ticket_of_command
from handlers.refusals import refusals
from handlers.requesters import requester_of
from handlers.roles import staff_only, supervisors_only

DECIDING = (Action.TEMPLATE_APPROVE, Action.TEMPLATE_REJECT)  # the buttons `decide` serves


def _proposal_text(desk: Desk, row: StoredTemplate, decided: str = "") -> str:
    language = desk.settings.languages.default
    answer_language = language if language in row.answer else next(iter(row.answer), language)
    return desk.texts.render(
        "template_proposal",
        language,
        template_id=row.id,
        ticket_id=row.origin_ticket_id,
        category=desk.names(language)["categories"].get(row.category, row.category),
        questions=[q for texts in row.questions.values() for q in texts],
        answer=row.answer.get(answer_language, ""),
        decided=decided,
    )


@staff_only
@refusals
async def propose_command(update: Update, context: DeskContext) -> None:
    """/propose [N] [question | answer]: a closed ticket as a knowledge-base template. By
    default its question and its resolution summary, in the requester's language."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = desk.settings.languages.default
    usage = desk.texts.render("usage", language, usage="/propose [N] [question | answer]")
    args = list(context.args or [])
    ticket, rest = await ticket_of_command(desk, message, args, usage, numbered=True)
    if ticket is None and rest:
        # Outside a ticket's place the first word is its number: this one is none.
        ticket, rest = await named_ticket(desk, rest[0], usage), rest[1:]
    if ticket is None:
        said = no_ticket_named(desk, message, "propose", usage)
        await post.say(desk, update.update_id, post.reply(message, said))
        return
    question, _, answer_text = " ".join(rest).partition("|")
    async with desk.transaction(update_id=update.update_id) as tx:
        # The department's supervisors hear of it: bot/proposals.py.
        asked_in = (await requester_of(tx.session, ticket)).language
        proposal = await proposals.propose_and_tell(
            tx=tx,
            rules=desk.rules,
            matcher=desk.matcher,
            ticket_id=ticket.id,
            officer_id=user.id,
            questions={asked_in: [question.strip() or ticket.question]},
            answer={asked_in: answer_text.strip()},  # empty: its resolution, where it may be
        )
        text = desk.texts.render(
            "template_proposed",
            language,
            ticket_id=ticket.id,
            template_id=proposal.template.id,
            similar=[m.template_id for m in proposal.similar],
        )
        await post.post(tx, post.reply(message, text))


@supervisors_only
async def pending(update: Update, context: DeskContext) -> None:
    """/pending: each proposal waiting for this supervisor, with Approve / Reject."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    async with desk.sessions() as session:
        rows = await proposals.pending(session=session, rules=desk.rules, supervisor_id=user.id)
    if not rows:
        nothing = desk.texts.render("nothing_pending", desk.settings.languages.default)
        await post.say(desk, update.update_id, post.reply(message, nothing))
        return
    calls: list[Call] = []
    for row in rows[:20]:
        markup = keyboards.proposal(desk, row.id)
        calls += post.reply(message, _proposal_text(desk, row), markup)
    await post.say(desk, update.update_id, calls)


@refusals
async def decide(update: Update, context: DeskContext) -> None:
    """Approve (the matcher answers with it at once) or reject a proposed template."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    language = desk.settings.languages.default
    button = parse(query.data)
    approving = button.action is Action.TEMPLATE_APPROVE
    decision = proposals.approve if approving else proposals.reject
    template_id = button.word(0)
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        await decision(
            session=session,
            rules=desk.rules,
            template_id=template_id,
            supervisor_id=query.from_user.id,
            now=desk.now(),
        )
        row = await session.get(StoredTemplate, template_id)
        assert row is not None
        who = desk.rules.staff.shown_as(query.from_user.id) or str(query.from_user.id)
        decided = desk.texts.render("template_decided", language, approved=approving, who=who)
        if query.message is not None:
            shown = _proposal_text(desk, row, decided)
            chat_id, message_id = query.message.chat.id, query.message.message_id
            await post.post(tx, post.edit_text(chat_id, message_id, shown))
    if approving:
        # The templates are the database's: this process learns it now, the others on their
        # sweep (bot/desk.py `Desk.refresh`).
        await desk.refresh()
    await answer(query)
