"""The command menu a person sees in a chat, as Telegram chooses it among the menus the bot
set (setMyCommands, by scope and language): the Bot API's "Determining list of commands".
The first scope of the chat's order that has commands for the person's language, or for no
language in particular, wins:

- a private chat: the chat (BotCommandScopeChat), all private chats, the default;
- a group: the member in that chat (BotCommandScopeChatMember), the chat's administrators
  (if they are one), the chat, all chats' administrators (if they are one), all group
  chats, the default.

Within a scope the person's language (their `language_code`, or its primary subtag: "en"
for "en-US") comes before the commands set for no language. An empty list is no menu (as
Telegram, which takes setMyCommands with no commands for deleteMyCommands)."""

from __future__ import annotations

from typing import Any

Menus = dict[tuple[str, str], list[dict[str, str]]]


def scopes(chat: Any, user_id: int) -> list[str]:
    """The scopes' keys (emulator/methods.py `_scope_key`) in the order Telegram tries them
    for `user_id` in `chat`."""
    if chat.type == "private":
        return [f"chat:{chat.id}", "all_private_chats", "default"]
    admin = user_id in chat.admins
    order = [f"chat_member:{chat.id}:{user_id}"]
    order += [f"chat_administrators:{chat.id}"] if admin else []
    order.append(f"chat:{chat.id}")
    order += ["all_chat_administrators"] if admin else []
    return [*order, "all_group_chats", "default"]


def shown(menus: Menus, chat: Any, user: Any) -> list[dict[str, str]]:
    """The commands `user` sees in `chat`'s menu (none: an empty list)."""
    code = user.language_code or ""
    languages = [code, code.split("-")[0], ""] if code else [""]
    for scope in scopes(chat, user.id):
        for language in dict.fromkeys(languages):
            commands = menus.get((scope, language))
            if commands:
                return commands
    return []
