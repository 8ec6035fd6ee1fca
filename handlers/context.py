"""The context every handler and job gets: `context.desk`, typed, instead of reading
`bot_data` by key. build_application sets it with `ContextTypes(context=DeskContext)`."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.desk import Desk


class DeskContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """python-telegram-bot's context with the desk the Application carries."""

    @property
    def desk(self) -> Desk:
        """The desk (stored as `bot_data["desk"]` when the Application is built)."""
        desk = self.bot_data["desk"]
        assert isinstance(desk, Desk)
        return desk


CONTEXT_TYPES = ContextTypes(context=DeskContext)
