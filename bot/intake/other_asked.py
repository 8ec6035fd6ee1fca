"""Words beside a ticket in hand that complain of another matter the knowledge base knows, or
say it is not done, as a clerk hears them (a tester, beside a broken street light's ticket:
"我要投诉,户口迁移办了三个月还没办好,窗口工作人员态度很差" complains of the household
registration window, never of the street light's handling; "my pension payment did not arrive
this month" says the pension is not paid, never that the light is not fixed). The other matter
is a template the words come close to (among the `NEAREST`) and name by a keyword of a matter
of its own ("户口", "pension"; no question word nor word of handling: `matter_keywords`), that
the ticket's words name by none of its keywords and that is not the ticket's matter
(`close.ticket_matter`).

A keyword named is not enough: the words must say that matter is not done ("还没办好",
"没到账", "did not arrive": `tells_other_not_done`) or come after a complaint opener
(`own_kind.complaint_apart`). "户口本在这里", the household register sent for a public rental
housing ticket, names 户口 and says nothing of it: the ticket's document."""

from __future__ import annotations

import re

from bot.desk import Desk
from bot.intake.close import matter_words, ticket_matter
from bot.intake.complaint_opener import about_handling, complaint_told
from bot.intake.new_matter import reads_as_question
from bot.intake.search import keywords_named
from bot.models import Ticket
from bot.reading import read
from bot.resolution_words import says_not_solved
from knowledge.templates import CaseTemplate

# How many of the templates nearest the words are looked at for those they name.
NEAREST = 3

# Something due not come, paid, received or done ("没到账", "还没办下来", "did not arrive",
# "hasn't been paid"), beside `says_not_solved`'s "not solved" ("还没办好").
_NOT_DONE = re.compile(
    r"(没|没有|未|并没|还没|仍未|迟迟没|一直没)(有)?(到账|到|收到|发|发放|打款|办|批|下来|通过|审批)"
    r"|\b(?:did|does|do|has|have|had)\s*n[o']?t\s+(?:yet\s+|even\s+)?(?:arrive[sd]?|come|came"
    r"|been\s+(?:paid|received|processed|approved|done|sent)|get|got|receive[sd]?|pay|paid)\b"
    r"|\b(?:not|never)\s+(?:yet\s+)?(?:arrived|received|paid|processed|approved)\b"
    r"|\bstill\s+(?:waiting|not\s+(?:paid|received|arrived|processed|approved))\b",
    re.IGNORECASE,
)


@read
def says_not_done(text: str) -> bool:
    """Whether `text` says something is not solved (`says_not_solved`) or not come, paid or
    done yet ("没到账", "did not arrive", "hasn't been paid")."""
    return says_not_solved(text) or _NOT_DONE.search(text) is not None


def matter_keywords(template: CaseTemplate, text: str) -> list[str]:
    """The keywords of `template` that `text` names (`search.keywords_named`) and that name a
    matter: not a question word ("几点", "在哪": of office hours, of the address, asked of
    anything), nor words of how a matter is handled or complained of ("态度", "推诿",
    "投诉": `complaint_opener.about_handling`, `complaint_told`)."""
    return [
        k
        for k in keywords_named(template, text)
        if not reads_as_question(k) and not about_handling(k) and complaint_told(k) is None
    ]


def others_named(desk: Desk, ticket: Ticket, text: str, language: str | None) -> frozenset[str]:
    """The ids of the templates of other matters than `ticket`'s that `text` names: among the
    `NEAREST` templates the knowledge base finds for it (in `language` first), those it names
    by a keyword of a matter (`matter_keywords`: "户口", "养老金", "pension"); none when one of
    those is the ticket's matter (its words name it by a keyword, or `close.ticket_matter`)."""
    words = matter_words(ticket.question, ticket.inquiry)
    found = set()
    for match in desk.matcher.search(text, language, limit=NEAREST):
        template = desk.templates.get(match.template_id)
        if template is None or not matter_keywords(template, text):
            continue
        if keywords_named(template, words) or ticket_matter(desk, ticket, text, template):
            return frozenset()
        found.add(template.id)
    return frozenset(found)


def tells_other_not_done(desk: Desk, ticket: Ticket, text: str, language: str | None) -> bool:
    """Whether `text`, beside `ticket`, says another matter than the ticket's is not done
    (`says_not_done`), a matter it names (`others_named`): "my pension payment did not arrive
    this month", "户口迁移办了三个月还没办好" beside a street light. "户口本在这里" says nothing
    is not done: whatever it names, not so. (A question of another matter the knowledge base
    answers leaves the ticket already: `close.other_matter`.)"""
    return says_not_done(text) and bool(others_named(desk, ticket, text, language))
