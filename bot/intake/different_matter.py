"""Words beside a ticket in hand that tell a different matter with no opener word before them
(issue 14): "我家楼下的垃圾桶好几天没人清理了" or "The bins downstairs haven't been emptied for
days" beside a broken street light's ticket, "我的社保卡丢了" beside it. Their words read like
a follow-up ("没人", "几天"), and tell no fault nor question of another department, so they
were filed into the street light's ticket. A careful clerk does not file a new matter into an
unrelated case: another thing named than the ticket's (config `surge.objects`: bins are no
street light, as the surge check judges two reports), or a matter the knowledge base answers
as another kind of matter than the ticket's, is a first inquiry of its own (`APART`); and
where the words may still be the ticket's (they point back at it: "还是没修好,垃圾桶也没人清
理"; or the ticket names no thing to tell them apart by), the requester is asked (`ASK`).
Follow-ups ("路灯还是不亮", "还是没修好", "any news?", "灯一闪一闪的") name no other thing and
find no other matter's answer: the ticket's, as before (`differs` is None)."""

from __future__ import annotations

import re
from enum import Enum

from bot.desk import Desk
from bot.intake.close import matter_words
from bot.intake.complaint_opener import about_handling
from bot.intake.follow_up import follows_up
from bot.intake.own_kind import same_matter
from bot.models import Requester, Ticket, TicketStatus
from bot.progress_words import asks_progress
from bot.resolution_words import Said, read_after_resolution, says_not_solved
from bot.same_matter import things
from knowledge.matcher import Band


class Differs(Enum):
    """How words beside a ticket differ from its matter: `APART`, plainly another matter (a
    first inquiry of its own); `ASK`, maybe: the requester is asked whether they are about
    the ticket or a new matter."""

    APART = "apart"
    ASK = "ask"


# Words that point at the ticket itself, whatever they name besides: its number, "工单",
# what was said before.
_BACK = re.compile(
    r"#\s*\d|工单|单号|编号|上次|之前(?:说|报|反映|投诉)|刚才(?:说|报)|这事|此事|这件事|那件事|同一"
    r"|\b(?:ticket|case|my (?:report|complaint|request)|as i said|i mentioned|same)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,,。;;!!??\n]+|\s+(?:and|but)\s+", re.IGNORECASE)


def points_back(text: str, objects: tuple[tuple[str, ...], ...] = ()) -> bool:
    """Whether `text` points back at the ticket in hand, whatever else it names: its number
    or words for the matter said before ("#1", "工单", "上次", "my report"), or a clause of
    it that names none of `objects` (config `surge.objects`) saying it is not solved yet
    ("还是没修好,垃圾桶也没人清理"), asking how it stands, or of its handling ("你们", "so
    slow"). "垃圾桶又满了" says its own thing is full again, not that the ticket's is not
    solved."""
    if _BACK.search(text):
        return True
    return any(
        says_not_solved(clause) or asks_progress(clause) or about_handling(clause)
        for clause in _CLAUSE.split(text)
        if clause.strip() and not things(clause, objects)
    )


def differs(desk: Desk, requester: Requester, ticket: Ticket, text: str) -> Differs | None:
    """How `text`, written beside `ticket` in hand (no inquiry of theirs going on, and not
    taken apart already: `own_kind.apart_from`), differs from its matter; None when it may
    well be the ticket's (the ticket's thing named, words shared, a follow-up).

    Another thing named (config `surge.objects`) than all those the ticket's words name, and
    none of them: another matter (`APART`), or, pointing back at the ticket (`points_back`),
    maybe (`ASK`); a thing named beside a ticket that names none, sharing nothing with it
    (`own_kind.same_matter`): maybe. No thing named, nor pointing back at the ticket: a
    template the knowledge base answers the words with (the `answer` band) of another
    category than the ticket's and not its matter is another matter; one only close to them
    (the `suggest` band), maybe, unless they read as a follow-up (`follow_up.follows_up`).
    Beside a resolution awaiting their word, words that answer it (solved, not solved, a
    rating: `resolution_words.read_after_resolution`) are the ticket's, whatever else they
    name ("对,来电了" beside a housing ticket confirms it; it asks nothing of the power)."""
    if (
        ticket.status is TicketStatus.RESOLVED
        and read_after_resolution(text).said is not Said.OTHER
    ):
        return None
    words = matter_words(ticket.question, ticket.inquiry)
    objects = desk.settings.surge.objects
    named, theirs = things(text, objects), things(words, objects)
    if named:
        if named & theirs:
            return None
        if theirs:
            return Differs.ASK if points_back(text, objects) else Differs.APART
        return None if same_matter(desk, ticket, text) else Differs.ASK
    if points_back(text, objects):  # the cheap test first: no search for "还是没修好"
        return None
    matches = desk.matcher.search(text, requester.language, limit=1)
    band = desk.matcher.band(matches)
    best = desk.templates.get(matches[0].template_id) if matches else None
    if best is None or band is Band.HANDOVER or best.category == ticket.category:
        return None
    if same_matter(desk, ticket, text):
        return None
    if band is Band.ANSWER:
        return Differs.APART
    return None if follows_up(text) else Differs.ASK
