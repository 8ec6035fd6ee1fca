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
