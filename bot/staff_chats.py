"""Staff chats that change under the bot (issue 15): a staff group upgraded to a supergroup,
and a staff chat the bot cannot send to (removed from it, or without the right to manage
topics).

- Upgraded: Telegram gives the supergroup a new id and refuses sends to the old one. The desk
  follows the new id at once (`moved_and_tell`): the move is stored (`chat_moves`), every
  message still to be sent and every ticket in the group go to the new id, the desk's copy of
  the configuration says it (`follow`, also at every start and sweep, so other processes and
  restarts follow too), and the department's supervisors and management are told, with the id
  to write into config.yaml (`python -m bot check-config` says it too: `advice`).
- Unusable: what is to be sent there waits in the outbox, parked (not lost, not tried again
  in a loop), and the supervisors and management hear it at once (`paused_and_tell`); when the
  bot is back with the rights it needs, the parked messages go, and they hear that too
  (`back_and_tell`); a notice of the chat's absence still waiting then is dropped (no longer
  true). When the chat is the management chat itself, its members hear both in private.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.config import Settings
from bot.db import create_engine, is_sqlite, session_factory, sqlite_path
from bot.models import ChatMove, OutboxMessage, PausedChat, Ticket
from bot.notices import CARD_REFRESH, Audience, Notice, address, publish
from bot.outgoing import Outgoing
from bot.rules import Rules
from bot.transaction import Transaction


@dataclass(frozen=True)
class Place:
    """What a chat is to the desk: the departments whose staff group it is, and whether it is
    the management chat (neither: a chat the desk does not use)."""

    departments: tuple[str, ...]
    management: bool

    @property
    def known(self) -> bool:
        return bool(self.departments) or self.management


def place_of(settings: Settings, chat_id: int) -> Place:
    departments = tuple(d.key for d in settings.departments if d.staff_group_chat_id == chat_id)
    return Place(departments, settings.management.chat_id == chat_id)


def follow(settings: Settings, moves: dict[int, int]) -> Settings:
    """The configuration with each moved chat's new id (old id -> new id) in place of the old
    one; the same object when nothing moved."""

    def now(chat_id: int) -> int:
        while chat_id in moves:
            chat_id = moves[chat_id]
        return chat_id

    departments = [
        d.model_copy(update={"staff_group_chat_id": now(d.staff_group_chat_id)})
        for d in settings.departments
    ]
    management = settings.management.model_copy(
        update={"chat_id": now(settings.management.chat_id)}
    )
    if departments == settings.departments and management == settings.management:
        return settings
    return settings.model_copy(update={"departments": departments, "management": management})


def advice(settings: Settings, moves: dict[int, int]) -> list[str]:
    """For `python -m bot check-config`: each configured chat id Telegram has moved, as a line
    saying which id to write into config.yaml."""
    followed = follow(settings, moves)
    lines = []
    for before, after in zip(settings.departments, followed.departments, strict=True):
        if before.staff_group_chat_id != after.staff_group_chat_id:
            lines.append(
                f"departments.{before.key}.staff_group_chat_id: the group"
                f" {before.staff_group_chat_id} was upgraded to a supergroup; write"
                f" {after.staff_group_chat_id} into config.yaml"
            )
    if settings.management.chat_id != followed.management.chat_id:
        lines.append(
            f"management.chat_id: the group {settings.management.chat_id} was upgraded to a"
            f" supergroup; write {followed.management.chat_id} into config.yaml"
        )
    return lines


async def moves(*, session: AsyncSession) -> dict[int, int]:
    """Every stored move, old id -> new id."""
    rows = await session.execute(select(ChatMove.old_chat_id, ChatMove.new_chat_id))
    return {old: new for old, new in rows}


def _told(place: Place, settings: Settings) -> Notice:
    """A notice's audience for a chat: its departments' supervisors and management (every
    department's supervisors for the management chat itself)."""
    departments = place.departments or tuple(d.key for d in settings.departments)
    return Notice("", Audience.supervising(), departments=departments)


def _notice(kind: str, place: Place, settings: Settings, values: dict[str, object]) -> Notice:
    base = _told(place, settings)
    return Notice(kind, base.audience, values=values, departments=base.departments)


async def _tell(
    tx: Transaction, rules: Rules, kind: str, place: Place, values: dict[str, object]
) -> None:
    """Tell the supervisors and management (`_told`) about a chat; when it is the management
    chat itself, its members too, in their private chats: the chat may be the very one the
    bot cannot reach."""
    notice = _notice(kind, place, rules.settings, values)
    addressed = address(rules, [notice])
    if place.management:
        told = {m.chat_id for m in addressed}
        language = rules.settings.languages.default
        addressed += [
            Outgoing(user, language, kind, dict(values), None, str(Audience.MANAGEMENT))
            for user in rules.settings.management.user_ids
            if user not in told
        ]
    await tx.publish(addressed)


async def _drop_stale_absence(*, session: AsyncSession, chat_id: int, now: datetime) -> None:
    """The notices that the bot cannot reach `chat_id` still waiting to be sent (in that chat
    itself, parked with the rest, or in another chat the bot could not reach either): not
    true any more, marked done (outbox.SKIPPED) without being sent."""
    waiting = await session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.template == "staff_group_paused",
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
        )
    )
    for row in waiting:
        if row.context.get("chat_id") == chat_id:
            row.sent_at, row.last_error = now, f"{outbox.SKIPPED}: the chat is back"
    await session.flush()


async def moved_and_tell(
    *, tx: Transaction, rules: Rules, old_chat_id: int, new_chat_id: int
) -> Settings | None:
    """Telegram upgraded the group `old_chat_id` to the supergroup `new_chat_id` (its service
    message, or its refusal of a send with migrate_to_chat_id). Stored once; the messages still
    to be sent there and its tickets go to the new id; the configuration as the desk must now
    follow it is returned (None when the chat is none of the desk's or the move was known:
    then only messages still addressed to the old id are moved). The supervisors and
    management hear it (`staff_group_moved`, values `old_chat_id`, `new_chat_id`,
    `departments`, `management`) in the new chat's place, once."""
    session = tx.session
    await outbox.move(session=session, old_chat_id=old_chat_id, new_chat_id=new_chat_id)
    place = place_of(rules.settings, old_chat_id)
    if await session.get(ChatMove, old_chat_id) is not None or not place.known:
        return None
    session.add(ChatMove(old_chat_id=old_chat_id, new_chat_id=new_chat_id, moved_at=tx.now))
    await session.execute(
        update(Ticket).where(Ticket.staff_chat_id == old_chat_id).values(staff_chat_id=new_chat_id)
    )
    paused = await session.get(PausedChat, old_chat_id)
    if paused is not None:  # the pause is the group's, whatever its id
        await session.delete(paused)
        session.add(PausedChat(chat_id=new_chat_id, reason=paused.reason, since=paused.since))
    settings = follow(rules.settings, {old_chat_id: new_chat_id})
    rules.settings = settings  # addressed from now on to the new id
    values = {
        "old_chat_id": old_chat_id,
        "new_chat_id": new_chat_id,
        "departments": list(place.departments),
        "management": place.management,
    }
    await publish(tx, rules, [_notice("staff_group_moved", place, settings, values)])
    return settings


async def paused_and_tell(
    *, tx: Transaction, rules: Rules, chat_id: int, reason: str
) -> frozenset[int] | None:
    """The bot cannot send to the staff chat `chat_id` now (`reason`: kicked, left,
    no_topic_rights, or not_found: Telegram knows no such chat, deleted or a wrong id): what
    is to be sent there is parked; the supervisors and management are told
    (`staff_group_paused`, values `chat_id`, `reason`, `was`: the reason it was paused for
    before, None the first time, `departments`, `management`) the first time, and again when
    the reason changes (the bot added back, but without the right to manage topics: the
    stored reason follows). The ids of the outbox rows parked (a sender lets go of those and
    keeps what was saved meanwhile); None for a chat that is none of the desk's (nothing is
    parked: its messages fail as before)."""
    place = place_of(rules.settings, chat_id)
    if not place.known:
        return None
    session = tx.session
    parked = await outbox.park(session=session, chat_id=chat_id, error=f"paused: {reason}")
    paused = await session.get(PausedChat, chat_id)
    was = None if paused is None else paused.reason
    if paused is None:
        session.add(PausedChat(chat_id=chat_id, reason=reason, since=tx.now))
    elif was == reason:
        return parked
    else:
        paused.reason = reason
        if reason == "no_topic_rights":
            # Back in the group: what needs no topic goes; what does is parked again.
            await outbox.unpark(session=session, chat_id=chat_id, now=tx.now)
    await session.flush()
    values = {
        "chat_id": chat_id,
        "reason": reason,
        "was": was,
        "departments": list(place.departments),
        "management": place.management,
    }
    await _tell(tx, rules, "staff_group_paused", place, values)
    return parked


async def back_and_tell(*, tx: Transaction, rules: Rules, chat_id: int) -> int | None:
    """The bot can send to the staff chat `chat_id` again: the parked messages are due now (in
    their order), and the supervisors and management hear it (`staff_group_back`, values
    `chat_id`, `count`: how many messages waited, not counting the edits of a card that waited
    with them, `departments`, `management`). None when it was not paused."""
    session = tx.session
    paused = await session.get(PausedChat, chat_id)
    if paused is None:
        return None
    await session.delete(paused)
    await _drop_stale_absence(session=session, chat_id=chat_id, now=tx.now)
    edits = await session.scalar(
        select(func.count()).where(
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.template == CARD_REFRESH,
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at >= outbox.PARKED,
        )
    )
    count = await outbox.unpark(session=session, chat_id=chat_id, now=tx.now) - int(edits or 0)
    place = place_of(rules.settings, chat_id)
    values = {
        "chat_id": chat_id,
        "count": count,
        "departments": list(place.departments),
        "management": place.management,
    }
    await _tell(tx, rules, "staff_group_back", place, values)
    return count


def usable(status: str, can_manage_topics: bool, is_forum: bool) -> bool:
    """Whether the bot can do its work in a staff chat with this membership (a my_chat_member
    update's new status): in it, and in a forum an administrator that may manage topics (a
    ticket's topic is opened by the bot)."""
    if status in ("administrator", "creator"):
        return can_manage_topics or not is_forum
    return status in ("member", "restricted") and not is_forum


async def stored_advice(settings: Settings, database_url: str) -> list[str]:
    """`advice` from the moves stored at `database_url`: none when the database cannot be read
    or holds none (check-config does not need a database; `python -m bot check` says if it is
    unreachable)."""
    if is_sqlite(database_url) and not sqlite_path(database_url).exists():
        return []
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            return advice(settings, await moves(session=session))
    except Exception:  # unreachable, or not yet migrated: nothing stored to advise from
        return []
    finally:
        await engine.dispose()
