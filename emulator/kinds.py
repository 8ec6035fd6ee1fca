"""What a user sends, of every kind a bot receives, as the Message fields Telegram fills in
(the shapes of api.json: Video, VideoNote, Audio, Animation, Sticker, Location, Venue,
Contact, Poll, Dice), and the forward origins a forwarded message carries."""

from __future__ import annotations

from typing import Any

from emulator.media import photo_sizes
from emulator.objects import Chat, User

KINDS = (
    "photo",
    "document",
    "voice",
    "video",
    "video_note",
    "audio",
    "animation",
    "sticker",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
    "album",
)
ORIGINS = ("user", "hidden_user", "chat", "channel")
DICE = {"🎲": 6, "🎯": 6, "🎳": 6, "🏀": 5, "⚽": 5, "🎰": 64}


def _location(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "latitude": float(body.get("latitude", 39.9042)),
        "longitude": float(body.get("longitude", 116.4074)),
    }


def _poll(body: dict[str, Any], poll_id: str, answer_known: bool) -> dict[str, Any]:
    """A Poll as a user sends it: a regular poll, or a quiz (`quiz`: true) whose right answer
    (`correct_option_id`, default 0) the bot is told only when `answer_known` (sent to its
    private chat, not forwarded: Poll.correct_option_ids in the specification); without it
    the quiz cannot be copied (copyMessage's rule)."""
    options = [str(o) for o in body.get("options", ["Yes", "No"])]
    poll: dict[str, Any] = {
        "id": poll_id,
        "question": str(body.get("question", "?")),
        "options": [
            {"persistent_id": str(n), "text": text, "voter_count": 0}
            for n, text in enumerate(options)
        ],
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": bool(body.get("anonymous", True)),
        "type": "quiz" if body.get("quiz") else "regular",
        "allows_multiple_answers": False,
        "allows_revoting": False,
        "members_only": False,
    }
    if body.get("quiz") and answer_known:
        right = int(body.get("correct_option_id", 0))
        if not 0 <= right < len(options):
            raise ValueError(f"correct_option_id {right} is not one of the {len(options)} options")
        poll["correct_option_ids"] = [right]
    return poll


def content(world: Any, body: dict[str, Any], *, answer_known: bool = False) -> dict[str, Any]:
    """Message fields for what a user sends through the control API (`/control/media`,
    `/control/forwards`); `answer_known`: a quiz's right answer is shown to the bot.

    body.kind is one of KINDS; files are stored with the given bytes (`content`, text) so the
    bot can getFile and download them. An album gives {"album": [items]} (`count` photos).
    Raises ValueError for an unknown kind."""
    kind = body.get("kind", "photo")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    data = str(body.get("content", "")).encode("utf-8") or b"\x00"
    if kind == "location":
        return {"location": _location(body)}
    if kind == "venue":
        venue = {
            "location": _location(body),
            "title": str(body.get("title", "Venue")),
            "address": str(body.get("address", "1 Main Street")),
        }
        return {"venue": venue, "location": venue["location"]}  # Telegram fills both
    if kind == "contact":
        contact: dict[str, Any] = {
            "phone_number": str(body.get("phone_number", "+8613800000000")),
            "first_name": str(body.get("first_name", "Contact")),
        }
        if body.get("contact_user_id") is not None:
            contact["user_id"] = int(body["contact_user_id"])
        return {"contact": contact}
    if kind == "poll":
        return {"poll": _poll(body, str(world.next_poll_id()), answer_known)}
    if kind == "dice":
        emoji = str(body.get("emoji", "🎲"))
        return {"dice": {"emoji": emoji, "value": int(body.get("value", 1)) % DICE[emoji] or 1}}
    if kind == "album":
        return {
            "album": [
                {"photo": photo_sizes(world.store_file(data, "photo.jpg"))}
                for _ in range(int(body.get("count", 2)))
            ]
        }
    stored = world.store_file(data, body.get("file_name"))
    ids = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    duration = int(body.get("duration", 3))
    if kind == "photo":
        return {"photo": photo_sizes(stored)}
    if kind == "document":
        return {"document": {**ids, "file_name": body.get("file_name", "file.pdf")}}
    if kind == "voice":
        return {"voice": {**ids, "duration": duration}}
    if kind == "audio":
        return {"audio": {**ids, "duration": duration, "title": body.get("title", "Audio")}}
    if kind == "video":
        return {"video": {**ids, "width": 640, "height": 360, "duration": duration}}
    if kind == "video_note":
        return {"video_note": {**ids, "length": 240, "duration": duration}}
    if kind == "animation":
        animation = {**ids, "width": 320, "height": 240, "duration": duration}
        # Telegram fills `document` too, for clients that know no animations.
        return {"animation": animation, "document": {**ids, "file_name": "animation.mp4"}}
    return {  # sticker
        "sticker": {
            **ids,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": body.get("emoji", "👍"),
        }
    }


def origin(
    kind: str,
    date: int,
    *,
    user: User | None = None,
    chat: Chat | None = None,
    name: str = "",
    message_id: int = 1,
) -> dict[str, Any]:
    """A MessageOrigin: `user` (a visible user), `hidden_user` (only the name they show,
    `name`), `chat` (sent on behalf of a group) or `channel` (a channel's post `message_id`).
    Raises ValueError for another kind, or without the user or chat it needs."""
    if kind == "user" and user is not None:
        return {"type": "user", "date": date, "sender_user": user.as_json()}
    if kind == "hidden_user":
        return {"type": "hidden_user", "date": date, "sender_user_name": name or "Anonymous"}
    if kind == "chat" and chat is not None:
        return {"type": "chat", "date": date, "sender_chat": chat.as_json()}
    if kind == "channel" and chat is not None:
        return {"type": "channel", "date": date, "chat": chat.as_json(), "message_id": message_id}
    raise ValueError(f"origin {kind!r} needs {'a user' if kind == 'user' else 'a chat'}")
