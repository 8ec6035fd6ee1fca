"""/incident updates (SPEC rule 9): one word from staff reaches every requester of a mass
incident, in their language where given, and a requester whose ticket joins later hears the
latest one at once. An update reaching a requester in a language other than theirs says so,
to them in their language and to the one who posted it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversation import file_staff_message
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.excerpt import MAX_MESSAGE, units
from bot.guards import clean_text, may_speak_for
from bot.incident_life import hears_update
from bot.kinds import INCIDENT_UPDATE
from bot.models import ACTIVE_STATUSES, Incident, Requester, Ticket, TicketMessage
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.store import save
from bot.ticket_language import notice_language
from bot.transaction import Transaction
from bot.written import written_in

# The update as a requester gets it.
UPDATE_NOTICE = "incident_update"
# The update as its requester got it, in the topic of a claimed ticket of the incident.
INCIDENT_COPY = "incident_update_staff"
# UTF-16 units kept free before an update's words in the message a requester gets: which
# ticket, when it was posted (a late joiner's), the language it was written in, in any
# language (bot/templates/*/incident_update.j2, the topic's copy with its poster's name).
UPDATE_ROOM = 196
MAX_UPDATE = MAX_MESSAGE - UPDATE_ROOM  # units of an update's words in one language


@dataclass
class Posted:
    """What an update did: `ticket_ids`, the tickets it was filed on, in order; `unlike`, for
    each language some requesters speak that the update was not given in, their tickets'
    ids; `written_in`, the language the text they got is in."""

    ticket_ids: list[int]
    written_in: str | None = None
    unlike: dict[str, list[int]] = field(default_factory=dict)


async def update_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    incident_id: int,
    officer_id: int,
    text: str,
    source: tuple[int, int] | None = None,
) -> Posted:
    """One public update on incident `incident_id`, filed on each of its active tickets at the
    transaction's instant (it counts as contact, so each ticket's progress-notice clock starts
    again, and as the first response of a ticket nobody has claimed) and published to each
    ticket's requester as an `incident_update` notice, and into a claimed ticket's topic for
    its owner (`incident_update_staff`). `text` may hold the update once per
    language, separated by " | ", in the order config `languages.supported` lists them
    ("供水管网抢修中 | Repairs under way"): each requester gets it in their language, and the
    first where theirs is not given (`in_languages`), with a line in theirs saying which
    language it is in (`written_in`). The incident keeps it for those who join later
    (`tell_joiner`). `source`: the chat and message it was written in, kept with each copy
    filed, so that its writer's edit of it reaches the same requesters as a correction
    (bot/update_corrections.py).

    Raises InvalidInput ("empty_text") for a text with no words in any language (nothing,
    "|", " | "), ("too_long", with `limit` and by how much, `over`) for one whose words in a
    language are more than MAX_UPDATE units (with the words before them, more than Telegram
    lets a bot send in one message: nobody would get it), NotFound when there is no such
    incident (`no_such_incident`) or it has no active ticket (`no_incident`), NotAllowed
    unless `officer_id` may speak for at least one of them (owner, staff of its department,
    management: bot/guards.py).
    """
    cleaned = clean_text(text, "an incident update")
    languages = rules.settings.languages.supported
    given = in_languages(cleaned, languages)
    if not given:  # "|" alone, or only separators and punctuation
        raise InvalidInput("an incident update has no words", "empty_text")
    require_fits(given)
    rows = (
        await tx.session.execute(
            select(Ticket, Requester)
            .join(Requester, Requester.id == Ticket.requester_id)
            .where(Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
    ).all()
    incident = await tx.session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}", "no_such_incident", incident_id=incident_id)
    if not rows:
        raise NotFound(
            f"incident {incident_id} has no active ticket", "no_incident", incident_id=incident_id
        )
    if not any(may_speak_for(rules, ticket, officer_id) for ticket, _ in rows):
        raise NotAllowed(f"user {officer_id} may not write on incident {incident_id}")
    incident.latest_update, incident.latest_update_at = cleaned, tx.now
    incident.latest_update_by = officer_id
    posted = Posted([ticket.id for ticket, _ in rows])
    notices = []
    poster = rules.staff.get(officer_id)
    for ticket, requester in rows:
        notice, language = await _tell(
            tx.session, rules, incident, ticket, requester, tx.now, source
        )
        notices.append(notice)
        if ticket.owner_id is not None:  # its owner reads it in the ticket's topic too
            # As its requester got it: their language's part, not "中文 | English" whole.
            values = {"text": notice.values["text"], "incident_id": incident_id}
            values["poster"] = poster.name if poster is not None else None
            notices.append(Notice(INCIDENT_COPY, (Audience.TICKET_STAFF,), ticket, values))
        speaks = notice_language(ticket, requester)  # the ticket's (bot/ticket_language.py)
        if language != speaks:
            posted.unlike.setdefault(speaks, []).append(ticket.id)
        posted.written_in = posted.written_in or language
    await publish(tx, rules, notices)
    return posted


async def tell_joiner(
    session: AsyncSession,
    rules: Rules,
    incident: Incident,
    ticket: Ticket,
    now: datetime,
    *,
    danger: bool = False,
) -> list[Notice]:
    """A ticket that joins `incident` after an update was posted: the latest update, filed on
    it as the incident's update by its poster and told to its requester as the others were
    told; [] before any, and for a ticket telling a danger to people (`danger`) opened after
    it was posted (`bot.incident_life.hears_update`: an earlier rescue is not theirs)."""
    requester = await session.get(Requester, ticket.requester_id)
    if not hears_update(incident, ticket, danger=danger) or requester is None:
        return []
    source = await source_of_latest(session, incident.id)
    notice, _ = await _tell(session, rules, incident, ticket, requester, now, source)
    # Heard later than it was posted: dated, so a time it names ("tonight by 22:00") is not
    # read as today's (a tester's joiner a day later was told a time already past).
    return [replace(notice, values={**notice.values, "posted_at": incident.latest_update_at})]


async def source_of_latest(session: AsyncSession, incident_id: int) -> tuple[int, int] | None:
    """The chat and message the incident's latest update was written in (`update_and_tell`
    `source`); None when not known."""
    row = (
        await session.execute(
            select(TicketMessage.telegram_chat_id, TicketMessage.telegram_message_id)
            .join(Ticket, Ticket.id == TicketMessage.ticket_id)
            .where(
                Ticket.incident_id == incident_id, TicketMessage.content_type == INCIDENT_UPDATE
            )
            .order_by(TicketMessage.id.desc())
            .limit(1)
        )
    ).first()
    if row is None or row[0] is None or row[1] is None:
        return None
    return int(row[0]), int(row[1])


def tells_update(notices: list[Notice]) -> bool:
    """Whether `notices` tell a requester an incident's update (`tell_joiner`'s)."""
    return any(notice.kind == UPDATE_NOTICE for notice in notices)


def require_fits(texts: dict[str, str]) -> None:
    """An update's words in each language (`in_languages`) within MAX_UPDATE units, else
    InvalidInput "too_long" with `limit` and by how much (`over`): with the words before
    them, Telegram would refuse the requester's message, and nobody would get any of it."""
    longest = max((units(words) for words in texts.values()), default=0)
    if longest > MAX_UPDATE:
        raise InvalidInput(
            "an incident update is longer than a message",
            "too_long",
            limit=MAX_UPDATE,
            over=longest - MAX_UPDATE,
        )


async def _tell(
    session: AsyncSession,
    rules: Rules,
    incident: Incident,
    ticket: Ticket,
    requester: Requester,
    now: datetime,
    source: tuple[int, int] | None,
) -> tuple[Notice, str]:
    """The incident's latest update filed on `ticket` and worded for its requester: the
    notice, and the language of the text they get."""
    assert incident.latest_update is not None and incident.latest_update_by is not None
    languages = rules.settings.languages.supported
    texts = texts_of(incident.latest_update, languages)
    speaks = notice_language(ticket, requester)  # the ticket's (bot/ticket_language.py)
    language = speaks if speaks in texts else next(iter(texts))
    theirs = texts[language]
    file_staff_message(
        session,
        rules,
        ticket,
        officer_id=incident.latest_update_by,
        text=theirs,
        now=now,
        internal=False,
        # The incident's word to all its requesters: staff read it as that, not as a reply
        # of its poster's on this ticket (bot/lookup.py, bot/intake/later.py).
        content_type=INCIDENT_UPDATE,
        chat_id=source[0] if source is not None else None,
        message_id=source[1] if source is not None else None,
    )
    await save(session, rules, ticket)
    values = {
        "text": theirs,
        "incident_id": incident.id,
        "written_in": None if language == speaks else language,
    }
    notice = Notice(
        UPDATE_NOTICE,
        (Audience.REQUESTER,),
        ticket,
        values,
        requester=requester,
        own_word=True,
    )
    return notice, language


# The separator between an update's languages: a "|" standing alone, spaces (or the text's
# start or end) on both sides ("电话 1|2 号线" is one text; "抢修中 |" is Chinese alone).
_SEPARATOR = re.compile(r"(?:^|\s)\|(?:\s|$)")


def texts_of(text: str, languages: list[str]) -> dict[str, str]:
    """An update's text for each language it is given in (`in_languages`); written once,
    for the language it is written in (`bot.written.written_in`), the first when nothing
    tells."""
    if _SEPARATOR.search(text) is None:  # written once: in which language?
        return {written_in(text, languages, at_least=1) or languages[0]: text}
    return in_languages(text, languages)


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def in_languages(text: str, languages: list[str]) -> dict[str, str]:
    """An update written once per language, separated by " | " in the order of `languages`
    (config `languages.supported`): {language: its text}, in that order; a text without the
    separator is every language's. Parts past the languages stay with the last one; parts
    without words (nothing, or only punctuation: "/incident 8 |") are left out (the first
    language's text is then the one given); {} when no part has words: no update at all."""
    text = text.strip()
    if len(languages) > 1:
        parts = [part.strip() for part in _SEPARATOR.split(text, maxsplit=len(languages) - 1)]
    else:
        parts = [text]
    if len(parts) == 1:
        return dict.fromkeys(languages, parts[0]) if _has_words(parts[0]) else {}
    return {
        language: part
        for language, part in zip(languages, parts, strict=False)
        if _has_words(part)
    }
