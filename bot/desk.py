"""What every handler works with: the rules, the store, the matcher and the wording; and how
it is built from the settings and the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import requesters
from bot.casebook import build_matcher, file_templates, stored_templates
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.db import create_engine, session_factory
from bot.sla import Rules
from bot.staff import sync_staff
from bot.texts import Texts, configured_names
from bot.transaction import Sender, Transaction, Transactions
from knowledge.matcher import Matcher
from knowledge.templates import CaseTemplate


@dataclass
class Desk:
    settings: Settings
    rules: Rules
    sessions: async_sessionmaker[AsyncSession]
    matcher: Matcher
    templates: dict[str, CaseTemplate]
    texts: Texts
    clock: Clock
    # Telegram user ids a supervisor barred (/block), kept in step with the database.
    banned: set[int] = field(default_factory=set)
    # Every write goes through these (bot/transaction.py); the runtime connects its sender.
    transactions: Transactions = field(init=False)

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


async def build_desk(settings: Settings, database_url: str) -> Desk:
    """A desk on the database at `database_url`: the staff directory synced from `settings`,
    the matcher over the files' and the database's templates, the ban list loaded."""
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await sync_staff(session=session, settings=settings)
    async with sessions() as session:
        matcher = await build_matcher(session=session, settings=settings)
        stored = await stored_templates(session=session)
        banned = await requesters.banned_users(session=session)
    templates = {t.id: t for t in [*file_templates(settings), *stored]}
    return Desk(
        settings=settings,
        rules=Rules(settings),
        sessions=sessions,
        matcher=matcher,
        templates=templates,
        texts=Texts(
            settings.zone,
            settings.languages.default,
            settings.languages.supported,
            configured_names(settings),
        ),
        clock=utc_now,
        banned=banned,
    )
