"""Tickets opened straight at the desk in the end-to-end tests (as the intake would open them,
without the conversation): many requesters' alike matters, an incident, in a few lines."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot import requesters, tickets
from bot.tickets import Opened

App = Application  # type: ignore[type-arg]


async def open_at_desk(
    application: App, user_id: int, language: str, *, publish: bool = False, **fields: Any
) -> Opened:
    """A ticket of `user_id` (its requester made on first contact) opened at the desk's instant
    with `fields` (question, category, ...); its alerts (a surge) published when `publish`."""
    desk = application.bot_data.desk
    async with desk.transaction() as tx:
        requester = await requesters.get_or_create_requester(
            session=tx.session,
            telegram_user_id=user_id,
            chat_id=user_id,
            language=language,
            now=tx.now,
        )
        opened = await tickets.open_ticket(
            session=tx.session, rules=desk.rules, requester_id=requester.id, now=tx.now, **fields
        )
        if publish:
            await tx.publish(opened.alerts)
    return opened
