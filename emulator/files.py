"""What the emulation keeps for the bot to name again later: files the bot and users upload,
stored whole under `file_id` (the id a bot passes back) and `file_unique_id`, and the ids of
polls, as Telegram names them."""

from __future__ import annotations

from collections.abc import Iterator

from emulator.errors import api_error
from emulator.objects import StoredFile


class Files:
    """The file store of `World` (a part of it): `files` by file_id, numbered from
    `_file_ids`, and poll ids from `_polls`, all set by `World.__init__`."""

    files: dict[str, StoredFile]
    _file_ids: Iterator[int]
    _polls: Iterator[int]

    def next_poll_id(self) -> int:
        """A new poll's id (Telegram's are large numbers, sent as strings)."""
        return next(self._polls)

    def store_file(self, content: bytes, file_name: str | None = None) -> StoredFile:
        """`content` stored as a new file; its ids are FILE00000001, U00000001, ..."""
        number = next(self._file_ids)
        stored = StoredFile(f"FILE{number:08d}", f"U{number:08d}", content, file_name)
        self.files[stored.file_id] = stored
        return stored

    def file(self, file_id: str) -> StoredFile:
        """The stored file; `api_error("wrong_file_id")` (Telegram's 400) for an unknown id."""
        stored = self.files.get(file_id)
        if stored is None:
            raise api_error("wrong_file_id")
        return stored
