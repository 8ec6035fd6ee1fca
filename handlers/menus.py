"""The bot's command menus, per scope: requesters in private chats, each staff group, the
officers' private chats (what staff do there, and /new to ask as a citizen), and the
supervisors (their private chats and the management chat), in every supported language."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.desk import Desk
from handlers.context import DeskApplication

log = logging.getLogger(__name__)


def commands(desk: Desk, menu: str, language: str) -> list[BotCommand]:
    """`menu_<menu>.j2` holds one 'command - description' per line."""
    lines = desk.texts.render(f"menu_{menu}", language).splitlines()
    return [BotCommand(*(part.strip() for part in line.split(" - ", 1))) for line in lines if line]


def commands_here(desk: Desk, chat_id: int) -> list[str]:
    """The menu of a staff place ("command - description" lines): the supervisors' in the
    management chat, else the staff's."""
    menu = "supervisor" if chat_id == desk.settings.management.chat_id else "staff"
    language = desk.settings.languages.default
    return [line for line in desk.texts.render(f"menu_{menu}", language).splitlines() if line]


# Staff do with a button what this word would name: a requester may still type it.
_BUTTON_WORDS = ("claim",)


def staff_commands(desk: Desk) -> frozenset[str]:
    """The names of the staff's and the supervisors' commands (their menus), and /claim."""
    language = desk.settings.languages.default
    menus = [*commands(desk, "staff", language), *commands(desk, "supervisor", language)]
    return frozenset([*(c.command for c in menus), *_BUTTON_WORDS])


def scopes(desk: Desk) -> list[tuple[BotCommandScope, str]]:
    """Each scope with the menu it gets; a chat-specific menu replaces the general one (an
    officer's private chat is a chat of its own: BotCommandScopeChat with their user id, the
    requesters' menu otherwise; a supervisor's, or management's, gets the supervisors')."""
    settings = desk.settings
    staff = desk.rules.staff
    chosen: list[tuple[BotCommandScope, str]] = [(BotCommandScopeAllPrivateChats(), "requester")]
    for department in settings.departments:
        chosen.append((BotCommandScopeChat(department.staff_group_chat_id), "staff"))
        chosen += [
            (BotCommandScopeChat(p.user_id), "officer")
            for p in department.officers
            if not staff.is_supervisor(p.user_id) and not staff.is_management(p.user_id)
        ]
        chosen += [(BotCommandScopeChat(p.user_id), "supervisor") for p in department.supervisors]
    chosen.append((BotCommandScopeChat(settings.management.chat_id), "supervisor"))
    chosen += [
        (BotCommandScopeChat(user_id), "supervisor") for user_id in settings.management.user_ids
    ]
    return chosen


async def set_menus(application: DeskApplication) -> None:
    """Set every menu; a chat Telegram refuses (the bot not in it yet) is logged and skipped."""
    desk = application.bot_data.desk
    default = desk.settings.languages.default
    for scope, menu in scopes(desk):
        for language in desk.texts.supported:
            try:
                await application.bot.set_my_commands(
                    commands(desk, menu, language),
                    scope=scope,
                    language_code=None if language == default else language,
                )
            except TelegramError as refused:
                log.warning("menu %s for %s not set: %s", menu, scope.to_dict(), refused)
