"""A staff message to a requester in the parts it is sent as: numbered with its ticket when
they have several in hand, saying who speaks, and nothing cut (issue 14)."""

from __future__ import annotations

from bot.excerpt import MARK_ROOM, MAX_CAPTION, requester_parts, units


def numbered(
    copied: dict[str, object],
    text: str,
    content_type: str,
    *,
    numbered: bool = True,
    speaker: dict[str, object] | None = None,
    room: int = MARK_ROOM,
) -> list[dict[str, object]]:
    """The values of the `staff_reply` notices that carry a staff message (`copied`: the
    message it is, `text` its words or caption, `content_type`) to a requester in words:
    with more than one ticket in hand every one numbered with its ticket (`numbered`), and
    where someone other than the owner speaks (`speaker`: a department the ticket was handed
    to, bot/staff_replies.py `speaking`), every one saying who; with `text` and
    `content_type`: a text in parts that fit a message with `room` units before them
    (bot/excerpt.py `requester_parts`); a media whose caption fits with them (MAX_CAPTION
    less `room`) as it is; one whose caption does not, copied with the marks alone as its
    caption, then the caption's words as marked texts. Nothing is cut."""
    base = {**copied, "numbered": numbered, **(speaker or {})}
    worded = [
        {**base, "content_type": "text", "text": part} for part in requester_parts(text, room)
    ]
    if content_type == "text":
        return worded
    if units(text) <= MAX_CAPTION - room:
        return [{**base, "content_type": content_type, "text": text}]
    return [{**base, "content_type": content_type, "text": ""}, *worded]
