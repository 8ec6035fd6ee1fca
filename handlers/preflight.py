"""`python -m bot check`: is this installation set up right? Before the service runs, and
without changing anything: the configuration and the knowledge base (read by the caller, as
`check-config` does), the database (bot/preflight.py: reachable, migrated), and with a token,
Telegram: the token is accepted (getMe), and for every configured chat (each department's
staff group, the management chat) the bot is a member, an administrator of each staff group
(it posts cards, edits them, opens topics), and in a staff group that is a forum it may
manage topics. Every problem is one line saying what is wrong and how to fix it; the exit
status is 1 when there is any, else 0.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot, ChatMember, ChatMemberAdministrator
from telegram.error import Forbidden, InvalidToken, TelegramError

from bot.config import Environment, Settings
from bot.preflight import database_problems
from handlers.runtime.transport import AiohttpRequest

ADMIN_STATUSES = (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


@dataclass(frozen=True)
class Place:
    """A chat the configuration names: the field, its id, and whether the bot must be an
    administrator there (staff groups: README, "Running against real Telegram")."""

    field: str
    chat_id: int
    staff_group: bool


def places(settings: Settings) -> list[Place]:
    """Every chat in the configuration, staff groups first."""
    found = [
        Place(f"departments.{d.key}.staff_group_chat_id", d.staff_group_chat_id, True)
        for d in settings.departments
    ]
    found.append(Place("management.chat_id", settings.management.chat_id, False))
    return found


async def telegram_problems(
    settings: Settings, token: str, base_url: str | None = None
) -> tuple[list[str], list[str]]:
    """(problems, what was found) from Telegram, or from the Bot API server at `base_url`."""
    api = base_url or "https://api.telegram.org"
    bot = Bot(token, f"{api}/bot", f"{api}/file/bot", request=AiohttpRequest(connections=1))
    try:
        await bot.initialize()  # getMe
    except (InvalidToken, Forbidden) as error:
        refused = f"SHOUWEN_BOT_TOKEN: Telegram refuses the token ({error}): copy it again"
        return [f"{refused} from @BotFather"], []
    except TelegramError as error:
        unreachable = f"Telegram not reachable (getMe: {error}): check the network"
        return [f"{unreachable}, or SHOUWEN_BOT_API_URL if a local Bot API server is meant"], []
    problems: list[str] = []
    found = [f"telegram: the token is @{bot.username}'s (id {bot.id})"]
    try:
        for place in places(settings):
            problem, note = await _check(bot, place)
            if problem is not None:
                problems.append(f"{place.field} ({place.chat_id}): {problem}")
            else:
                found.append(f"{place.field} ({place.chat_id}): {note}")
    finally:
        await bot.shutdown()
    return problems, found


async def _check(bot: Bot, place: Place) -> tuple[str | None, str]:
    """One chat: (the problem with its fix, or None; what was found)."""
    name = f"@{bot.username}"
    try:
        chat = await bot.get_chat(place.chat_id)
    except Forbidden as error:
        return f"the bot was removed from this chat ({error}): add {name} again", ""
    except TelegramError as error:
        return (
            f"Telegram does not know this chat for the bot ({error}): check the id (a group's"
            f" is negative, -100...), and add {name} to the group",
            "",
        )
    if chat.type not in (chat.GROUP, chat.SUPERGROUP):
        return f"a {chat.type} chat, not a group: give the id of a group {name} is in", ""
    try:
        member = await bot.get_chat_member(place.chat_id, bot.id)
    except TelegramError as error:
        return f"the bot's membership could not be read ({error}): add {name} to the group", ""
    title = f"{chat.title!r}"
    if member.status in (ChatMember.LEFT, ChatMember.BANNED):
        return f"{name} is not a member of {title} ({member.status}): add it to the group", ""
    if place.staff_group and member.status not in ADMIN_STATUSES:
        return (
            f"{name} is not an administrator of {title}: make it one (it opens a topic for"
            " each ticket and edits the cards)",
            "",
        )
    if not place.staff_group:
        return None, f"{title}: {name} is a member"
    if not chat.is_forum:
        return None, f"{title}: {name} is an administrator; no topics (tickets go as replies)"
    if isinstance(member, ChatMemberAdministrator) and not member.can_manage_topics:
        return (
            f"{title} is a forum but {name} may not manage topics: give it the 'Manage"
            " topics' right",
            "",
        )
    return None, f"{title}: {name} is an administrator and manages topics"


async def check(settings: Settings, environment: Environment, config: Path, templates: int) -> int:
    """Run every check and print: what was found on stdout, one line per problem on stderr;
    1 when there was a problem, else 0. `templates`: how many the knowledge base holds (the
    caller read it, refusing a bad one as check-config does)."""
    print(f"{config}: ok ({len(settings.departments)} departments, {templates} templates)")
    problems, database = await database_problems(environment.database_url)
    found = [database]
    if environment.bot_token:
        telegram, seen = await telegram_problems(
            settings, environment.bot_token, environment.bot_api_url
        )
        problems, found = [*problems, *telegram], [*found, *seen]
    else:
        offline = "the service would run offline, against the emulation"
        found.append(f"telegram: not checked: no SHOUWEN_BOT_TOKEN ({offline})")
    for line in found:
        if line:
            print(line)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0
