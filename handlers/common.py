"""What every handler module needs: the desk the Application carries."""

from __future__ import annotations

from telegram.ext import ContextTypes

from bot.desk import Desk


def desk_of(context: ContextTypes.DEFAULT_TYPE) -> Desk:
    desk = context.application.bot_data["desk"]
    assert isinstance(desk, Desk)
    return desk
