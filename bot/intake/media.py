"""What the desk does with a requester's photo, file, voice, location or album, as a pure
function.

A careful clerk keeps whatever a requester hands over: the words on it (a photo's caption) are
the question, the thing itself belongs to the ticket. Telegram sends an album as one message
per item, all with the same `media_group_id` and the caption (if any) on one of them, usually
the first; the requester gets one reply for the whole album. A caption carries words as a
text does (`bot.intake.decision.has_words`).

The table (each row wins over those below it; "ticket": a ticket in progress and no dialog
step, so that the ticket takes what they send, as for text in `bot.intake.decision`; "album
seen": the message belongs to the album the bot last acknowledged; "words": the caption
carries words; "kept": something a case can use, anything but a sticker, a dice or a GIF,
the kinds that carry no question, NO_QUESTION; a GIF with words under it is their question):

| ticket | album seen | words | kept | step     | action            |
| ------ | ---------- | ----- | ---- | -------- | ----------------- |
| any    | any        | none carried     | any      | NO_WORDS          |
| yes    | no         | maybe another matter |  | ASK_WHOSE         |
| yes    | yes        | any   |      |          | INTO_TICKET_QUIET |
| yes    | no         | any   |      |          | INTO_TICKET       |
| no     |            | no    | no   | waits    | STILL_WAITING     |
| no     |            | no    | no   |          | NO_WORDS          |
| no     | any        | yes   |      |          | QUESTION          |
| no     | yes        | no    |      |          | HOLD_QUIET        |
| no     | no         | no    |      | answered | HOLD_WITH_ANSWER  |
| no     | no         | no    |      | CATEGORY | HOLD_FOR_CATEGORY |
| no     | no         | no    |      | other    | HOLD_AND_ASK      |
| no     | no         | no    |      | other, spoken again | TO_PERSON |

"Maybe another matter": its caption, read as the same words typed beside the ticket are
(`bot.intake.whose.place`), may be another matter than the ticket's (a pothole under a
complaint about an officer, a new-user trial's photo "Added to ticket #6"): the requester is
asked whether it is about the ticket or a new matter, as for a text (handlers/which.py
`ask_whose`). A caption of plainly another matter is no part of the ticket at all: the
ticket is not in progress for it ("ticket": no), its caption the question of its own.
"None carried": a message of no known kind with no file, no caption and nothing described
(`carries_nothing`: a text with no words that reached the bot as no text, ""), nothing to keep
nor to file (a tester's blank message joined an unrelated ticket as "其他×1").
"Waits": a question of the bot's waits for the requester (the kind of matter, what a vague
opener is about, what to do about a forward, what the matter is: any step but /new's): a
sticker then is no part of their question, and they are asked what waits again, never told
to write a question as if none had been asked (issue 14, "the first inquiry loses
nothing"); while the kind waits, as for a filler (`bot.intake.reminding`).
Every other row files or holds the attachment: nothing a requester sends for their matter is
dropped. What is held goes into the ticket their question opens (`bot.intake.held`); "answered":
no step waits and the bot's last act in the first inquiry going on was an answer or "did you
mean" (the answer asked for a photo of the product, the leak): it is that question's, kept
with it for the person who takes it if the answer does not settle it, the question never
asked anew (issue 14: beside another ticket in hand too, never filed in that one). A
sticker before any ticket is no question, as a text of emoji is none: they are asked what
they need.

"Spoken again": a voice note (or a round video message, `SPOKEN`) without words, the bot's
last message to them its request for words about the one before (`wordless.in_a_row` of
SPOKEN_KIND): the requester can only speak (issue 14: four voice notes, four times "请用文字
说说", nobody ever listened; elderly citizens do this). A careful clerk stops asking and hands
it to a person who listens (TO_PERSON, bot/intake/spoken.py): a ticket at the general window
with every voice note on it. Stickers, GIFs and dice carry nothing to listen to: in a row,
only their reply is said otherwise (`wordless`).

Staff get each of it copied (never forwarded: forwards break for users who hide their
account), but a poll is described in words instead (NOT_COPIED): Telegram cannot copy a quiz
poll whose right answer the bot does not know (copyMessage in the Bot API), and a copied poll
would be a live poll in the staff group. A forwarded message carries where it comes from
(`Origin`), written out for the staff before the copy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from bot.kinds import NO_QUESTION, NOT_COPIED, Origin
from bot.models import DialogStep

__all__ = ["NOT_COPIED", "NO_QUESTION", "Origin"]  # with the decisions that use them


class MediaAction(StrEnum):
    """What the desk does with one photo, file or album item of a requester's."""

    INTO_TICKET = "into_ticket"  # filed under the ticket in progress, copied, requester told
    INTO_TICKET_QUIET = "into_ticket_quiet"  # the same, without a reply: the album was answered
    QUESTION = "question"  # held; its caption is the question (the first inquiry takes it)
    HOLD_QUIET = "hold_quiet"  # held without a reply: the album was answered
    HOLD_FOR_CATEGORY = "hold_for_category"  # held with the question that waits for a category
    HOLD_WITH_ANSWER = "hold_with_answer"  # held with the question just answered (or offered)
    HOLD_AND_ASK = "hold_and_ask"  # held; the requester is asked what it is about
    NO_WORDS = "no_words"  # a sticker, a GIF, no ticket: words please (nothing changes)
    TO_PERSON = "to_person"  # a voice note after one asked about: held, a ticket opened
    STILL_WAITING = "still_waiting"  # the same while the bot's question waits: asked again
    ASK_WHOSE = "ask_whose"  # its caption may be another matter: the ticket's, or new? asked


@dataclass(frozen=True)
class Attachment:
    """One message of a requester's that carries something other than text: its kind (photo,
    document, voice, video, video_note, audio, animation, sticker, location, venue, contact,
    poll, dice, other), its file id if it has one, where it is in Telegram (their chat, the
    message), its caption ("" if none), its album (`media_group_id`, None when alone), what
    it says in words when it is not copied (`described`: a poll's question and options) and
    where it was forwarded from (`origin`). Held on the requester as `as_json()`."""

    kind: str
    file_id: str | None
    chat_id: int
    message_id: int
    caption: str = ""
    media_group_id: str | None = None
    described: str = ""
    origin: Origin | None = None

    @property
    def carries_nothing(self) -> bool:
        """Of no known kind, with no file, no words under it and nothing said in words: an
        empty message, neither kept nor filed."""
        return (
            self.kind == "other"
            and not self.file_id
            and not self.caption.strip()
            and not self.described.strip()
        )

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attachment:
        return cls(
            kind=str(data["kind"]),
            file_id=data.get("file_id"),
            chat_id=int(data["chat_id"]),
            message_id=int(data["message_id"]),
            caption=str(data.get("caption") or ""),
            media_group_id=data.get("media_group_id"),
            described=str(data.get("described") or ""),
            origin=Origin(**data["origin"]) if data.get("origin") else None,
        )


def decide_media(
    *,
    step: DialogStep | None,
    ticket_in_progress: bool,
    album_seen: bool,
    words: bool,
    kept: bool = True,
    answered: bool = False,
    nothing: bool = False,
    spoken_again: bool = False,
    unsure: bool = False,
) -> MediaAction:
    """The table of the module's description for one attachment (`answered`: no step waits
    and the bot's last act in the first inquiry going on was an answer or an offer;
    `nothing`: it carries nothing, `Attachment.carries_nothing`; `spoken_again`: a voice
    note right after the bot asked for words about the one before; `unsure`: its caption
    may be another matter than the ticket in progress's)."""
    if nothing:
        return MediaAction.NO_WORDS
    if step is None and ticket_in_progress and unsure and not album_seen:
        return MediaAction.ASK_WHOSE
    if step is None and ticket_in_progress:
        return MediaAction.INTO_TICKET_QUIET if album_seen else MediaAction.INTO_TICKET
    if not kept and not words:
        waits = step is not None and step is not DialogStep.NEW_QUESTION
        return MediaAction.STILL_WAITING if waits else MediaAction.NO_WORDS
    if words:
        return MediaAction.QUESTION
    if album_seen:
        return MediaAction.HOLD_QUIET
    if step is DialogStep.CATEGORY:
        return MediaAction.HOLD_FOR_CATEGORY
    if step is None and answered:
        return MediaAction.HOLD_WITH_ANSWER
    return MediaAction.TO_PERSON if spoken_again else MediaAction.HOLD_AND_ASK


class EditAction(StrEnum):
    """What the desk does with a requester's edit of a message they sent."""

    INTO_TICKET = "into_ticket"  # filed under the ticket, marked as an edit; its staff told
    AS_TEXT = "as_text"  # no ticket to tell: the words as they now read are taken as a text


def decide_edit(*, filed_under_open_ticket: bool, ticket_in_hand: bool) -> EditAction:
    """An edit reaches the staff of the ticket the edited message was filed under while that
    ticket is not closed, else of the requester's ticket in hand; with neither, the first
    inquiry takes the words as they now read (a corrected question is answered again)."""
    if filed_under_open_ticket or ticket_in_hand:
        return EditAction.INTO_TICKET
    return EditAction.AS_TEXT
