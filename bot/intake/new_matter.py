"""A new matter in a requester's words, told from more about the one in hand, as pure functions
(the first inquiry's decision table, bot/intake/decision.py, reads them).

The seed's first rule (首问负责): each matter reaches the person who owns it, and a question
the knowledge base answers is answered, whoever asks and whatever else they have open. Three
cases, as a careful clerk handles them:

- after an answer, words that start another matter (`starts_anew`): a first inquiry of its
  own, so that neither its ticket's words nor its department come from the answered one;
- thanks closing the answered matter before those words ("谢谢。另外我家门口的路灯坏了",
  "Thanks. Also, the street light…", `closing_and_new`): the new inquiry's question is the new
  matter's words alone, the closing words kept beside them for the record (`inquiry.said`'s
  `closing`), never in the ticket's question or title;
- while a ticket is in progress (or its resolution awaits the requester's word), a question
  the knowledge base answers confidently, about another matter than the ticket's (`aside`):
  answered as it would be for anyone, and not filed in the ticket (a clerk answers it and
  does not bother the ticket's owner with it; the question and the answer are the requester's
  new first inquiry, which reaches a person with every word if the answer does not help).
  Anything less clear (details, "still broken", answers to the officer, thanks, words the
  knowledge base does not place confidently elsewhere) stays the ticket's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.intake.reply import Reply, reply_to_answer
from bot.rating_words import rating_alone, rating_said
from bot.reading import cut_from_written, read
from bot.resolution_words import (
    another_matter,
    says_not_solved,
    solved_then_another,
    solved_then_more,
)
from knowledge.matcher import Band

# Words that open a new matter ("besides…", "another question…", "by the way"), at the start.
_OPENER = (
    r"(另外|此外|还有一?件事|还有一个问题|另一个问题|另一件事|再问一下|顺便问一下|顺便说一下"
    r"|对了\W*(我?还想问(一下)?|还有一?件事|还有一个问题|另外)|我?还想问(一下)?|还有(?=[,\uff0c、:\uff1a])"
    r"|also\b|(and )?another (question|thing|matter|problem)|one more (question|thing)|separately"
    r"|besides\b|by the way|oh,? and\b)"
)
OPENER = _OPENER  # for a second question after words of the text's own (bot/intake/second.py)
# The openers that start a new matter by themselves after an answer (`starts_anew`): "另外…",
# "also…" (not "对了" alone, which also says "that's right").
_NEW_MATTER = re.compile(
    r"^\W*(另外|此外|还有一?件事|还有一个问题|另一个问题|另一件事|再问一下|顺便问一下|顺便说一下"
    r"|还有(?=[,\uff0c、:\uff1a])"
    r"|also\b|(and )?another (question|thing|matter|problem)|one more (question|thing)|separately"
    r"|besides\b|by the way)",
    re.IGNORECASE,
)
# Words that close the matter just answered: thanks, "ok", "got it" (each may repeat).
_CLOSING = (
    r"(谢谢(你|您|师傅|了)?|多谢|感谢|好的|好|行|嗯|明白了|知道了|收到"
    r"|thanks( a lot)?|thank you( very much)?|thx|ok(ay)?|great|got it|cool)"
)
# Closing words, then an opener (or "对了" after thanks), then the new matter (group "rest"); an
# opener may take several ("Oh, and another thing:", "另外,还有一件事,"): all of them lead.
_OPENERS = rf"{_OPENER}([\W_]*{_OPENER})*"
_CLOSING_AND_NEW = re.compile(
    rf"^(?P<lead>\W*(({_CLOSING}[\W_]*)*{_OPENERS}|({_CLOSING}[\W_]*)+对了)[\W_]*)(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A question: a question mark, or the words that ask one, in either language.
# "几" asks ("要几天?", "几点开门"), not in "好几天", "这几天", "前几天", "十几个", "几十个人":
# "已经好几天了,物业不管" beside a leak's ticket is more of it, no question of another matter.
_QUESTION = re.compile(
    r"[?\uff1f]|吗|怎么|如何|什么|哪|多少|(?<![好这前十])几(?![十百千万])|能不能|可不可以|是否"
    r"|请问|想问|问一下|咨询"
    r"|^\W*(how|what|where|when|which|who|whom|whose|why|can|could|may|do|does|did|is|are"
    r"|should|would|will)\b"
    r"|\bi (want(ed)?|meant|need(ed)?|was trying) to (know|ask)\b|\bmy question (is|was)\b",
    re.IGNORECASE,
)


@cut_from_written
def closing_and_new(text: str) -> tuple[str, str] | None:
    """(the words that close one matter and open another, the new matter's words) when `text`
    leads with an opener ("另外", "also", "by the way"), thanks or "ok" before it allowed:
    "谢谢。另外我家门口的路灯坏了" → ("谢谢。另外", "我家门口的路灯坏了"). None when it does
    not, or nothing follows the opener."""
    found = _CLOSING_AND_NEW.match(text.strip())
    if found is None:
        return None
    return found.group("lead").strip(), found.group("rest").strip()


def starts_anew(
    *, text: str, answered: str | None, closest: str | None, fault: bool = False
) -> bool:
    """After the bot answered with template `answered` (and nothing happened since), whether
    `text` is a new matter rather than more about that one: the knowledge base finds it close
    (suggest or better) to another template (`closest`), or it says so at its start ("另外…",
    "also…", "another question…", after thanks too: `closing_and_new`). A new matter begins
    a new first inquiry, so that neither its ticket's words nor its department come from the
    question already answered (the seed's first rule: each matter reaches the person who
    owns it). `fault`: the words tell a fault while the answer was about none
    (`own_kind.tells_fault_after`), or name another thing than the answered matter's
    (`own_kind.names_another_thing`: bins after the social security card's answer): a new
    matter too, though no template comes close."""
    if answered is None:
        return False
    if fault or (closest is not None and closest != answered):
        return True
    return _NEW_MATTER.search(text) is not None or closing_and_new(text) is not None


@read
def reads_as_question(text: str) -> bool:
    """The text asks something: a question mark (either width), or words that ask ("怎么",
    "吗", "请问", "how", "can I"… at its start in English). A report ("路灯坏了") is none."""
    return _QUESTION.search(text) is not None


def aside(
    *, band: Band, needs_person: bool, same_matter: bool, question: bool, not_solved: bool
) -> bool:
    """Whether a text written while a ticket is in progress (or resolved, awaiting the
    requester's word) is a matter of its own, answered from the knowledge base rather than
    filed in the ticket: the knowledge base answers it confidently (`band` ANSWER) with a
    template that needs no person (`needs_person` false: a matter a person must act on goes
    to the ticket's owner as before), it is not the ticket's matter (`same_matter` false, as
    `bot.same_matter.alike` judges a template's topic against the ticket's), it reads as a
    question (`question`, `reads_as_question`), and it does not say the ticket's matter is
    not solved (`not_solved`, `bot.resolution_words.says_not_solved`: that reopens the ticket)."""
    return (
        band is Band.ANSWER
        and not needs_person
        and not same_matter
        and question
        and not not_solved
    )


# Where a reply may end and a question begin: a clause's punctuation (a space alone does not:
# "No one came, why?" leads with no "no").
_CLAUSE = re.compile(r"[,\uff0c。.!\uff01;\uff1b:\uff1a、…~]+\s*")
# An opener leading what follows a reply ("解决了,谢谢。另外,…"), taken with the reply.
_LEADING_OPENER = re.compile(rf"^\W*{_OPENERS}[\W_]*", re.IGNORECASE)


@dataclass(frozen=True)
class Led:
    """A text that leads with words about what was said before and goes on to a question:
    `reply`, what the lead says of the answer (or resolution) just given (SOLVED, NOT_SOLVED;
    None: thanks or an opener only, "谢谢。另外", "Also,"); `lead`, those words as written;
    `rest`, the question after them, to be taken alone; `opener`, whether the lead ends with
    words that open another matter ("另外", "also"), which a reply alone does not say ("是的,
    那要带什么材料?" may ask more of the same)."""

    reply: Reply | None
    lead: str
    rest: str
    opener: bool = True
    score: int | None = None  # a rating leading it ("5星,另外…"): SOLVED, rated so


@cut_from_written
def led_question(text: str) -> Led | None:
    """Split `text` into a leading reply and the question after it, when it has both:
    "没用,我是想问离职后怎么提取" → (NOT_SOLVED, "没用,", "我是想问离职后怎么提取");
    "Solved, thanks. Also, how do I…" → (SOLVED, "Solved, thanks. Also,", "how do I…");
    "还有,办公积金提取要本人去吗?" → (None, "还有,", "办公积金提取要本人去吗?"). The lead
    is the longest run of whole clauses that `reply.reply_to_answer` reads as a reply, then an
    opener if one follows; else thanks and an opener (`closing_and_new`). What follows a
    reply is a question only when it reads as one (`reads_as_question`) or an opener
    introduces it ("没用,车还是堵着" is a reply and details: None). Thanks or an opener
    alone lead any words (whether those are another matter is the caller's to judge)."""
    text = text.strip()
    rated = rated_and_new(text)
    if rated is not None:
        return rated
    reply, end = None, 0
    for clause in _CLAUSE.finditer(text):
        if clause.end() >= len(text):
            break
        said = reply_to_answer(text[: clause.start()])
        if said is not None:
            reply, end = said, clause.end()
    if reply is not None:
        rest = text[end:]
        opener = _LEADING_OPENER.match(rest)
        if opener is not None:
            rest = rest[opener.end() :]
        rest = rest.strip()
        if re.search(r"\w", rest) and (opener is not None or reads_as_question(rest)):
            lead = text[: len(text) - len(rest)].strip()
            return Led(reply, lead, rest, opener=opener is not None)
    split = closing_and_new(text)
    if split is not None:
        return Led(None, split[0], split[1])
    return thanked_and_new(text) or solved_but_new(text)


@cut_from_written
def solved_but_new(text: str) -> Led | None:
    """Solved, "but" (or a sentence's end) then another matter to act on
    (`resolution_words.solved_then_another`): "修好了,不过隔壁的路灯也坏了" → (SOLVED, "修好了,
    不过", "隔壁的路灯也坏了"), the new fault a first inquiry of its own, never a remark on the
    service nor filed into the ticket solved."""
    split = solved_then_another(text)
    if split is not None:
        return Led(Reply.SOLVED, split[0], split[1])
    # Any other matter after "but" ("the bill is still wrong", "我想申请公租房"): no opener
    # said, so whether it is the ticket's is judged against it (`lead.apart`).
    more = solved_then_more(text)
    return None if more is None else Led(Reply.SOLVED, more[0], more[1], opener=False)


# Words of their own, thanks in the last clause, then an opener and another matter: "孩子出来了,
# 谢谢你们。另外…", "Thanks for the update. Also, …" (group "said": what leads the opener).
_THANKED_AND_NEW = re.compile(
    rf"^(?P<lead>(?P<said>[^?\uff1f\n]*?(谢谢|多谢|感谢|thanks|thank you|thx)"
    rf"[^。.!\uff01?\uff1f;\uff1b\n]{{0,30}}?)"
    rf"[\W_]+{_OPENER}[\W_]*)(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


@cut_from_written
def thanked_and_new(text: str) -> Led | None:
    """A lead of the requester's own words with thanks, then an opener, before another matter
    (issue 14): "孩子出来了,谢谢你们。另外我家门口的路灯也坏了" → (SOLVED, "孩子出来了,谢谢你们。
    另外", "我家门口的路灯也坏了"): thanks for what was done say it is solved, as "solved,
    thanks" does. None when it does not, or the lead says it is not solved ("没修好,谢谢。
    另外…": the ticket's, reopened)."""
    found = _THANKED_AND_NEW.match(text.strip())
    if found is None or says_not_solved(found.group("said")):
        return None
    return Led(Reply.SOLVED, found.group("lead").strip(), found.group("rest").strip())


# The longest a rating with its fillers runs ("I'd give it 5 stars, thank you very much"): a
# lead read clause by clause stops there, so a message of thousands of characters is not read
# once a clause.
RATING_LEAD = 80


@cut_from_written
def rated_and_new(text: str) -> Led | None:
    """A rating in words leading another matter (issue 14): "5星,另外我家门口的路灯坏了好几天了"
    → (SOLVED, "5星,另外", "我家门口的路灯坏了好几天了", score 5); "5 stars. Also, …" alike. The
    lead is the longest run of whole clauses that is only a rating (`rating_alone`, a rating
    said: "5" alone may answer an officer), then an opener if one follows; what follows is
    another matter when an opener introduces it, it asks something, or it tells a fault or a
    danger (`another_matter`). None otherwise."""
    found = None
    for clause in _CLAUSE.finditer(text):
        if clause.end() >= len(text) or clause.start() > RATING_LEAD:
            break
        said = text[: clause.start()]
        score = rating_alone(said)
        if score is not None and rating_said(said) is not None:
            found = score, clause.end()
    if found is None:
        return None
    score, end = found
    rest = text[end:]
    opener = _LEADING_OPENER.match(rest)
    if opener is not None:
        rest = rest[opener.end() :]
    rest = rest.strip()
    if not re.search(r"\w", rest):
        return None
    if opener is None and not (reads_as_question(rest) or another_matter(rest)):
        return None
    lead = text[: len(text) - len(rest)].strip()
    return Led(Reply.SOLVED, lead, rest, opener=opener is not None, score=score)
