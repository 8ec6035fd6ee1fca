"""A question asked apart while the category buttons wait (issue 14): "另外,请问社保卡怎么补办?",
"By the way, how do I replace my social security card?" under the buttons of a question whose
kind of matter was asked was folded into that question as more of its words, and never
answered.

A clerk who asked "which kind of matter is it?" and hears "besides, another question…" does
not staple the new question to the slip waiting: they file the matter already told (in the
kind its words name, else the fallback category, as the sweep does when the choice is never
made and /new does: `close.Matter.filed_category`, through `anew.start_anew`), tell the
requester which question that ticket took, and take the new question on its own, as said
after /new. Words without such an opener (details, a place, the second part of a long paste)
are still more of the question waiting (`Action.MORE`), and so are words after an opener
that neither ask anything nor tell a matter to act on ("另外,材料是三月五号交的", "Also, it
was at window 3": more of the same matter).

A photo or file whose caption asks apart ("另外,楼道的灯坏了,照片如下") is decided here too
(bot/intake/attachments.py): the question waiting filed with what was held for it, and the
photo held for the new matter alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.desk import Desk
from bot.intake.anew import start_anew
from bot.intake.handing import Outcome
from bot.intake.new_matter import closing_and_new, reads_as_question
from bot.models import DialogStep, Requester, Ticket
from bot.reading import cut_from_written
from bot.resolution_words import another_matter
from bot.transaction import Transaction


@cut_from_written
def asked_apart(text: str) -> str | None:
    """The words of a new matter `text` introduces with an opener at its start ("另外", "还有,",
    "顺便问一下", "by the way", "also", "another question", thanks or "ok" before it allowed:
    `new_matter.closing_and_new`), when they ask something (`reads_as_question`) or tell a
    matter to act on (`resolution_words.another_matter`: a fault, a danger); None otherwise
    (no opener, or the words after it are more of the same matter)."""
    split = closing_and_new(text)
    if split is None:
        return None
    rest = split[1]
    if not re.search(r"\w", rest):
        return None
    return rest if reads_as_question(rest) or another_matter(rest) else None


@dataclass(frozen=True)
class Apart:
    """A question asked apart under the category buttons (`take_apart`): `filed`, what
    filing the question that waited came to (its ticket's promise, `about` its question, for
    the front to present first); `question`, the new question's words alone, to be taken as
    said after /new; `in_hand`, the ticket in hand for it (the requester's, else the one
    just filed)."""

    filed: Outcome
    question: str
    in_hand: Ticket | None


async def take_apart(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    forwarded: bool,
) -> Apart | None:
    """While the requester's question waits for its category (`DialogStep.CATEGORY`), a text
    of their own (not `forwarded`) that asks another question apart (`asked_apart`): the
    question waiting is filed in the caller's transaction (`anew.start_anew`: the category
    its words name, else the fallback one; its buttons go), and the next step is a new
    question (`DialogStep.NEW_QUESTION` beside a ticket). None when nothing of the kind:
    the text goes through the first inquiry as ever."""
    if forwarded or requester.dialog_step != DialogStep.CATEGORY or not requester.last_question:
        return None
    rest = asked_apart(text)
    if rest is None:
        return None
    question = requester.last_question
    filed = await start_anew(tx=tx, desk=desk, requester=requester, current=current)
    assert filed is not None  # a question waited for its category: it was handed over
    in_hand = current if current is not None else filed.ticket
    return Apart(replace(filed, about=question), rest, in_hand)
