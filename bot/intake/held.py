"""What a requester sent before their ticket existed (photos, files, an album), held on their
row until the question it came with opens a ticket; then filed under that ticket and relayed
to its staff like anything they send into it (`bot.conversation`)."""

from __future__ import annotations

from bot import conversation
from bot.details import carried
from bot.intake.media import Attachment
from bot.models import Requester, Ticket
from bot.rules import Rules
from bot.transaction import Transaction


def hold(requester: Requester, attachment: Attachment) -> None:
    """Keep `attachment` for the ticket the requester's question opens (in arrival order)."""
    requester.held_media = [*(requester.held_media or []), attachment.as_json()]


def held(requester: Requester) -> list[Attachment]:
    """What the requester sent that waits for a ticket, in arrival order."""
    return [Attachment.from_json(item) for item in requester.held_media or []]


def carries(requester: Requester) -> frozenset[str]:
    """The kinds of detail what the requester holds gives by what it is (`details.carried`:
    a photo a PHOTO, a location or venue shared a LOCATION, a contact a PHONE): given with
    the question it came with, as its words are."""
    return frozenset().union(*(carried(item.kind) for item in held(requester)))


def let_go(requester: Requester) -> None:
    """Nothing is held any more: the question it came with was settled without a ticket."""
    requester.held_media = None


async def file_held(*, tx: Transaction, rules: Rules, requester: Requester, ticket: Ticket) -> int:
    """File what the requester held under their new `ticket`, in the caller's transaction,
    each relayed to the ticket's staff (a `relay` notice: under the card, as its count of
    what came with the question says, in a forum group too, bot/relays.py `under_card`; and
    copied into the ticket's topic when someone claims it). Returns how many; the requester
    holds nothing afterwards."""
    items = held(requester)
    for item in items:
        await conversation.requester_message_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester.id,
            chat_id=item.chat_id,
            message_id=item.message_id,
            text=item.caption,
            content_type=item.kind,
            file_id=item.file_id,
            described=item.described,
            origin=item.origin,
            acknowledge=False,  # the new ticket's promise says it all
            media_group=item.media_group_id,
        )
    let_go(requester)
    return len(items)
