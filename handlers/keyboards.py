"""Every inline keyboard the bot sends, its callback data from the codec (handlers/callbacks.py).

Labels are in the language of whoever reads them: staff read the desk's default language."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.desk import Desk
from bot.models import Ticket
from bot.rated_choice import one_line
from handlers.callbacks import Action, encode, fits
from handlers.common import keyboard


def label(desk: Desk, language: str, key: str) -> str:
    """A button's label, from `buttons.j2` (rendered once per label and language)."""
    return desk.texts.render_fixed("buttons", language, key=key)


def _staff(desk: Desk, key: str) -> str:
    return label(desk, desk.settings.languages.default, key)


def claim(desk: Desk, ticket_id: int) -> InlineKeyboardMarkup:
    """Under a new ticket's card: Claim."""
    return keyboard([[(_staff(desk, "claim"), encode(Action.CLAIM, ticket_id))]])


def accept(desk: Desk, ticket_id: int) -> InlineKeyboardMarkup:
    """Under a handoff's card in the receiving group: Accept."""
    return keyboard([[(_staff(desk, "accept"), encode(Action.ACCEPT, ticket_id))]])


def _stars(ticket_id: int) -> list[tuple[str, str]]:
    return [("⭐" * n, encode(Action.RATE, ticket_id, n)) for n in range(1, 6)]


def rating(desk: Desk, language: str, ticket_id: int) -> InlineKeyboardMarkup:
    """Under a resolution: one to five stars (confirming it), or reopen."""
    stars = _stars(ticket_id)
    reopen = (label(desk, language, "reopen"), encode(Action.REOPEN, ticket_id))
    return keyboard([stars[:3], stars[3:], [reopen]])


def withdrawal(desk: Desk, language: str, ticket_id: int) -> InlineKeyboardMarkup:
    """Under the question whether to withdraw a ticket (bot/withdrawal.py): withdraw it, or
    keep it open."""
    withdraw = (label(desk, language, "withdraw"), encode(Action.WITHDRAW, ticket_id))
    keep = (label(desk, language, "keep_open"), encode(Action.KEEP, ticket_id))
    return keyboard([[withdraw, keep]])


def stars(ticket_id: int) -> InlineKeyboardMarkup:
    """Under the confirmation of a resolution confirmed in words: one to five stars."""
    stars = _stars(ticket_id)
    return keyboard([stars[:3], stars[3:]])


def answered(desk: Desk, language: str) -> InlineKeyboardMarkup:
    """Under an answer from the knowledge base: solved, or a person please."""
    return keyboard(
        [
            [
                (label(desk, language, "solved"), encode(Action.SOLVED)),
                (label(desk, language, "not_solved"), encode(Action.HUMAN)),
            ]
        ]
    )


def person(desk: Desk, language: str) -> InlineKeyboardMarkup:
    """Under "what is unclear in my answer?": a person, please."""
    return keyboard([[(label(desk, language, "human"), encode(Action.HUMAN))]])


def suggestions(desk: Desk, language: str, template_ids: Sequence[str]) -> InlineKeyboardMarkup:
    """The close templates (by id) as questions to choose from, and none of these (a person).
    A template whose id is too long for a button's data is left out."""
    rows = [
        [(desk.templates[t].title(language), encode(Action.ANSWER, t))]
        for t in template_ids
        if t in desk.templates and fits(Action.ANSWER, t)
    ]
    rows.append([(label(desk, language, "none"), encode(Action.HUMAN))])
    return keyboard(rows)


def categories(desk: Desk, language: str) -> InlineKeyboardMarkup:
    """The configured categories, one a row."""
    names = desk.names(language)["categories"]
    return keyboard(
        [[(names[c.key], encode(Action.CATEGORY, c.key))] for c in desk.settings.categories]
    )


def languages(desk: Desk) -> InlineKeyboardMarkup:
    """Each supported language, labelled in itself."""
    return keyboard(
        [
            [
                (label(desk, code, f"lang_{code}"), encode(Action.LANGUAGE, code))
                for code in desk.texts.supported
            ]
        ]
    )


def incident_update(desk: Desk, incident_id: int) -> InlineKeyboardMarkup:
    """Under a mass incident's alert reaching a supervisor: post an update to every requester
    of it (handlers/incidents.py `update_asked`)."""
    return keyboard([[(_staff(desk, "post_update"), encode(Action.INCIDENT_UPDATE, incident_id))]])


def escalation(desk: Desk, ticket_id: int) -> InlineKeyboardMarkup:
    """Under an escalation reaching a supervisor: assign an owner, change the priority."""
    return keyboard(
        [
            [
                (_staff(desk, "assign"), encode(Action.ESCALATION_ASSIGN, ticket_id)),
                (_staff(desk, "priority"), encode(Action.ESCALATION_PRIORITY, ticket_id)),
            ]
        ]
    )


def officers(desk: Desk, ticket: Ticket) -> InlineKeyboardMarkup:
    """The officers of the ticket's department, to make one its owner; each button carries
    the owner the picker shows (a press once it changed is refused: handlers/supervision.py)."""
    shown = ticket.owner_id or 0
    return keyboard(
        [
            [
                (
                    f"{m.name} ({m.staff_number})",
                    encode(Action.PICK_OWNER, ticket.id, m.user_id, shown),
                )
            ]
            for m in desk.rules.staff.officers_of(ticket.department_key)
        ]
    )


def priorities(desk: Desk, ticket: Ticket) -> InlineKeyboardMarkup:
    """The configured priorities, to give the ticket one; each button carries the priority
    the picker shows (a press once it changed is refused)."""
    names = desk.names(desk.settings.languages.default)["priorities"]
    return keyboard(
        [
            [(names[p.key], encode(Action.PICK_PRIORITY, ticket.id, p.key, ticket.priority))]
            for p in desk.settings.priorities
        ]
    )


def proposal(desk: Desk, template_id: str) -> InlineKeyboardMarkup:
    """Under a proposed template: approve or reject."""
    return keyboard(
        [
            [
                (_staff(desk, "approve"), encode(Action.TEMPLATE_APPROVE, template_id)),
                (_staff(desk, "reject"), encode(Action.TEMPLATE_REJECT, template_id)),
            ]
        ]
    )


def which_ticket(
    tickets: Sequence[Ticket], update_id: int, message_id: int, none: str | None = None
) -> InlineKeyboardMarkup:
    """Under the question which ticket a requester's message is for: one button a ticket,
    its number and the start of its question (the message is known by its update in the
    inbox and its id in their chat); `none`, the label of a last button withdrawing none
    (words withdrawing beside several: bot/replies.py `Route.withdrawing`)."""
    rows = [
        [(f"#{t.id} {one_line(t.question)}", encode(Action.WHICH, t.id, update_id, message_id))]
        for t in tickets
    ]
    if none is not None:
        rows.append([(none, encode(Action.WITHDRAW_NONE, update_id, message_id))])
    return keyboard(rows)


def whose_matter(
    desk: Desk, language: str, tickets: Sequence[Ticket], update_id: int, message_id: int
) -> InlineKeyboardMarkup:
    """Under the question whether a complaint opener said alone is about a ticket in hand or
    a new matter (bot/intake/whose.py `unsure`): a button a ticket offered, its number and
    the start of its question, then a new matter."""
    about = label(desk, language, "about_ticket")
    rows = [
        [
            (
                f"{about} #{t.id} {one_line(t.question, 20)}",
                encode(Action.WHICH, t.id, update_id, message_id),
            )
        ]
        for t in tickets
    ]
    anew = encode(Action.ANEW, update_id, message_id)
    rows.append([(label(desk, language, "new_matter"), anew)])
    return keyboard(rows)
