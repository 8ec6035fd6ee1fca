"""/incident N text [| text in English]: staff tell every requester of a mass incident at once,
each in their language where given (SPEC rule 9); or press "post an update" under the
incident's alert and reply with the words to the bot's question (bot/incident_asks.py).
/link and /unlink: a ticket joined to another ticket's incident by hand, or taken out of its
own (bot/incident_links.py)."""

from __future__ import annotations

from telegram import Message, Update

from bot import incident_asks, incident_closure, incident_links, incident_updates
from bot.desk import Desk
from bot.errors import DeskError
from bot.transaction import Transaction
from handlers import post, received
from handlers.callbacks import parse
from handlers.commands import name_of
from handlers.common import answer
from handlers.context import DeskContext
from handlers.finding import named_ticket, no_ticket_named, ticket_of_command
from handlers.refusals import Misused, refusal, refusals, stale_buttons
from handlers.roles import staff_only


@staff_only
@refusals
async def post_update(update: Update, context: DeskContext) -> None:
    """`/incident <incident> <text>`, anywhere staff or management write: the text goes to
    the requester of every active ticket linked to the incident, and the one who sent it is
    told how many, and whose language it is not in."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None:
        return
    language = desk.settings.languages.default
    args = context.args or []
    if not args:  # the command alone: how to write it, not a refusal
        await post.say(
            desk,
            update.update_id,
            post.reply(message, desk.texts.render("incident_usage", language)),
        )
        return
    try:
        incident_id = int(args[0].lstrip("#"))
        if len(args) > 1 and args[1].casefold() in RESOLVE:
            await _resolve(update, context, incident_id)
            return
        # The text as written (line breaks kept), after the command and the incident number.
        text = (message.text or "").split(maxsplit=2)[2] if len(args) > 1 else ""
        async with desk.transaction(update_id=update.update_id) as tx:
            posted = await incident_updates.update_and_tell(
                tx=tx,
                rules=desk.rules,
                incident_id=incident_id,
                officer_id=message.from_user.id,
                text=text,
                source=(message.chat_id, message.message_id),  # its edit: a correction
            )
            told = desk.texts.render(
                "incident_posted",
                language,
                incident_id=incident_id,
                ticket_ids=posted.ticket_ids,
                written_in=posted.written_in,
                unlike=posted.unlike,
            )
            await post.post(tx, post.reply(message, told))
    except (ValueError, IndexError, DeskError) as refused:
        usage = desk.texts.render("incident_usage", language)
        raise Misused(refused, usage) from refused


# The word after the incident's number that resolves it instead of posting an update.
RESOLVE = frozenset({"resolve", "办结"})


async def _resolve(update: Update, context: DeskContext, incident_id: int) -> None:
    """`/incident <incident> resolve <summary>`: every ticket of the incident in progress
    resolved with the summary, each requester asked to confirm; the one who sent it told how
    many, and which were left. Raises as `incident_closure.resolve_incident` does."""
    desk = context.desk
    message = update.effective_message
    assert message is not None and message.from_user is not None
    text = (message.text or "").split(maxsplit=3)
    async with desk.transaction(update_id=update.update_id) as tx:
        done = await incident_closure.resolve_incident(
            tx=tx,
            rules=desk.rules,
            incident_id=incident_id,
            officer_id=message.from_user.id,
            text=text[3] if len(text) > 3 else "",
        )
        told = desk.texts.render(
            "incident_resolved",
            desk.settings.languages.default,
            incident_id=incident_id,
            ticket_ids=done.ticket_ids,
            left=done.left,
            dangers=done.dangers,
        )
        await post.post(tx, post.reply(message, told))


@stale_buttons
async def update_asked(update: Update, context: DeskContext) -> None:
    """ "Post an update" pressed under a mass incident's alert: the bot asks, where it was
    pressed, for the words, in a message a reply to which is the update
    (handlers/alert_replies.py). Refused as an update would be (no such incident, none of
    its tickets active, not theirs to speak for)."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    incident_id = parse(query.data).number(0)
    async with desk.transaction(update_id=update.update_id) as tx:
        ticket_ids = await incident_asks.ask_update(
            session=tx.session,
            rules=desk.rules,
            incident_id=incident_id,
            officer_id=query.from_user.id,
        )
        text = desk.texts.render(
            "incident_update_asked",
            desk.settings.languages.default,
            incident_id=incident_id,
            ticket_ids=ticket_ids,
        )
        chat_id = query.message.chat.id if query.message is not None else query.from_user.id
        asking = post.message(
            chat_id, text, kind=incident_asks.INCIDENT_ASK, ticket_id=ticket_ids[0], after="alert"
        )
        await post.post(tx, [asking])
    await answer(query)


async def post_replied(tx: Transaction, desk: Desk, message: Message, incident_id: int) -> None:
    """A reply to the bot's question for incident `incident_id`'s update (`update_asked`):
    the update, posted as /incident N posts one; its writer told whom it reached, or why
    not (no words, the incident over, not theirs to speak for: nothing was posted)."""
    assert message.from_user is not None
    text = received.described(message) or message.text or message.caption or ""
    try:
        posted = await incident_updates.update_and_tell(
            tx=tx,
            rules=desk.rules,
            incident_id=incident_id,
            officer_id=message.from_user.id,
            text=text,
            source=(message.chat_id, message.message_id),  # its edit: a correction
        )
    except DeskError as refused:  # refused before anything changed
        await post.post(tx, post.reply(message, refusal(desk, refused)))
        return
    told = desk.texts.render(
        "incident_posted",
        desk.settings.languages.default,
        incident_id=incident_id,
        ticket_ids=posted.ticket_ids,
        written_in=posted.written_in,
        unlike=posted.unlike,
    )
    await post.post(tx, post.reply(message, told))


@staff_only
@refusals
async def link_command(update: Update, context: DeskContext) -> None:
    """`/link [N] <M>`: ticket N (in its topic, or replying to its card, implied) joins the
    incident of ticket M, made when M has none; `/unlink [N]`: ticket N leaves its
    incident. Whoever sent it hears what was done, where they sent it."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None:
        return
    language = desk.settings.languages.default
    name = "unlink" if name_of(message.text) == "unlink" else "link"
    usage = desk.texts.render(
        "usage", language, usage="/unlink [N]" if name == "unlink" else "/link [N] M"
    )
    ticket, rest = await ticket_of_command(desk, message, list(context.args or []), usage)
    wanted = 0 if name == "unlink" else 1
    if ticket is None or len(rest) != wanted:
        said = usage if ticket is not None else no_ticket_named(desk, message, name, usage)
        await post.say(desk, update.update_id, post.reply(message, said))
        return
    to = await named_ticket(desk, rest[0], usage) if rest else None
    async with desk.transaction(update_id=update.update_id) as tx:
        if to is None:
            left = await incident_links.unlink(
                tx=tx, rules=desk.rules, ticket_id=ticket.id, officer_id=message.from_user.id
            )
            told = desk.texts.render(
                "incident_linked", language, ticket_id=ticket.id, incident_id=left, left=True
            )
        else:
            linked = await incident_links.link(
                tx=tx,
                rules=desk.rules,
                ticket_id=ticket.id,
                to_ticket_id=to.id,
                officer_id=message.from_user.id,
            )
            told = desk.texts.render(
                "incident_linked",
                language,
                ticket_id=ticket.id,
                incident_id=linked.incident_id,
                ticket_ids=linked.ticket_ids,
                new=linked.new,
                left=False,
                **linked.reports.values(),
            )
        await post.post(tx, post.reply(message, told))
