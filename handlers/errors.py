"""The last resort: log what went wrong and tell the person politely, never stay silent."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import DeskContext

log = logging.getLogger(__name__)
APOLOGY = {
    "zh": "抱歉,系统刚才出了点问题,您的消息没有丢失。请稍后再试,或发送「转人工」。",
    "en": (
        "Sorry, something went wrong on our side; your message is not lost."
        " Please try again, or send 'human'."
    ),
}


async def on_error(update: object, context: DeskContext) -> None:
    log.error("update %r failed", update, exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(update, Update) and chat is not None and chat.type == "private":
        code = (update.effective_user.language_code or "") if update.effective_user else ""
        text = APOLOGY["zh" if code.startswith("zh") else "en"]
        try:
            await context.bot.send_message(chat.id, text)
        except Exception:
            log.exception("could not apologise in chat %s", chat.id)
