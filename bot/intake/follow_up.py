"""Whether words written beside a ticket in hand are more of it, or a matter of its own (issue
14), as pure functions. A careful clerk files a follow-up in its ticket: the matter not solved
yet ("还没修好", "still not working"), progress asked ("any news?", "什么时候来修?"), the thing
again ("又堵上了"), details (an address, a phone number), thanks, a request for a person, or
words sharing the ticket's own ("路灯还是不亮" beside a street light). Only what is plainly
another matter leaves the ticket (`own_matter`): a fault or a supply cut of another kind than
the ticket's ("我家停电了" beside a fire-lane complaint or a street light), or a question the
knowledge base places at another department's matter. Precision over recall: a follow-up
never leaves its ticket, so anything that may refer to it stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.details import given
from bot.intake.openers import wants_person
from bot.intake.small_words import is_filler
from bot.matter_terms import characters, terms
from bot.reading import read
from bot.remembered import remembered
from bot.resolution_words import says_not_solved

# Words that refer to the ticket's matter, its progress or its handling, or say it again.
_FOLLOW_UP = re.compile(
    r"进展|进度|怎么样了|结果|消息|回复|答复|什么时候|啥时候|何时|多久|多长时间|几天|要等|等了|还没|没人"
    r"|还是|还在|仍然|依然|依旧|又|再次|催|到底|处理|解决|修好|来修|来人|上门|师傅|工作人员|你们"
    r"|这个|那个|这事|此事|这件|那件|上次|之前|刚才|工单|单号|编号|投诉的|报修的|反映的|说的"
    r"|\b(?:any|news|updates?|progress|status|when|how\s+long|still|yet|again|follow(?:ing)?"
    r"|chas(?:e|ing)|remind(?:er)?|wait(?:ing|ed)?|tickets?|case|report(?:ed)?|complain(?:t|ed)?"
    r"|it|its|this|that|these|those|they|them|someone|anyone|nobody|officer|staff|you|your"
    r"|same|fixed|done|solved|resolved)\b",
    re.IGNORECASE,
)


@read
def refers_back(text: str) -> bool:
    """Whether `text` refers back to a ticket in hand by its words: "not solved", progress
    asked, the ticket, its matter or its time referred to ("已经好几天了", "it has been days",
    "nobody came": `_FOLLOW_UP`); the part of `follows_up` that words of a matter of their own
    say too (neither details, thanks nor a person asked for)."""
    return bool(says_not_solved(text) or _FOLLOW_UP.search(text))


@read
@remembered
def follows_up(text: str) -> bool:
    """Whether `text`, beside a ticket in hand, reads as more of it by its words alone: "not
    solved" (`says_not_solved`), progress asked, the ticket or its matter referred to
    (`_FOLLOW_UP`), details given (an address, a phone number, a code: `details.given`),
    thanks or filler (`is_filler`), or a person asked for (`wants_person`)."""
    return bool(
        says_not_solved(text)
        or _FOLLOW_UP.search(text)
        or given(text)
        or is_filler(text)
        or wants_person(text)
    )


def shares_words(text: str, ticket_words: str) -> bool:
    """Whether `text` and the ticket's words share a word of a matter (a pair of Chinese
    characters, an English word of four letters or more; "我家", "小区", "with" say none)."""
    return bool(terms(text) & terms(ticket_words))


def shares_characters(text: str, ticket_words: str) -> bool:
    """Whether `text` and the ticket's words share a Chinese character that tells a matter
    alone (`matter_terms.characters`): "灯一闪一闪的" beside "路灯坏了" speaks of its light."""
    return bool(characters(text) & characters(ticket_words))


@dataclass(frozen=True)
class Beside:
    """What the words beside a ticket say, as plain values: `follow_up`, they read as more of
    it (`follows_up`); `same_matter`, they are its matter (a template the ticket was answered
    with, alike its words as the surge check judges, or words shared: `shares_words`);
    `fault`, they tell a fault or a supply cut now (`bot.faults.reports_fault`);
    `ticket_fault`, the ticket is a fault report; `new_supply`, they tell a supply cut that
    the ticket's words do not; `question`, they ask something; `elsewhere`, the knowledge
    base places them at a template of another category and department than the ticket's."""

    follow_up: bool
    same_matter: bool
    fault: bool = False
    ticket_fault: bool = False
    new_supply: bool = False
    question: bool = False
    elsewhere: bool = False


def own_matter(beside: Beside) -> bool:
    """Whether words beside a ticket in hand are a matter of their own, a first inquiry apart
    from the ticket: never a follow-up nor the ticket's matter; a fault of another kind (the
    ticket no fault report, or a supply cut its words do not tell); or a question the
    knowledge base places at another category's and department's matter."""
    if beside.follow_up or beside.same_matter:
        return False
    if beside.fault:
        return not beside.ticket_fault or beside.new_supply
    return beside.question and beside.elsewhere
