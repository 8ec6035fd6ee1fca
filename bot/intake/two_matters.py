"""A question and a matter of another kind in one message, as pure functions: "How do I apply
for a residence permit? Also the street light outside my house has been broken for a week.",
"请问怎么办理居住证?另外我家楼下路灯坏了一个星期了。", or the other way round: "你们窗口态度太差了!
另外想问下公积金怎么提取?".

A clerk at the window answers the question and takes the report down; neither is lost
(the seed's first rule, 首问负责: every matter reaches the person who owns it, and a question
the knowledge base answers is answered). Read whole, the words of the report outweighed the
question (a fault ticket, the question never answered), or the question the report (an
answer, the report dropped).

`question_then_matter` splits a question followed, after an opener ("另外", "also"), by a
report of something wrong (a fault, a complaint, a danger: `tells_matter`): the question is
what the first inquiry searches for (bot/intake/flow.py), the report what a person takes
(bot/intake/second.py `with_second`: the answer first, then the report named as passed to a
person, then the ticket's promise, the ticket carrying all the words). A report followed by
a question is `second.two_questions`' split already (the report searched first, the question
answered beside it); `reported` tells the front which of the two a part not answered is, so
that it is named as a matter taken rather than a question not answered.
"""

from __future__ import annotations

import re

from bot import hazard
from bot.complaint_words import complains, complains_of_someone
from bot.faults import reports_fault
from bot.intake.new_matter import OPENER, reads_as_question
from bot.intake.small_words import has_words, is_filler
from bot.reading import cut_from_written
from knowledge.text import without_lead

# An opener after a clause of the text's own ("…吗?另外…", "…? Also, …"), then the other
# matter (as bot/intake/second.py reads a second question).
_AFTER = re.compile(
    rf"[,\uff0c。.!\uff01?\uff1f;\uff1b]\s*{OPENER}[\W_]*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def tells_matter(text: str) -> bool:
    """Whether `text` reports something wrong that a person must act on, and asks nothing: a
    fault or a supply cut (`faults.reports_fault`), a complaint or someone's bad manners
    (`complaint_words`, even said in anger), a danger (`hazard.kinds`). Details
    ("我是外地户口", "I live in Haidian"), thanks and greetings tell none: they belong to the
    question beside them."""
    if not has_words(text) or reads_as_question(text):
        return False
    if complains(text) or complains_of_someone(text):  # "你们窗口态度太差了!": angry, and a matter
        return True
    return not is_filler(text) and (reports_fault(text) or bool(hazard.kinds(text)))


@cut_from_written
def question_then_matter(text: str) -> tuple[str, str] | None:
    """(the question, the other matter) when `text` asks a question and then, after an opener
    ("另外", "此外", "also", "by the way"), reports another matter (`tells_matter`):
    "请问怎么办理居住证?另外我家楼下路灯坏了一个星期了。" → ("请问怎么办理居住证?",
    "我家楼下路灯坏了一个星期了。"). None otherwise: no opener after words of the text's own, the
    words before it ask nothing, or those after it ask something too (two questions:
    `second.two_questions`) or report nothing (details of the question)."""
    text = text.strip()
    found = _AFTER.search(text)
    if found is None:
        return None
    question, matter = text[: found.start() + 1].strip(), found.group("rest").strip()
    if not has_words(question) or not reads_as_question(question):
        return None
    return (without_lead(question), matter) if tells_matter(matter) else None


def question_first(parts: tuple[str, str] | None) -> tuple[str, str] | None:
    """Two parts of a message (`second.two_questions`: the first searched first) with the
    question first when the first complains and asks nothing ("你们窗口态度太差了!另外想问下
    公积金怎么提取?" → ("公积金怎么提取?", "你们窗口态度太差了!"), the words that only greet or
    say a question follows left out: `knowledge.text.without_lead`): searched alone, a
    complaint comes close to no answer, and the question after it was lost; the question is
    answered, the complaint taken by a person. A fault reported first keeps its place (its
    template answers it and opens its ticket, the question answered beside it)."""
    if parts is None:
        return None
    first, second = parts
    complaint = complains(first) or complains_of_someone(first)
    if complaint and not reads_as_question(first) and not reports_fault(first):
        return without_lead(second), first
    return parts


def reported(part: str) -> bool:
    """Whether `part`, the part of a message the knowledge base did not answer, reports a
    matter rather than asks a question (`reads_as_question`): the front says it was passed to
    a person as a matter ("您反映的…", "What you reported…"), not as a question it could not
    answer."""
    return not reads_as_question(part)
