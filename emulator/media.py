"""Files and media: what the bot uploads or names by file_id, and what users send."""

from __future__ import annotations

from typing import Any

from emulator.errors import api_error
from emulator.objects import StoredFile
from emulator.world import World


def bot_file(world: World, value: Any, default_name: str) -> StoredFile:
    """A file the bot sends: an upload (multipart part) or the file_id of a known file."""
    if hasattr(value, "file"):  # an aiohttp FileField
        return world.store_file(
            value.file.read(), getattr(value, "filename", None) or default_name
        )
    if isinstance(value, bytes):
        return world.store_file(value, default_name)
    if isinstance(value, str):
        return world.file(value)
    raise api_error("wrong_file_id")


def photo_sizes(stored: StoredFile) -> list[dict[str, Any]]:
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": 320,
            "height": 240,
            "file_size": len(stored.content),
        }
    ]


def user_content(world: World, body: dict[str, Any]) -> dict[str, Any]:
    """Message fields for what a user sends through the control API.

    body.kind is photo, document, voice, location, sticker or album; files are stored with
    the given bytes (`content`, text) so the bot can getFile and download them.
    """
    kind = body.get("kind", "photo")
    data = str(body.get("content", "")).encode("utf-8") or b"\x00"
    if kind == "location":
        return {
            "location": {
                "latitude": float(body["latitude"]),
                "longitude": float(body["longitude"]),
            }
        }
    if kind == "album":
        return {
            "album": [
                {"photo": photo_sizes(world.store_file(data, "photo.jpg"))}
                for _ in range(int(body.get("count", 2)))
            ]
        }
    stored = world.store_file(data, body.get("file_name"))
    ids = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    if kind == "photo":
        return {"photo": photo_sizes(stored)}
    if kind == "document":
        return {"document": {**ids, "file_name": body.get("file_name", "file.pdf")}}
    if kind == "voice":
        return {"voice": {**ids, "duration": int(body.get("duration", 3))}}
    if kind == "sticker":
        return {
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
    raise ValueError(f"unknown kind {kind!r}")
