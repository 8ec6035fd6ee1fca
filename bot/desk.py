"""What every handler works with: the rules, the store, the matcher and the wording; and how
it is built from the settings and the database.

The ban list and the approved templates live in the database, the truth that every process on
it shares; a desk holds a copy of each for speed (every update looks at the ban list, every
question at the matcher). `Desk.refresh` brings both copies in step: the process that changed
one calls it at once after its commit, and every process on each run of the sweep, so all of
them converge within one sweep interval (`python -m bot run --sweep-every`, 30 s by default).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import chat_locks, requesters, staff_chats
from bot.casebook import (
    Offload,
    Versions,
    apply_template_changes,
    file_templates,
    in_thread,
    matcher_for,
    template_changes,
)
from bot.chat_locks import ChatLocks
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.db import create_engine, session_factory
from bot.rules import Rules
from bot.staff import sync_staff
from bot.texts import Texts, configured_names
from bot.transaction import Sender, Transaction, Transactions
from knowledge.matcher import Matcher
from knowledge.templates import CaseTemplate, Status

log = logging.getLogger(__name__)


@dataclass
class Desk:
    settings: Settings
    rules: Rules
    sessions: async_sessionmaker[AsyncSession]
    matcher: Matcher
    templates: dict[str, CaseTemplate]
    texts: Texts
    clock: Clock
    # Copies of what the database holds (see the module's description; `refresh`): the
    # Telegram user ids a supervisor barred (/block), and the stored templates the matcher and
    # `templates` hold, by id, with when each was decided.
    banned: set[int] = field(default_factory=set)
    stored: Versions = field(default_factory=dict)
    # Every write goes through these (bot/transaction.py); the runtime connects its sender.
    transactions: Transactions = field(init=False)
    # Which chats this process handles now, on PostgreSQL shared with other processes
    # (bot/chat_locks.py); None on SQLite, where one process keeps each chat's order alone.
    chat_locks: ChatLocks | None = None
    # How the matcher's index is rebuilt when stored templates change: off the event loop, in
    # a worker thread (bot/casebook.py `apply_template_changes`).
    offload: Offload = field(default=in_thread)

    def __post_init__(self) -> None:
        self.transactions = Transactions(self.sessions, self.now)

    def now(self) -> datetime:
        return self.clock()

    def transaction(
        self, *, update_id: int | None = None, sender: Sender | None = None
    ) -> Transaction:
        """A transaction at the desk's present instant, for the update `update_id` if it is
        one's handling (see bot/transaction.py)."""
        return self.transactions(update_id=update_id, sender=sender)

    def adopt(self, settings: Settings) -> None:
        """Work from now on with `settings`: the configuration with the chats Telegram moved
        (bot/staff_chats.py `follow`)."""
        self.settings = settings
        self.rules.settings = settings

    async def reload(self) -> None:
        """Read the ban list, the stored templates and the chats Telegram moved from the
        database into this desk's copies (see the module's description). Raises what the
        database raises."""
        async with self.sessions() as session:
            moved = await staff_chats.moves(session=session)
            if moved:
                self.adopt(staff_chats.follow(self.settings, moved))
            banned = await requesters.banned_users(session=session)
            changes = await template_changes(session=session, known=self.stored)
        self.banned = banned
        # With the session closed: the database does not wait for the matcher's rebuild.
        self.stored = await apply_template_changes(
            changes, matcher=self.matcher, templates=self.templates, offload=self.offload
        )

    async def refresh(self) -> None:
        """`reload`, for the sweep and after a change: a failure is logged and the copies stay
        as they were, to be brought in step on the next run (the sweep must go on)."""
        try:
            await self.reload()
        except Exception:
            log.exception("could not refresh the ban list and templates; trying next sweep")

    async def close(self) -> None:
        """Close the desk's connections: the pool's and, on PostgreSQL, the chat locks' (the
        chats held are let go of). The desk may still be used: it connects again."""
        if self.chat_locks is not None:
            await self.chat_locks.close()
        await self.transactions.engine.dispose()

    def answer(self, template_id: str, language: str) -> str:
        """A template's answer in `language`, filled with the configured values."""
        template = self.templates[template_id]
        return template.render(language, self.settings.knowledge.context(language))

    def names(self, language: str) -> dict[str, Any]:
        """Display names of categories and priorities in `language`."""
        return {
            "categories": {c.key: c.names[language] for c in self.settings.categories},
            "priorities": {p.key: p.names[language] for p in self.settings.priorities},
        }


async def build_desk(
    settings: Settings, database_url: str, *, files: list[CaseTemplate] | None = None
) -> Desk:
    """A desk on the database at `database_url`: the staff directory synced from `settings`,
    the matcher over the files' and the database's templates, the ban list loaded. `files`:
    the knowledge base's templates as already loaded (`casebook.file_templates`, which the
    command line calls to check them before it runs); default: loaded here, once."""
    if files is None:
        files = file_templates(settings)
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await sync_staff(session=session, settings=settings)
    desk = Desk(
        settings=settings,
        rules=Rules(settings),
        sessions=sessions,
        matcher=matcher_for(settings, [t for t in files if t.status is Status.ACTIVE]),
        templates={t.id: t for t in files},
        texts=Texts(
            settings.zone,
            settings.languages.default,
            settings.languages.supported,
            configured_names(settings),
        ),
        clock=utc_now,
        chat_locks=chat_locks.for_database(database_url),
    )
    await desk.reload()  # the ban list and the approved templates, from the database
    return desk
