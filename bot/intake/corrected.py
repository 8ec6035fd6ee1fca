"""A requester who corrects what they said they wanted, while the bot waits for more of it.

"我要投诉", asked what it is about, then "不对,其实我想问水费怎么交": a clerk does not write a
complaint about the water bill but lets the complaint go and answers the question (a new-user
trial's complaint ticket of it). Words that start by taking back what came before ("不对",
"不是投诉", "no wait", "sorry", "actually") and go on to ask something ("我想问…", "I meant to
ask…", or a question) withdraw the first inquiry waiting for its matter or for what it is
about (`pending.drop`, as a withdrawal while the category waits); the question after them is
taken as a fresh one (`corrected_question`, `take_correction`, in bot/intake/takers.py)."""

from __future__ import annotations

import re

from bot.desk import Desk
from bot.intake import pending
from bot.intake.new_matter import reads_as_question
from bot.intake.openers import names_no_matter
from bot.models import DialogStep, Requester
from bot.reading import read
from bot.transaction import Transaction

# What the bot waits for that a correction withdraws: the matter, what it is about.
_WAITING = (DialogStep.MATTER, DialogStep.CLARIFY)
_BREAK = r"[\s,，.。!！:：;；~～…-]*"
# Taking back what came before: "不对", "不是投诉", "说错了", "no wait", "sorry", "actually".
_BACK = re.compile(
    rf"^\W*(?:(?:不对|不是(?:的|投诉|报修|这个|这样|这事)?|错了|说错了|搞错了|弄错了|等等|等一下"
    r"|哦不是|啊不是|哦不|啊不|抱歉|不好意思|对不起|其实|实际上|我的意思是|我是说"
    r"|no|nope|no wait|wait|sorry|oops|my mistake|my bad|scratch that|not a complaint|not that"
    rf"|actually|i mean)(?![a-z]){_BREAK})+",
    re.IGNORECASE,
)
# Going on to ask: "我想问", "我是想咨询一下", "I meant to ask", "my question is".
_ASKING = re.compile(
    r"^(?:我|我们)?(?:其实|实际上)?(?:就|只)?(?:是)?(?:想|要)?(?:问|咨询|了解|打听|请教|知道)"
    r"(?:一下|下)?"
    r"|^(?:actually\s+)?i\s+(?:just\s+|only\s+)?"
    r"(?:want|wanted|meant|mean|would like|'d like|was going|was trying)"
    r"\s+to\s+(?:ask|know|find out)(?:\s+about)?|^(?:what i (?:want|wanted|meant) to ask is"
    r"|my question is|i have a question)",
    re.IGNORECASE,
)


@read
def corrected_question(text: str) -> str | None:
    """The question a correction goes on to ask ("不对,其实我想问水费怎么交": "水费怎么交"), or
    None when the words do not take back what came before, or ask nothing after it."""
    back = _BACK.match(text)
    if back is None:
        return None
    rest = text[back.end() :].strip()
    asking = _ASKING.match(rest.replace("’", "'"))
    question = rest[asking.end() :] if asking is not None else rest
    question = re.sub(rf"^{_BREAK}", "", question).strip()
    if not re.search(r"\w", question) or names_no_matter(question):
        return None
    return question if asking is not None or reads_as_question(question) else None


async def take_correction(
    *, tx: Transaction, desk: Desk, requester: Requester, text: str, forwarded: bool
) -> str | None:
    """While the bot waits for the matter of a first inquiry, or what it is about, words that
    correct it (`corrected_question`) withdraw it, nothing filed (`pending.drop`): the
    question they ask is returned, for the first inquiry to take as a fresh one. None (and
    nothing done) otherwise, and for a forward: never the requester's own correction."""
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    if forwarded or step not in _WAITING:
        return None
    question = corrected_question(text)
    if question is None:
        return None
    await pending.drop(tx=tx, rules=desk.rules, requester=requester)
    return question
