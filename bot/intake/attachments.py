"""What a requester sends other than a new text, as flows: a photo, file, voice, location or
album item (`take_media`), or an edit of a message they sent (`take_edit`); the desk's
decision (`bot.intake.media`) carried out in the caller's transaction, and what to tell the
requester returned for the front to present.

Before a ticket, what they send is held (`bot.intake.held`) and its caption, when it carries
words, goes through the first inquiry as their question (`bot.intake.flow.take_text`; under
the category buttons, a caption asking apart files the question waiting first, as the same
words typed do: `bot.intake.apart`); while a ticket is in progress, it is filed under it and
relayed to its staff. One album, one reply. An edit reaches the ticket's staff marked as an edit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot import conversation, replies, ticket_messages
from bot.desk import Desk
from bot.details import carried
from bot.intake import apart, emergency, flow, handing, held, inquiry, search, spoken, whose
from bot.intake.decision import Action, has_words
from bot.intake.media import (
    NO_QUESTION,
    Attachment,
    EditAction,
    MediaAction,
    decide_edit,
    decide_media,
)
from bot.intake.own_kind import danger_apart
from bot.intake.reminding import remind
from bot.intake.wordless import Wordless, in_a_row, waited
from bot.models import DialogStep, Requester, Ticket
from bot.notices import card_refresh, publish
from bot.transaction import Transaction
from knowledge.matcher import Band


def beside_ticket(requester: Requester, now: datetime) -> bool:
    """A first inquiry of the requester's goes on beside their ticket in progress (begun after
    /new, not yet ended: `inquiry.current`; not a question answered aside from the ticket,
    `inquiry.is_aside`), so what they send is its, not the ticket's."""
    if requester.dialog_step is not None:
        return False
    going_on = inquiry.current(requester.inquiry, now=now, waiting=False)
    return bool(going_on) and not inquiry.is_aside(going_on)


def answered(requester: Requester, now: datetime) -> bool:
    """No step waits and the bot's last act in the requester's first inquiry going on was an
    answer or "did you mean" (`inquiry.current`): what they send now is that question's
    (the photo the answer asked for), beside a ticket in hand or not."""
    if requester.dialog_step is not None:
        return False
    going_on = inquiry.current(requester.inquiry, now=now, waiting=False)
    return bool(going_on) and going_on[-1].get("did") in _ANSWERED


_ANSWERED = ("answer", "suggest")


async def _owed(tx: Transaction, requester: Requester, kind: str) -> bool:
    """A ticket of the requester's in hand waits for what a message of `kind` carries (its
    officer asked for a photo, the bot asked for its place: `awaited.awaits`)."""
    carries = carried(kind)
    if not carries or requester.id is None:
        return False
    found = await replies.in_hand(session=tx.session, requester_id=requester.id, carries=carries)
    return any(hand.awaits & carries for _, hand in found)


@dataclass(frozen=True)
class Taken:
    """What the desk did with an attachment: `action`; `ticket` for INTO_TICKET(_QUIET) (the
    ticket in progress) and ASK_WHOSE (the ticket its caption may be about), `question` for
    QUESTION (what the first inquiry did with the caption, presented as for a text)."""

    action: MediaAction
    ticket: Ticket | None = None
    question: handing.Outcome | None = None
    emergency: bool = False  # INTO_TICKET(_QUIET): its caption told a danger; it is raised
    dangers: tuple[str, ...] = ()  # the kinds of that danger, for the numbers that fit
    alerted_only: bool = False  # the ticket not raised, its supervisors only alerted
    ask_place: bool = False  # the emergency's place told nowhere: asked (`place_unknown`)
    # HOLD_AND_ASK of a voice note: the request for words is `spoken.ASKED_KIND` (the next
    # voice note in a row goes to a person); NO_WORDS: the second in a row, said otherwise.
    spoken: bool = False
    again: bool = False
    # QUESTION of a caption that set a matter apart under the category buttons
    # (`apart.take_apart`): the question that waited, filed first; presented before `question`.
    filed: handing.Outcome | None = None


async def take_media(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    attachment: Attachment,
    follows: bool = False,
    replied_to: int | None = None,
) -> Taken:
    """Decide on an attachment a requester sent in private and carry it out in the caller's
    transaction. `current` is their ticket in progress (or resolved awaiting their word);
    `follows`: its caption follows the answer just given aside from it
    (`beside_follow.follows_answer`), the question's, never the ticket's; `replied_to`: the
    message of their chat it replies to (its caption is then not judged another matter)."""
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    group = attachment.media_group_id
    # Right after an answer (or "did you mean"), what they send is that question's: the photo
    # it asked for, beside a ticket in hand too, unless a ticket in hand waits for it.
    after = answered(requester, desk.now())
    if after and current is not None and not has_words(attachment.caption):
        after = not await _owed(tx, requester, attachment.kind)
    # A first inquiry beside the ticket (after /new) takes what they send until it ends.
    # A danger of another matter in their caption is its own ticket (`danger_apart`).
    into = (
        current is not None
        and not beside_ticket(requester, desk.now())
        and not (after and not has_words(attachment.caption))
        and not follows
        and not (attachment.origin is None and danger_apart(desk, current, attachment.caption))
    )
    # Their own caption beside the ticket, read as the same words typed are: another matter
    # is its own question; one that may be is asked about (a pothole under a complaint).
    placed = (
        await _placed(tx, desk, requester, current, attachment, replied_to)
        if into and step is None
        else None
    )
    into = into and not (placed is not None and placed.aside)
    action = decide_media(
        step=step,
        ticket_in_progress=into,
        album_seen=group is not None and group == requester.media_group,
        words=has_words(attachment.caption),
        kept=attachment.kind not in NO_QUESTION,
        answered=after,
        nothing=attachment.carries_nothing,
        spoken_again=not into and await spoken.again(tx, attachment),
        unsure=placed is not None and placed.unsure,
    )
    if action is MediaAction.ASK_WHOSE:  # nothing filed nor held until they say which
        return Taken(action, ticket=current)
    if group is not None:
        requester.media_group = group
    if action in (MediaAction.INTO_TICKET, MediaAction.INTO_TICKET_QUIET):
        assert current is not None
        await conversation.requester_message_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=current.id,
            requester_id=requester.id,
            chat_id=attachment.chat_id,
            message_id=attachment.message_id,
            text=attachment.caption,
            content_type=attachment.kind,
            file_id=attachment.file_id,
            described=attachment.described,
            origin=attachment.origin,
            # One reply to an album: its first item's (added, or the resolution asked again).
            acknowledge=action is MediaAction.INTO_TICKET,
            media_group=group,
        )
        if current.owner_id is None:
            # The card waiting for a claim counts what was filed (an album that opened the
            # ticket: its items after the first, which came after the card).
            await publish(tx, desk.rules, [card_refresh(current)])
        # A danger told in their own caption ("配电箱冒火花了" under a photo): urgent at once.
        said = emergency.Said.NOTHING
        if attachment.origin is None:
            said = await emergency.raise_ticket(
                tx=tx, desk=desk, requester=requester, ticket=current, text=attachment.caption
            )
        raised = said not in emergency.QUIET
        told = emergency.kinds_told(attachment.caption) if raised else ()
        only = said is emergency.Said.ALERTED
        places = desk.settings.surge.places
        unknown = raised and await emergency.place_unknown(tx, current, attachment.caption, places)
        return Taken(
            action,
            ticket=current,
            emergency=raised,
            dangers=told,
            alerted_only=only,
            ask_place=unknown,
        )
    if action is MediaAction.NO_WORDS:  # a sticker, a GIF, a dice: no ticket, even in a row
        return Taken(action, again=await in_a_row(tx, attachment.chat_id))
    if action is MediaAction.TO_PERSON:  # the second voice note in a row: a person listens
        to_person = spoken.to_person(tx=tx, desk=desk, requester=requester, attachment=attachment)
        return Taken(action, question=await to_person)
    if action is MediaAction.STILL_WAITING:
        return Taken(action, question=await _still_waiting(tx, desk, requester, step))
    if action is MediaAction.QUESTION:
        return await _caption_asked(tx, desk, requester, None if follows else current, attachment)
    held.hold(requester, attachment)
    if action is MediaAction.HOLD_AND_ASK and step not in (
        DialogStep.CLARIFY,
        DialogStep.MATTER,
        DialogStep.ABOUT,
    ):
        # A new matter begins with it: what they write next is its question, not an addition
        # to an earlier one (the bot asks once; a vague answer then goes to a person).
        requester.dialog_step = DialogStep.CLARIFY
        requester.last_question = requester.last_offered = None
    return Taken(action, spoken=action is MediaAction.HOLD_AND_ASK and spoken.spoken(attachment))


async def _placed(
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    attachment: Attachment,
    replied_to: int | None,
) -> whose.Placed | None:
    """Where the requester's own caption stands beside `current` (`whose.place`, as a text
    there: `aside`, another matter; `unsure`, maybe); None for a forward, no words, or a
    reply (`replied_to`: the message it answers says whose it is, handlers/which.py). A
    caption the knowledge base finds no matter in is no maybe: it says what the photo shows
    ("Another angle", "这是另一个角度"), the ticket's."""
    if attachment.origin is not None or not has_words(attachment.caption) or replied_to:
        return None
    turns = inquiry.current(requester.inquiry, now=desk.now(), waiting=False)
    placed = await whose.place(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        turns=turns,
        text=attachment.caption,
        step=None,
        forwarded=False,
        parted=None,
    )
    _, band = search.closest(desk, attachment.caption, requester.language)
    return replace(placed, unsure=False) if band is Band.HANDOVER else placed


async def _caption_asked(
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    attachment: Attachment,
) -> Taken:
    """An attachment whose caption is words (`MediaAction.QUESTION`; `current`: None for the
    answer's follow-up, as with no ticket): held for the ticket its words open, the caption
    taken by the first inquiry as a text is. A caption that sets another matter apart while
    the category buttons wait ("另外,楼道的灯坏了,照片如下") is decided as the same words typed
    (`apart.take_apart`): the question waiting is filed first, with what was held for it, and
    the attachment held for the new matter alone, taken as said after /new; any other caption
    under the buttons is more of the question waiting, the attachment with it."""
    asked = await apart.take_apart(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=attachment.caption,
        forwarded=attachment.origin is not None,
    )
    held.hold(requester, attachment)  # after the waiting question took what it had
    outcome = await flow.take_text(
        tx=tx,
        desk=desk,
        requester=requester,
        current=asked.in_hand if asked else current,
        text=asked.question if asked else attachment.caption,
        origin=attachment.origin,
    )
    return Taken(MediaAction.QUESTION, question=outcome, filed=asked.filed if asked else None)


async def _still_waiting(
    tx: Transaction, desk: Desk, requester: Requester, step: DialogStep | None
) -> handing.Outcome:
    """A sticker, a GIF or a dice while the bot's question waits (`MediaAction.STILL_WAITING`):
    the kind of matter recalled as for a filler (`reminding.remind`), any other question
    asked again (`wordless.waited`); nothing joins their question."""
    if step is DialogStep.CATEGORY:
        turns = inquiry.current(requester.inquiry, now=desk.now(), waiting=True)
        return await remind(tx=tx, desk=desk, requester=requester, turns=turns, text="")
    again = await in_a_row(tx, requester.chat_id)  # the second in a row: said otherwise
    return handing.Outcome(
        Action.NO_WORDS, wordless=Wordless.NOT_WORDS, waiting=waited(step), again=again
    )


@dataclass(frozen=True)
class Edited:
    """What the desk did with an edit: `action`; `ticket` for INTO_TICKET (the ticket whose
    staff were told), `question` for AS_TEXT (what the first inquiry did with the words)."""

    action: EditAction
    ticket: Ticket | None = None
    question: handing.Outcome | None = None


async def take_edit(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    chat_id: int,
    message_id: int,
    text: str,
) -> Edited:
    """Decide on a requester's edit of their message `message_id` in their chat `chat_id`
    (`text`: its words as they now read, a caption's for a photo) and carry it out in the
    caller's transaction. `current` is their ticket in progress, if any."""
    filed = await ticket_messages.ticket_of_message(
        session=tx.session, chat_id=chat_id, message_id=message_id
    )
    action = decide_edit(
        filed_under_open_ticket=filed is not None, ticket_in_hand=current is not None
    )
    if action is EditAction.INTO_TICKET:
        ticket = filed or current
        assert ticket is not None
        await conversation.requester_edit_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=ticket.id,
            requester_id=requester.id,
            chat_id=chat_id,
            message_id=message_id,
            text=text,
        )
        return Edited(action, ticket=ticket)
    outcome = await flow.take_text(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=text,
        message_id=message_id,
        edit_of=message_id,
    )
    return Edited(action, question=outcome)
