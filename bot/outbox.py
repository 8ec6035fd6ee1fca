"""The outbox: every message the bot sends is stored in the transaction that decided it,
and marked sent only once Telegram accepted it.

Two kinds of message wait here: the core's (sweep notices, escalations, alerts: a template and
its values, rendered when sent) and the front's (a reply, a card, a copy: a ready Bot API call).
A crash between deciding and sending loses nothing (the message waits here); a crash between
Telegram accepting and the mark repeats at most the messages in flight, one per chat.

Who sends what: a transaction opened while the runtime sends (bot/transaction.py) leases its
messages to this process for LEASE and hands them to the sender once committed; anything else,
and whatever a lease left behind (a crash), is claimed by `claim_due`.
Several processes on one PostgreSQL share the table: claiming takes rows with SKIP LOCKED and
leases them in the same transaction, so no two processes send one message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Integer, Table, any_, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.db import skip_locked
from bot.models import OutboxMessage
from bot.outgoing import Outgoing

_TABLE = cast(Table, OutboxMessage.__table__)
_WHEN = "__datetime__"
# Built once, the statements of every message: constructing one costs more than running it.
_INSERT = insert(_TABLE).returning(_TABLE.c.id, sort_by_parameter_order=True)
# SQLite: SQLAlchemy cannot tell which returned id is which row's there, so with the order
# asked for it inserts one row per statement. SQLite's one writer numbers a statement's rows
# in the order of its VALUES: all in one statement, the ids sorted are the rows' in order.
_INSERT_NUMBERED_IN_ORDER = insert(_TABLE).returning(_TABLE.c.id)
_SENT = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("sent_id"))
    .values(sent_at=bindparam("sent_when"), last_error=bindparam("sent_note"))
)
# How long a message handed to a sender is left to it before another may take it over.
LEASE = timedelta(seconds=10)


@dataclass(frozen=True)
class Call:
    """A message the front decided on, as the Bot API call that sends it."""

    chat_id: int
    method: str  # sendMessage, copyMessage, editMessageText, editMessageReplyMarkup, ...
    params: dict[str, Any]  # the call's parameters as JSON, chat_id included
    kind: str = "reply"  # what it is, for logs and figures
    ticket_id: int | None = None
    in_topic: bool = False  # into the ticket's forum topic, as it is when sent
    # What to record once sent: "card", "link", "form", "alert", "asked" or "topic"
    # (bot/delivery.py).
    after: str | None = None


@dataclass(eq=False)
class Queued:
    """An outbox row on its way: either a core message or a front call."""

    id: int
    chat_id: int
    attempts: int
    leased_until: datetime
    message: Outgoing | None = None
    # A front call; for a core message, the call the front presented it as (once tried).
    call: Call | None = None
    reopened_topic: bool = False  # it found its ticket's topic gone and opened a new one
    created_at: datetime | None = None  # when it was decided on (written)

    @property
    def kind(self) -> str:
        if self.call is not None:
            return self.call.kind
        assert self.message is not None
        return self.message.template


def _encode(value: Any) -> Any:
    """JSON for a template context: instants as tagged ISO strings, the rest as it is."""
    if isinstance(value, datetime):
        return {_WHEN: value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_WHEN}:
            return datetime.fromisoformat(value[_WHEN])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _row(item: Outgoing | Call, now: datetime, at: datetime, holder: str | None) -> dict[str, Any]:
    common = {"created_at": now, "next_attempt_at": at, "attempts": 0, "leased_by": holder}
    if isinstance(item, Call):
        call = {"method": item.method, "params": item.params, "in_topic": item.in_topic}
        if item.after is not None:
            call["after"] = item.after
        return {
            "chat_id": item.chat_id,
            "language": "",
            "template": item.kind,
            "context": {},
            "call": call,
            "ticket_id": item.ticket_id,
            "audience": None,
            **common,
        }
    return {
        "chat_id": item.chat_id,
        "language": item.language,
        "template": item.template,
        "context": _encode(item.context),
        "call": None,
        "ticket_id": item.ticket_id,
        "audience": item.audience,
        **common,
    }


async def enqueue(
    *,
    session: AsyncSession,
    messages: Iterable[Outgoing | Call],
    now: datetime,
    lease_until: datetime | None = None,
    holder: str | None = None,
) -> list[Queued]:
    """Store messages to send, in the caller's transaction: due at once, or with `lease_until`
    leased to the caller (the sender `holder`) until then (it hands them to its sender once
    committed). The rows as they are queued, in the order given."""
    items = list(messages)
    if not items:
        return []
    connection = await session.connection()
    return await connection.run_sync(
        lambda sync: enqueue_on(sync, items, now, lease_until=lease_until, holder=holder)
    )


def enqueue_on(
    connection: Connection,
    items: Sequence[Outgoing | Call],
    now: datetime,
    *,
    lease_until: datetime | None = None,
    holder: str | None = None,
) -> list[Queued]:
    """`enqueue` on a connection of SQLAlchemy's synchronous layer (bot/transaction.py writes
    a transaction's messages, its update's mark and its commit in one call)."""
    if not items:
        return []
    at = now if lease_until is None else lease_until
    holder = holder if lease_until is not None else None
    rows = [_row(i, now, at, holder) for i in items]
    if connection.dialect.name == "sqlite":
        ids = sorted(connection.execute(_INSERT_NUMBERED_IN_ORDER, rows).scalars())
    else:
        ids = list(connection.execute(_INSERT, rows).scalars())
    return [
        Queued(message_id, item.chat_id, 0, at, call=item)
        if isinstance(item, Call)
        else Queued(message_id, item.chat_id, 0, at, message=item)
        for message_id, item in zip(ids, items, strict=True)
    ]


def _queued(row: OutboxMessage, leased_until: datetime) -> Queued:
    if row.call is not None:
        call = Call(
            chat_id=row.chat_id,
            method=row.call["method"],
            params=row.call["params"],
            kind=row.template,
            ticket_id=row.ticket_id,
            in_topic=bool(row.call.get("in_topic")),
            after=row.call.get("after"),
        )
        return Queued(
            row.id, row.chat_id, row.attempts, leased_until, call=call, created_at=row.created_at
        )
    message = Outgoing(
        row.chat_id,
        row.language,
        row.template,
        _decode(row.context),
        row.ticket_id,
        row.audience,
    )
    return Queued(
        row.id, row.chat_id, row.attempts, leased_until, message=message, created_at=row.created_at
    )


async def claim_due(
    *, session: AsyncSession, now: datetime, limit: int = 200, holder: str | None = None
) -> list[Queued]:
    """Take unsent messages whose time has come, oldest first, leased to the caller (the
    sender `holder`)."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    rows = list(await session.scalars(skip_locked(query, session)))
    until = now + LEASE
    if rows:
        await renew(session=session, message_ids=[r.id for r in rows], until=until, holder=holder)
    return [_queued(row, until) for row in rows]


async def renew(
    *,
    session: AsyncSession,
    message_ids: Sequence[int],
    until: datetime,
    holder: str | None = None,
) -> None:
    """Lease messages not yet sent to the sender `holder` until `until` (None and an earlier
    `until`: given back)."""
    values = {"next_attempt_at": until, "leased_by": holder}
    if session.get_bind().dialect.name != "sqlite":
        await session.execute(_RENEW, {"renewed": list(message_ids), **values})
        return
    unsent = _TABLE.c.id.in_(message_ids) & _TABLE.c.sent_at.is_(None)  # one writer: no lock
    await session.execute(update(_TABLE).where(unsent).values(**values))


# PostgreSQL: the rows locked in id order, the marker's (`sent_many_on`): by a list of ids an
# UPDATE takes rows in physical order, and it deadlocked with the marker. The ids as one array:
# a busy staff group's backlog is thousands, and an IN list was a parameter each, the text new
# for every count (parsed, planned and prepared again each time).
_LOCKED = (
    select(_TABLE.c.id)
    .where(_TABLE.c.id == any_(bindparam("renewed", type_=postgresql.ARRAY(Integer))))
    .order_by(_TABLE.c.id)
    .with_for_update()
    .subquery()
)
_RENEW = (
    update(_TABLE)
    .where(_TABLE.c.id == _LOCKED.c.id, _TABLE.c.sent_at.is_(None))
    .values(next_attempt_at=bindparam("next_attempt_at"), leased_by=bindparam("leased_by"))
)


SKIPPED = "skipped"  # the note on a message done with and found not needed (see the front)


async def sent(
    *, connection: AsyncConnection, message_id: int, now: datetime, note: str | None = None
) -> None:
    """Telegram has it (or, with note=SKIPPED, it turned out not to be needed). On a bare
    connection: marking is what the sender does most."""
    await connection.execute(_SENT, {"sent_id": message_id, "sent_when": now, "sent_note": note})


async def sent_many(
    *, connection: AsyncConnection, marks: Sequence[tuple[int, str | None]], now: datetime
) -> None:
    """`sent` for several messages at once: (id, note) each. In the order of their ids, as
    `renew` takes them: two transactions on the same rows (the marks, and the poll keeping
    the leases of what waits for them) then never deadlock."""
    await connection.run_sync(sent_many_on, marks, now)


def sent_many_on(
    connection: Connection, marks: Sequence[tuple[int, str | None]], now: datetime
) -> None:
    """`sent_many` on a connection of SQLAlchemy's synchronous layer."""
    connection.execute(
        _SENT,
        [
            {"sent_id": i, "sent_when": now, "sent_note": note}
            for i, note in sorted(marks, key=lambda m: m[0])
        ],
    )


async def retry(
    *, session: AsyncSession, message_id: int, attempts: int, at: datetime, error: str
) -> None:
    """Try again at `at` (the caller chose the backoff and its jitter)."""
    await session.execute(
        update(_TABLE)
        .where(_TABLE.c.id == message_id)
        .values(attempts=attempts, next_attempt_at=at, last_error=error[:500])
    )


# The start of `last_error` on a message given up because its requester had blocked the bot,
# and what it becomes once the requester is back and the message was dealt with (sent again,
# or found superseded: bot/delivery.py `reachable_again_and_tell`).
UNREACHABLE = "unreachable: "
DEALT_WITH = "requester back: "


async def failed(*, session: AsyncSession, message_id: int, now: datetime, error: str) -> None:
    """Given up on: Telegram refuses it for good (the chat blocked the bot, say)."""
    await session.execute(
        update(_TABLE)
        .where(_TABLE.c.id == message_id)
        .values(failed_at=now, last_error=error[:500])
    )


async def undelivered(*, session: AsyncSession, chat_id: int) -> list[Queued]:
    """The messages to `chat_id` given up because it had blocked the bot (UNREACHABLE) and
    not yet dealt with since, oldest first, as they were stored (their `leased_until` is
    meaningless: they are not to be sent as they are, but published again)."""
    rows = await session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.failed_at.is_not(None),
            OutboxMessage.last_error.startswith(UNREACHABLE),
        )
        .order_by(OutboxMessage.id)
    )
    return [_queued(row, datetime.min) for row in rows]


async def dealt_with(*, session: AsyncSession, message_ids: Sequence[int], how: str) -> None:
    """Undelivered messages dealt with now that their requester is back: `how` ("sent again
    as a new message", "superseded", ...) noted after DEALT_WITH, so they are never taken up
    again."""
    if message_ids:
        await session.execute(
            update(_TABLE)
            .where(_TABLE.c.id.in_(message_ids))
            .values(last_error=(DEALT_WITH + how)[:500])
        )


# The next attempt of a message parked for a chat the bot cannot send to now: never, until
# the chat is back (`unpark`).
PARKED = datetime(2999, 1, 1, tzinfo=UTC)


async def park(*, session: AsyncSession, chat_id: int, error: str) -> frozenset[int]:
    """Hold every message still to be sent to `chat_id` until `unpark` (none is lost, none
    tried again meanwhile; leased to nobody, so that whoever takes them then sends them before
    what came after). The ids parked: a message saved meanwhile is not among them, and its
    sender keeps it (it was never parked, nobody else would take it up before its lease ran
    out)."""
    result = await session.execute(
        update(_TABLE)
        .where(_unsent(chat_id))
        .values(next_attempt_at=PARKED, last_error=error[:500], leased_by=None)
        .returning(_TABLE.c.id)
    )
    return frozenset(result.scalars())


async def unpark(*, session: AsyncSession, chat_id: int, now: datetime) -> int:
    """The messages parked for `chat_id` are due again at `now`; how many."""
    result = await session.execute(
        update(_TABLE)
        .where(_unsent(chat_id), _TABLE.c.next_attempt_at >= PARKED)
        .values(next_attempt_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def move(*, session: AsyncSession, old_chat_id: int, new_chat_id: int) -> int:
    """Every message still to be sent to `old_chat_id` goes to `new_chat_id` instead (a call's
    parameters included); how many."""
    rows = list(await session.scalars(select(OutboxMessage).where(_unsent(old_chat_id))))
    for row in rows:
        row.chat_id = new_chat_id
        if row.call is not None:
            row.call = {**row.call, "params": {**row.call["params"], "chat_id": new_chat_id}}
    await session.flush()
    return len(rows)


def _unsent(chat_id: int) -> Any:
    return (
        (_TABLE.c.chat_id == chat_id) & _TABLE.c.sent_at.is_(None) & _TABLE.c.failed_at.is_(None)
    )
