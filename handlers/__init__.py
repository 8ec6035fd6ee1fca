"""Telegram updates in, calls into bot/ and knowledge/, replies out; registered in order."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import (
    asking,
    errors,
    greeting,
    handoffs,
    incidents,
    lookup,
    proposals,
    reports,
    staff,
    supervision,
)
from handlers.callbacks import Action, pattern
from handlers.runtime import jobs


def register(application: Application, sweep_every: float | None = 30.0) -> None:  # type: ignore[type-arg]
    """Handlers in order, the error handler, and the sweep on the job queue (None: no sweep)."""
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    application.add_handler(CommandHandler("start", greeting.start, filters=private))
    application.add_handler(CommandHandler("help", greeting.help_text, filters=private))
    application.add_handler(CommandHandler("lang", greeting.language, filters=private))
    application.add_handler(CommandHandler("new", greeting.new_question, filters=private))
    application.add_handler(CommandHandler("status", lookup.status, filters=private))
    # Staff commands before the topic handler, so that they are never relayed to a requester.
    application.add_handler(CommandHandler(["mine", "queue"], lookup.mine_or_queue))
    application.add_handler(CommandHandler("ticket", lookup.ticket_history))
    application.add_handler(CommandHandler("return", handoffs.give_back, filters=groups))
    application.add_handler(CommandHandler("priority", supervision.priority_command))
    application.add_handler(CommandHandler("propose", proposals.propose_command))
    application.add_handler(CommandHandler("assign", supervision.assign_command))
    application.add_handler(CommandHandler("pending", proposals.pending))
    application.add_handler(CommandHandler("report", reports.report))
    application.add_handler(CommandHandler(["block", "unblock"], supervision.block))
    application.add_handler(CommandHandler("incident", incidents.post_update))
    # Staff groups: everything in a ticket's topic (commands too: /note, /resolve).
    application.add_handler(MessageHandler(groups & filters.IS_TOPIC_MESSAGE, staff.in_topic))
    # Groups without topics: a reply to a ticket's card or copied message.
    application.add_handler(MessageHandler(groups & filters.REPLY, staff.in_reply))
    # Any other command in a staff place: the commands that exist there.
    application.add_handler(MessageHandler(groups & filters.COMMAND, staff.other_command))
    # Buttons, each action to its handler (the patterns come from the codec).
    application.add_handler(CallbackQueryHandler(staff.claim, pattern=pattern(Action.CLAIM)))
    application.add_handler(CallbackQueryHandler(handoffs.accept, pattern=pattern(Action.ACCEPT)))
    application.add_handler(
        CallbackQueryHandler(supervision.pressed, pattern=pattern(*supervision.STEERING))
    )
    application.add_handler(
        CallbackQueryHandler(proposals.decide, pattern=pattern(*proposals.DECIDING))
    )
    application.add_handler(
        CallbackQueryHandler(staff.requester_decides, pattern=pattern(Action.RATE, Action.REOPEN))
    )
    # Text before anything else from a requester: it is a question or goes into their ticket.
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, asking.ask))
    # The requester's other buttons, and any data no handler above took (stale or forged).
    application.add_handler(CallbackQueryHandler(asking.pressed))
    # Whatever else a requester sends (stickers, media) before a ticket exists.
    application.add_handler(MessageHandler(private & ~filters.COMMAND, asking.other))
    # A command the bot does not know, in private: the greeting says what it can do.
    application.add_handler(MessageHandler(private & filters.COMMAND, greeting.start))
    application.add_error_handler(errors.on_error)
    if sweep_every is not None and application.job_queue is not None:
        # The first run is at start-up, by start_receiving (handlers/app.py): the job queue
        # cannot run a repeating job at once (python-telegram-bot's note on run_repeating).
        application.job_queue.run_repeating(jobs.sweep, interval=sweep_every, name=jobs.SWEEP)
