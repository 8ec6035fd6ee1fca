"""The knowledge-base template a question handed to a person came close to: what kind of case
it is and which department should take it (config `routing.close_template`); and the words a
first inquiry's ticket is sorted by (`Matter`)."""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from bot.classify import fallback_category, infer_category
from bot.desk import Desk
from bot.faults import cut_supplies, supplies_named
from bot.hazard import clauses
from bot.intake import inquiry
from bot.intake.complaint_opener import opener_category
from bot.intake.decision import wants_person
from bot.intake.inquiry import Turn
from bot.intake.new_matter import aside, reads_as_question
from bot.intake.search import cut_templates, topic_department
from bot.models import Requester, Ticket
from bot.reading import reading
from bot.resolution_words import another_matter, says_not_solved
from bot.same_matter import Subject, alike, subject
from knowledge.matcher import Band, Matcher
from knowledge.templates import CaseTemplate, Status


class CloseTemplate:
    """The template a question came close to, searched once and only when asked: its
    category (from the `suggest` band: what kind of case it is, when no cue word says) and its
    department (from the band config `routing.close_template` names). Templates the requester
    rejected (`rejected`: ids; *Not solved*, "none of these": `inquiry.rejected`) are passed
    over (the closest other one counts, by its own closeness), unless it is of the category
    the requester's own words name (`said`: their cue words': "补办" after *Not solved* on
    the lost social-security card's answer still means that card, for social security)."""

    def __init__(
        self,
        desk: Desk,
        question: str,
        rejected: AbstractSet[str] = frozenset(),
        said: str | None = None,
    ) -> None:
        self._desk, self._question, self._rejected, self._said = desk, question, rejected, said
        self._found: tuple[CaseTemplate | None, Band] | None = None

    def _counts(self, template_id: str) -> bool:
        """Whether a template may tell the category and the department: not rejected, or of
        the category the requester's words name."""
        if template_id not in self._rejected:
            return True
        template = self._desk.templates.get(template_id)
        return template is not None and self._said is not None and template.category == self._said

    def _best(self) -> tuple[CaseTemplate | None, Band]:
        if self._found is None:
            limit = 1 + len(self._rejected)
            matches = [
                m
                for m in self._desk.matcher.search(self._question, None, limit=limit)
                if self._counts(m.template_id)
            ][:1]
            template = self._desk.templates.get(matches[0].template_id) if matches else None
            self._found = (template, self._desk.matcher.band(matches))
        return self._found

    def category(self) -> str | None:
        template, band = self._best()
        return template.category if template and band is not Band.HANDOVER else None

    def department(self, category: str | None = None) -> str | None:
        """The close template's department; a template only suggested (not close enough to
        answer) of another kind of matter than the ticket's `category` names none: "the
        drain is blocked" near the parking complaint's "my exit is blocked" is a fault, for
        the department faults go to."""
        wanted = self._desk.settings.routing.close_template
        if wanted == "off":
            return None
        template, band = self._best()
        close = band is Band.ANSWER or (
            wanted == "suggest"
            and band is Band.SUGGEST
            and (category is None or template is None or template.category == category)
        )
        return template.department if template and close else None


class Matter:
    """What a first inquiry is about, as the ticket it becomes is sorted: its words (every
    word of the requester's, forwards included: `words`) and the requester's own (`own`,
    without what they forwarded: a forwarded notice's "停水" is someone else's news, not their
    matter). The category and the department come from their own words first, and from the
    forwards only when their own words tell nothing; the priority's keywords only from their
    own words (`bot.tickets.open_ticket`'s `priority_words`). A template the requester
    rejected in the inquiry decides neither (`inquiry.rejected`): once they said "not that",
    the matter is not that template's, unless their own words name its kind of matter
    (`CloseTemplate`)."""

    def __init__(self, desk: Desk, turns: Sequence[Turn], question: str) -> None:
        self._desk = desk
        self.words = inquiry.words(turns, asks_for_person=wants_person) or question
        own = inquiry.words(turns, asks_for_person=wants_person, own=True)
        self.own = own or self.words
        rejected = inquiry.rejected(turns)
        said = None
        if rejected:  # the kind of matter their own words name, by cue words alone
            said = infer_category(desk.settings, self.own) or infer_category(
                desk.settings, self.words
            )
        # The templates last answered with, but those rejected: they decide nothing.
        self._answered = tuple(t for t in _answered(turns) if t not in rejected)
        self._rejected = bool(rejected)
        self._closes = [CloseTemplate(desk, self.own, rejected, said)]
        if self.own != self.words:
            self._closes.append(CloseTemplate(desk, self.words, rejected, said))

    def category(self) -> str | None:
        """The category the words name (cue words, else a close template, else an explicit
        complaint or report opener's: `opener_category`), None: ask."""
        settings = self._desk.settings
        texts = [self.own, self.words][: len(self._closes)]
        for text, close in zip(texts, self._closes, strict=True):
            found = infer_category(settings, text, close.category)
            if found is not None:
                return found
        return opener_category(settings, self.own)

    def filed_category(self) -> str:
        """The category the matter is filed in when no one chooses it: the one its words name
        (`category`), else the fallback category (config `categories`, the general window
        sorts it out). Used by /new, the sweep of unchosen categories, a question asked apart
        under the category buttons (bot/intake/apart.py) and an older inquiry handed over."""
        return self.category() or fallback_category(self._desk.settings)

    def department(self, category: str | None = None) -> str | None:
        """The department of the template the words came close to (config
        `routing.close_template`; one only suggested counts for a ticket of its own
        `category`), None when none did."""
        found = (d for c in self._closes if (d := c.department(category)) is not None)
        return next(found, None) or self._answered_department()

    def _answered_department(self) -> str | None:
        """The department of the templates the bot last answered with in this inquiry, when
        they share one (config `routing.close_template` not `off`): words after an answer
        that no template comes close to ("查不到怎么回事" after the housing fund balance's)
        are more of the matter answered."""
        if self._desk.settings.routing.close_template == "off":
            return None
        templates = [self._desk.templates.get(t) for t in self._answered]
        departments = {t.department for t in templates if t is not None}
        return departments.pop() if len(departments) == 1 else None

    def topic_department(self) -> str | None:
        """The department of the topic the requester's own words name by the knowledge
        base's keywords ("公积金", "社保": `search.topic_department`), None when they name
        none or several departments' (config `routing.close_template` `off`, or a template
        refused in the inquiry: none)."""
        if self._desk.settings.routing.close_template == "off" or self._rejected:
            return None  # templates refused: neither they nor the topic they name decide
        return topic_department(self._desk, self.own)


def _answered(turns: Sequence[Turn]) -> tuple[str, ...]:
    """The templates of the bot's latest answer in the inquiry, if it answered."""
    answers = [turn for turn in turns if turn.get("did") == "answer" and turn.get("templates")]
    return tuple(answers[-1]["templates"]) if answers else ()


# Each matcher's topics of the questions asked of it, while its phrasings stay the same: the
# surge check asks for every recent ticket's on each ticket opened (up to 500 searches a time).
_TOPICS: weakref.WeakKeyDictionary[Matcher, tuple[int, dict[str, str | None]]] = (
    weakref.WeakKeyDictionary()
)
_TOPICS_KEPT = 4096  # questions remembered per matcher, then forgotten all at once


def topic(
    matcher: Matcher, question: str, templates: Mapping[str, CaseTemplate] | None = None
) -> str | None:
    """What `question` is about, as the knowledge base knows it (in either language): the id
    of the template it comes close to (the `suggest` band or better); else, among `templates`
    (the desk's, by id), the one active template whose keywords it contains ("幸福路3号楼停水了,
    家里没水做饭" says 停水, the water-outage template's keyword, though its address and dinner
    keep it from coming close to a phrasing); else the one template of the supply cut it is
    about (`_by_cut`); else None (none, or several: no telling which). A supply it says is
    cut (`faults.cut_supplies`) decides first: that supply's outage template.
    Remembered per matcher until its phrasings change (`Matcher.version`)."""
    version, known = _TOPICS.get(matcher, (-1, {}))
    if version != matcher.version or len(known) >= _TOPICS_KEPT:
        known = {}
        _TOPICS[matcher] = (matcher.version, known)
    if question not in known:
        matches = matcher.search(question, None, limit=1)
        close = matches and matcher.band(matches) is not Band.HANDOVER
        # A supply said to be cut is its outage's, whatever else the words come near ("there
        # is still no electricity" came nearest the electricity bill's phrasings).
        by_cut = _by_cut(question, templates or {})
        if by_cut is not None and cut_supplies(question):
            known[question] = by_cut
        else:
            known[question] = (
                matches[0].template_id
                if close
                else _by_keyword(question, templates or {}) or by_cut
            )
    return known[question]


def area_matter(templates: Mapping[str, CaseTemplate], template_id: str) -> bool:
    """Whether the template `template_id` names a matter of an area (`handling.area`: a water
    cut reaches many addresses at once), for the surge check."""
    template = templates.get(template_id)
    return bool(template is not None and template.handling and template.handling.area)


def _by_keyword(question: str, templates: Mapping[str, CaseTemplate]) -> str | None:
    """The id of the one active template among `templates` with a keyword in `question`
    (compared NFKC-normalised and casefolded), None when none or several have."""
    found = _keyworded(question, templates)
    return found.pop() if len(found) == 1 else None


def _by_cut(question: str, templates: Mapping[str, CaseTemplate]) -> str | None:
    """The id of the one active template among `templates` for the supply cut `question` is
    about, asked or told (`faults.supplies_named`: "幸福里3号楼什么时候来电" is the power
    outage's, as "When will the power come back" comes close to it), None when none or
    several."""
    active = [t for t in templates.values() if t.status is Status.ACTIVE]
    found = cut_templates(active, supplies_named(question))
    return found[0] if len(found) == 1 else None


def _keyworded(question: str, templates: Mapping[str, CaseTemplate]) -> set[str]:
    """The ids of the active templates among `templates` with a keyword in `question`
    (compared NFKC-normalised and casefolded)."""
    folded = reading(unicodedata.normalize("NFKC", question)).casefold()
    return {
        template.id
        for template in templates.values()
        if template.status is Status.ACTIVE
        and any(
            unicodedata.normalize("NFKC", word).casefold() in folded for word in template.keywords
        )
    }


def matter_words(question: str, turns: Sequence[Turn] | None) -> str:
    """The words a ticket's matter is told by for the surge check (SPEC rule 9), without
    what only asks how or whom to report one (`_told`): the requester's own in its first
    inquiry `turns` (`Matter.own`: not a notice they typed or forwarded, not a request for a
    person), else all of theirs, else `question` (a ticket without an inquiry, or one opened
    before inquiries were kept)."""
    if not turns:
        return _told(question)
    return _told(
        inquiry.words(turns, asks_for_person=wants_person, own=True)
        or inquiry.words(turns, asks_for_person=wants_person)
        or question
    )


def _told(text: str) -> str:
    """`text` without its clauses that ask how, where or whom to report a matter
    (`bot.hazard.Clause.how_to`: "停电报修电话是多少" tells no power cut of theirs), unless
    nothing else is left."""
    found = clauses(text)
    if not any(c.how_to for c in found) or all(c.how_to for c in found):
        return text
    same = len(text.casefold()) == len(text)  # positions in the casefolded text hold here
    kept = [text[c.at : c.at + len(c.raw)] if same else c.raw for c in found if not c.how_to]
    return ",".join(kept)


def other_matter(desk: Desk, requester: Requester, ticket: Ticket, text: str) -> bool:
    """Whether `text`, written while `ticket` is in progress (or awaits the requester's word
    on its resolution), is a question of another matter the knowledge base answers
    (`new_matter.aside`): its best template (searched in the requester's language) is an
    answer, needs no person, and is not the ticket's matter: neither a template the bot
    answered the ticket's inquiry with, nor alike the ticket's words as the surge check
    judges two tickets (`bot.same_matter.alike`: the same topic, or words alike at config
    `surge.similarity`). The cheap tests first: a text that reads as no question, or says
    the ticket's matter is not solved, is the ticket's without a search."""
    question, not_solved = reads_as_question(text), says_not_solved(text)
    if not question or not_solved:
        return False
    matches = desk.matcher.search(text, requester.language, limit=1)
    band = desk.matcher.band(matches)
    best = desk.templates.get(matches[0].template_id) if matches else None
    if best is None or band is not Band.ANSWER:
        return False
    return aside(
        band=band,
        needs_person=best.needs_person,
        same_matter=ticket_matter(desk, ticket, text, best),
        question=question,
        not_solved=not_solved,
    )


def other_topic(desk: Desk, ticket: Ticket, text: str) -> bool:
    """Whether the knowledge base places `text` (the question after a lead, "还有,…",
    "Also, …": `new_matter.led_question`) at a topic (`topic`: a template it comes close to,
    or the one whose keyword it says) that is not `ticket`'s matter (`ticket_matter`); or, placing
    it at none, the words tell its kind of matter (keywords of templates: "公积金" of the
    housing fund's) and the ticket's words name none of those templates. Words that tell no
    matter ("另外,你们什么时候来?") stay the ticket's."""
    found = topic(desk.matcher, text, desk.templates)
    template = desk.templates.get(found) if found is not None else None
    if template is not None:
        return not ticket_matter(desk, ticket, text, template)
    said = _keyworded(text, desk.templates)
    words = matter_words(ticket.question, ticket.inquiry)
    return bool(said) and not said & _keyworded(words, desk.templates)


def ticket_matter(desk: Desk, ticket: Ticket, text: str, template: CaseTemplate) -> bool:
    """Whether `text`, placed at `template`, is `ticket`'s matter: a template the bot answered
    the ticket's inquiry with, or alike the ticket's words as the surge check judges two
    tickets (`bot.same_matter.alike`: the same topic, or words alike at config
    `surge.similarity`)."""
    language = desk.settings.languages.default
    answered = {title for turn in ticket.inquiry or () for title in turn.get("offered", ())}
    words = matter_words(ticket.question, ticket.inquiry)
    ticket_s = subject(words, topic(desk.matcher, words, desk.templates))
    return template.title(language) in answered or _said_of(
        desk, subject(text, template.id), ticket_s
    )


def another_thing(desk: Desk, ticket: Ticket, text: str) -> bool:
    """Whether `text`, a thing said still broken after "solved, but" ("电梯还是不能用", "the
    lift still doesn't work"), tells a fault of its own (`another_matter`) that is not
    `ticket`'s matter as the surge check judges two tickets (`bot.same_matter.alike`: a
    power cut still on after a power cut's resolution is the same; a lift is another). Words
    that name no thing ("还是漏水", "it still leaks") are the ticket's."""
    if not another_matter(text):
        return False
    words = matter_words(ticket.question, ticket.inquiry)
    return not _said_of(
        desk,
        subject(text, topic(desk.matcher, text, desk.templates)),
        subject(words, topic(desk.matcher, words, desk.templates)),
    )


def _said_of(desk: Desk, said: Subject, ticket_s: Subject) -> bool:
    """Whether a requester's words `said` beside their ticket are its matter, `ticket_s`, as
    the surge check judges two tickets (`bot.same_matter.alike`), except that words naming no
    place are said of the ticket's own ("还是停电" after 幸福里3号楼's power cut): between
    two requesters' reports, one naming no place is never one with a place's."""
    if not said.places and not said.spots:
        said = replace(said, places=ticket_s.places, spots=ticket_s.spots)
    return alike(said, ticket_s, desk.settings.surge.similarity)
