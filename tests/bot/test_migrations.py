"""The migrations build exactly the schema the models describe, on both stores."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.models import Base


async def test_no_drift_between_models_and_migrations(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    def drift(connection: Connection) -> list[Any]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with sessions() as session:
        connection = await session.connection()
        assert await connection.run_sync(drift) == []
