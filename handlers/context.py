"""What every handler and job gets, typed: `context.desk` and the Application's `bot_data` as
`BotData` (attributes, not keys). build_application (handlers/app.py) builds the Application
with `CONTEXT_TYPES` and gives its `bot_data` the desk."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.desk import Desk


class Running(Protocol):
    """Something whose liveness /healthz reports (handlers/operations.py)."""

    @property
    def running(self) -> bool: ...


class BotData:
    """The Application's `bot_data`: what this process's handlers and jobs share.
    python-telegram-bot makes it with no arguments, so the desk is set right after the
    Application is built (handlers/app.py `build_application`); reading it before is an
    AttributeError."""

    desk: Desk
    # When retention last ran in this process (handlers/runtime/jobs.py); None: not yet.
    forgotten_at: datetime | None = None
    # The services beside the handlers (handlers/app.py `Services`): their liveness.
    services: Running | None = None


class DeskContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """python-telegram-bot's context with the desk the Application carries."""

    @property
    def desk(self) -> Desk:
        """The desk (`bot_data.desk`, set when the Application is built)."""
        return self.bot_data.desk


CONTEXT_TYPES = ContextTypes(context=DeskContext, bot_data=BotData)
# The Application as build_application makes it: its contexts and bot_data typed as above.
# (The job queue's context type stays open: python-telegram-bot's builder types the job queue
# with the default context whatever `context_types` says; its jobs get a DeskContext.)
DeskApplication = Application[
    ExtBot[None], DeskContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Any]
]
