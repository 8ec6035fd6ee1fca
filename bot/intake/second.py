"""A second question in one message, after an opener ("你们几点上班?另外社保卡丢了怎么补?",
"…the street light is broken. Also, how do I replace a lost social security card?"): a clerk
answers both, or answers the one the knowledge base can and hands the other to a person, saying
plainly which could not be answered; never drops one (issue 14).

The first is what the first inquiry acts on, as before (its words are the whole text, so a
ticket it opens carries the second question too); the second, when the knowledge base answers
it confidently with another template that needs no person, is answered as well, its answer
given with the first's (`Outcome.template_ids`, presented before the first's answer or
promise).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.classify import infer_category
from bot.complaint_words import complains, complains_of_someone
from bot.desk import Desk
from bot.intake.answer_asks import answer_turn
from bot.intake.close import Matter
from bot.intake.decision import Action, Handover
from bot.intake.handing import Outcome, hand_over, record_turn
from bot.intake.new_matter import OPENER, reads_as_question
from bot.intake.search import misses, nearest
from bot.intake.two_matters import question_first, question_then_matter, reported
from bot.models import Requester
from bot.reading import cut_from_written
from bot.transaction import Transaction
from knowledge.matcher import Band

# An opener after a clause of their own ("…吗?另外…", "… Also, …"), then the second question.
_SECOND = re.compile(
    rf"[,\uff0c。.!\uff01?\uff1f;\uff1b]\s*{OPENER}[\W_]*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


@cut_from_written
def two_questions(text: str) -> tuple[str, str] | None:
    """The words before an opener that follows a clause of the text's own and those after it
    ("你们几点上班?周六开门吗?另外社保卡丢了怎么补?" → ("你们几点上班?周六开门吗?",
    "社保卡丢了怎么补?")), None when there is none (an opener at the start leads the text
    itself: `new_matter.led_question`), or what follows asks nothing (`reads_as_question`:
    "…坏了。还有,楼道灯也不亮" is more of the report). The first is what the knowledge base
    searches for the first inquiry; the second is answered apart (`with_second`)."""
    text = text.strip()
    found = _SECOND.search(text)
    if found is None or not re.search(r"\w", text[: found.start()]):
        return None
    if not reads_as_question(found.group("rest")):
        return None
    return text[: found.start() + 1].strip(), found.group("rest").strip()


# A number that begins an item of a list: at the text's start or after a space or a mark,
# "1." "1)" "1、" "1．"; or in brackets anywhere, "(1)" "（1）"; never a decimal's ("1.5").
_ITEM = re.compile(
    r"[(\uff08]([1-9])[)\uff09]"
    r"|(?:^|(?<=[\s,\uff0c。;\uff1b:\uff1a!\uff01?\uff1f]))([1-9])[.)、\uff0e\uff09](?!\d)"
)


def numbered(text: str) -> tuple[str, str] | None:
    """The two questions of a text that numbers them ("1. 水费怎么交 2. 社保卡怎么补办", "1) how
    do I pay my water bill 2) how do I replace my social security card"), without their
    numbers; None unless it numbers exactly two items, 1 then 2, each a question
    (`reads_as_question`: numbered details are one matter's)."""
    items = list(_ITEM.finditer(text))
    if [int(item.group(1) or item.group(2)) for item in items] != [1, 2]:
        return None
    first = text[items[0].end() : items[1].start()].strip(" \t\n,\uff0c;\uff1b")
    second = text[items[1].end() :].strip()
    if not (reads_as_question(first) and reads_as_question(second)):
        return None
    return first, second


def message_parts(text: str) -> tuple[str, str] | None:
    """The two parts of `text` the first inquiry takes apart, the one it searches for first:
    two questions (`two_questions`, or numbered: `numbered`), or a question and then a
    matter of another kind (`two_matters.question_then_matter`: the question first); None
    when it is one."""
    return question_first(two_questions(text) or numbered(text)) or question_then_matter(text)


def also_answered(desk: Desk, second: str, language: str | None) -> str | None:
    """The template that answers `second` (the second question of a text: `two_questions`)
    as it would for anyone: the knowledge base's answer band, a template that needs no person
    and does not miss the words (`search.misses`: "另外外国人怎么办社保卡" is no lost card's).
    None otherwise (it stays in the words the first inquiry carries)."""
    matches = nearest(desk, second, language)
    best = desk.templates.get(matches[0].template_id) if matches else None
    if best is None or best.needs_person or desk.matcher.band(matches) is not Band.ANSWER:
        return None
    if misses(desk, best, second) is not None:
        return None
    return best.id


async def with_second(
    outcome: Outcome,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    parts: tuple[str, str] | None,
    question: str,
) -> Outcome:
    """`outcome` of the first of two questions (`parts`: `two_questions`, None: none) with the
    second taken too, as a clerk at a window would: never one left unsaid.

    The second answered by the knowledge base (`also_answered`) is given too, unless it was
    already: after the first's answer (its *Solved* / *Not solved* for both, as for several
    options named at once), or before what handing the first to a person came to (a ticket,
    the category asked, a refusal), the first then named as the part not answered
    (`Outcome.unanswered`). The second not answered after the first's answer: handed to a
    person as any question the knowledge base cannot answer (`hand_over` with `question`, the
    whole inquiry's words), the first's answer given before, the second named as not
    answered; after a ticket the first opened (Action.REGISTER) it is in that ticket's
    words, and named so. Neither answered, or suggestions offered: unchanged (the words the
    first inquiry carries keep both). A matter reported beside a question
    (`two_matters.reported`: no question itself) is handed to a person sorted by its own
    words (`_kind`), its ticket's question those words, after the question's answer or
    beside the templates it came close to (`_beside_offers`)."""
    if parts is None:
        return outcome
    if outcome.action is Action.SUGGEST and reported(parts[1]):
        return await _beside_offers(outcome, tx, desk, requester, parts[1])
    second = also_answered(desk, parts[1], requester.language)
    first_answered = outcome.action is Action.ANSWER or outcome.answered is not None
    if second is None:
        if outcome.action is Action.ANSWER:
            # A matter reported after the question (`two_matters`): its ticket is about it,
            # sorted by its words alone (not the answered question's department); the
            # inquiry it carries keeps the whole message.
            alone = Matter(desk, (), parts[1]) if reported(parts[1]) else None
            handed = await hand_over(
                tx=tx,
                desk=desk,
                requester=requester,
                question=parts[1] if alone else question,
                category=_kind(desk, alone),
                matter=alone,
            )
            return replace(handed, template_ids=outcome.template_ids, unanswered=parts[1])
        if first_answered and outcome.action in _HANDED:
            return replace(outcome, unanswered=parts[1])
        return outcome
    if second in outcome.template_ids or second == outcome.answered:
        return outcome
    if outcome.action not in (Action.ANSWER, *_HANDED):
        return outcome
    if outcome.action is Action.ANSWER:
        requester.last_offered = ",".join((*outcome.template_ids, second))
    if outcome.action in (Action.ANSWER, Handover.ASK_CATEGORY):
        # its turn in the inquiry a person may yet take (a ticket already open has its own)
        record_turn(requester, answer_turn(desk, desk.templates[second], parts[1]))
    unanswered = None if first_answered else parts[0]
    return replace(outcome, template_ids=(*outcome.template_ids, second), unanswered=unanswered)


async def _beside_offers(
    outcome: Outcome, tx: Transaction, desk: Desk, requester: Requester, matter: str
) -> Outcome:
    """`outcome` (SUGGEST: the question of a message only came close to templates) with the
    `matter` reported beside it (`two_matters`) handed to a person, sorted by its own words:
    the templates offered for the question go with what handing it came to
    (`Outcome.offered`), and stay the requester's to press (`last_offered`)."""
    offered, kept = outcome.template_ids, requester.inquiry
    alone = Matter(desk, (), matter)
    handed = await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=matter,
        category=_kind(desk, alone),
        matter=alone,
    )
    # The question's offers stay live beside the ticket, or beside the matter kept in one.
    if handed.action in (Handover.OPEN, Handover.TOO_MANY):
        requester.last_offered, requester.inquiry = ",".join(offered), kept
    return replace(handed, offered=offered, unanswered=matter)


def _kind(desk: Desk, matter: Matter | None) -> str | None:
    """The category of a `matter` reported beside a question: the one its words name, else
    the complaint category when it complains ("你们窗口态度太差了!"); None: asked (and
    for no such matter)."""
    if matter is None:
        return None
    said = matter.category()
    if said is None and (complains(matter.words) or complains_of_someone(matter.words)):
        settings = desk.settings
        return infer_category(settings, "投诉") or infer_category(settings, "complaint")
    return said


# What handing a question to a person comes to, after which the second's answer is given.
_HANDED = (Handover.OPEN, Handover.TOO_MANY, Handover.ASK_CATEGORY)
