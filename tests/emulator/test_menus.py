"""Which menu Telegram shows (the Bot API's "Determining list of commands"), as the emulation
chooses it among the menus set by scope and language."""

from __future__ import annotations

from emulator.menus import Menus, shown
from emulator.objects import Chat, User

A, B, C, D = ([{"command": c, "description": c}] for c in "abcd")


def test_a_private_chat_takes_its_own_then_all_private_then_the_default() -> None:
    user = User(7, "x", "en-US")
    chat = Chat(7, "private", user=user, members={7})
    menus: Menus = {("default", ""): A}
    assert shown(menus, chat, user) == A
    menus[("all_private_chats", "")] = B
    assert shown(menus, chat, user) == B
    menus[("all_private_chats", "en")] = C  # the user's language before no language
    assert shown(menus, chat, user) == C
    menus[("chat:7", "zh")] = D  # another language's: not theirs
    assert shown(menus, chat, user) == C
    menus[("chat:7", "")] = D
    assert shown(menus, chat, user) == D
    menus[("chat:7", "")] = []  # an empty list is no menu
    assert shown(menus, chat, user) == C


def test_a_group_takes_the_member_then_administrators_then_the_chat() -> None:
    user = User(7, "x", "zh")
    group = Chat(-100, "supergroup", members={7})
    menus: Menus = {("all_group_chats", ""): A, ("all_chat_administrators", ""): B}
    assert shown(menus, group, user) == A  # not an administrator
    group.admins.add(7)
    assert shown(menus, group, user) == B
    menus[("chat:-100", "")] = C
    assert shown(menus, group, user) == C
    menus[("chat_administrators:-100", "")] = D
    assert shown(menus, group, user) == D
    menus[("chat_member:-100:7", "zh")] = A
    assert shown(menus, group, user) == A
