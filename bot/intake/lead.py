"""Words that lead with a reply or an opener before a question of another matter, while a
ticket is in hand (issue 14): "还有,办公积金提取要本人去吗?", "解决了,谢谢。另外,公积金怎么
提取?", "Solved, thanks. Also, …". The split itself is pure (`new_matter.led_question`); this
judges it against the ticket in hand and carries out what the lead says.

A careful clerk with a ticket of the requester's on the desk hears the lead as said ("solved"
about a resolution awaiting their word confirms it, as a rating would) and the question after
it as one of its own when the knowledge base places it at another matter than the ticket's:
searched and answered as for anyone, else a first inquiry that reaches a person as a ticket of
its own. Never filed silently in the unrelated ticket. A "not solved" lead stays the ticket's
("没修好,另外…": it reopens it, the words with it), and so do words the knowledge base places
nowhere: nothing tells they are another matter, and the requester hears which ticket took them.
"""

from __future__ import annotations

import re

from bot import closure, details
from bot.but_words import still_of_it, thing_wrong
from bot.desk import Desk
from bot.faults import cut_supplies
from bot.intake import held, inquiry, offers
from bot.intake.close import another_thing, matter_words, other_topic
from bot.intake.inquiry import Turn
from bot.intake.new_matter import Led
from bot.intake.reply import Reply
from bot.intake.second_matter import separate_matter
from bot.matter_terms import terms
from bot.models import Requester, Ticket, TicketStatus
from bot.resolution_words import says_not_solved
from bot.same_matter import things
from bot.transaction import Transaction


def apart(desk: Desk, ticket: Ticket, led: Led | None) -> bool:
    """Whether the question after `led` (None: the text has no lead) is taken alone, apart from
    `ticket` in hand: "solved" said of its resolution awaiting the requester's word and an
    opener ("解决了,谢谢。另外,…": it is confirmed, `confirm_said`; after "but", only
    another thing said still broken, `close.another_thing`), or a lead other than "not
    solved" before words the knowledge base places at another matter than the ticket's
    (`close.other_topic`), or that an opener announces as another matter and that tells
    nothing of the ticket's (`second_matter.separate_matter`)."""
    if led is None or led.reply is Reply.NOT_SOLVED:
        return False
    resolved = ticket.status is TicketStatus.RESOLVED
    if resolved and led.reply is Reply.SOLVED and back_again(led.rest, _words_of(ticket)):
        # "解决了但是又停电了", "Solved, but the power keeps going off again": the ticket's
        # matter back, reopened, never thanks that confirm it nor a matter of its own.
        return False
    if led.reply is Reply.SOLVED and led.opener and ticket.status is TicketStatus.RESOLVED:
        # "Solved, but still broken" is not solved unless what is still broken is another
        # thing ("修好了,但是电梯还是不能用" after a power cut: a matter of its own).
        return not says_not_solved(led.rest) or another_thing(desk, ticket, led.rest)
    if led.reply is Reply.SOLVED and ticket.status is TicketStatus.RESOLVED:
        # "Solved, but" a matter of its own (`resolution_words.solved_then_more`): a question,
        # a complaint, a request, another thing wrong ("the bill is still wrong"), when it
        # shares nothing of the ticket's matter, or a thing in a bad state (`new_state`);
        # "好了,不过还是没电" is the ticket's, and so is "still" with no thing of its own.
        if still_of_it(led.rest):  # "灯修好了,但是还是一闪一闪的": the light's, still bad
            return False
        words = matter_words(ticket.question, ticket.inquiry)
        if still_its_own(led.rest, words, desk.settings.surge.objects):
            return False  # "修好了,但是路面还是坑坑洼洼的" after a pothole's repair
        return (
            another_thing(desk, ticket, led.rest)
            or of_its_own(led.rest, words)
            or other_topic(desk, ticket, led.rest)
            or new_state(led.rest, words, desk.settings.surge.objects)
        )
    # Announced as another matter ("还有一件事,…"): apart unless it tells the ticket's.
    return other_topic(desk, ticket, led.rest) or separate_matter(desk, ticket, led)


# A supply named, cut or not ("没电", "the power keeps going off"), not a thing of its
# name ("电梯", "电费", "water bill"): the same matter as a power cut's, whatever its words.
_SUPPLIES = (
    (
        "power",
        r"电(?!梯|费|话|脑|视|表|池|动|影|器|线)|\b(?:power|electricity|electric)\b(?!\s+bill)",
    ),
    ("water", r"(?<![口油墨])水(?!费|表|电费|果|平)|\bwater\b(?!\s+bill)"),
    ("gas", r"燃气|煤气|\bgas\b(?!\s+bill)"),
    ("heating", r"暖气|供暖|\bheat(?:ing)?\b"),
)
_SUPPLY_NAMED = tuple((name, re.compile(words, re.IGNORECASE)) for name, words in _SUPPLIES)


def _marks(text: str) -> frozenset[str]:
    """What may tell `text`'s matter: its terms (`matter_terms.terms`), each supply it
    names or says is cut."""
    named = {name for name, pattern in _SUPPLY_NAMED if pattern.search(text)}
    return terms(text) | {f"supply:{s}" for s in named | set(cut_supplies(text))}


def _words_of(ticket: Ticket) -> str:
    """What `ticket`'s matter was told in: its question and its inquiry's words."""
    return matter_words(ticket.question, ticket.inquiry)


# Said to happen again: "又停电了", "再次停水", "the power keeps going off", "went off again".
_AGAIN = re.compile(r"又|再次|再一次|\b(?:again|keeps?|kept)\b", re.IGNORECASE)


def back_again(words: str, ticket_words: str) -> bool:
    """Whether `words` after "solved, but" say the ticket's matter happens again: "again"
    (`_AGAIN`) and the thing in hand still so, naming no thing of its own ("又坏了":
    `but_words.still_of_it`), or a cut of a supply the ticket's words say was cut ("又停电了",
    "the power keeps going off again" after a power cut's repair)."""
    if _AGAIN.search(words) is None:
        return False
    return still_of_it(words) or bool(set(cut_supplies(words)) & set(cut_supplies(ticket_words)))


def new_state(words: str, ticket_words: str, objects: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `words` after "solved, but" tell a thing in a bad state (`but_words.thing_wrong`:
    "水压还是很低" after the water came back, "电压很低") that is not the ticket's own thing
    not solved (`says_not_solved`: "还是没水") nor a thing the ticket's words name (`objects`,
    config `surge.objects`: "路灯还是很暗" after a street light's repair is the light's): a new
    problem, no word on the resolution (a tester's "好了,但是水压还是很低" was asked about
    again, the resolution's question repeated, and the pressure taken up by nobody). A supply
    still cut that the ticket's words say was cut ("there is still no electricity" after a
    power cut's repair) is its own thing not solved, in any language."""
    if not thing_wrong(words) or says_not_solved(words):
        return False
    if set(cut_supplies(words)) & set(cut_supplies(ticket_words)):
        return False
    return not things(words, objects) & things(ticket_words, objects)


def still_its_own(words: str, ticket_words: str, objects: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `words` after "solved, but" say a thing the ticket's words name (`objects`,
    config `surge.objects`) still (or again) in a bad state (`says_not_solved`: "路面还是坑坑
    洼洼的" after a pothole's repair, "the pothole is still there"): the ticket's own matter
    not solved, never a new one."""
    return says_not_solved(words) and bool(things(words, objects) & things(ticket_words, objects))


def of_its_own(words: str, ticket_words: str) -> bool:
    """Whether `words` after "solved, but" tell a matter (a term or a supply) and share
    none with the ticket's words: "the bill is still wrong" after a power cut is its own;
    "the power keeps going off" is the power cut's."""
    said = _marks(words)
    return bool(said) and not said & _marks(ticket_words)


def place_named(text: str) -> str | None:
    """The first place `text` names, as written (`details.located`: "幸福路12号门口的路灯坏了"
    names "幸福路12号"), a name and its building beside it one ("幸福里3号楼"); None when it
    names none."""
    spans = details.located(text)
    start, end = spans[0] if spans else (0, 0)
    for begin, finish in spans[1:]:
        if text[end:begin].strip():
            break
        end = max(end, finish)
    return text[start:end].strip() or None


async def said_apart(
    *, tx: Transaction, desk: Desk, requester: Requester, ticket: Ticket, led: Led
) -> tuple[str, str]:
    """The words of the new inquiry after `led`, a lead taken apart from `ticket` (`apart`),
    its lead carried out first (`confirm_said`): (the question after the lead, searched
    alone; a line to file with it, else ""). When the lead's "solved" confirmed `ticket`'s
    resolution and the question names no place (`details.given`), that line says it is at
    `ticket`'s place (template `carried_place`, in the staff's language: "\n(地点同工单 #1:
    幸福路12号)"), the place the officer just worked at and the requester came back from:
    five homes each telling "小区东门那个井盖不见了" after their own street light's repair
    are five places, no one incident. Announced as another matter ("Another thing: …") with
    no word on a resolution, nothing is carried."""
    confirmed = await confirm_said(tx=tx, desk=desk, requester=requester, ticket=ticket, led=led)
    place = place_named(ticket.question) if confirmed else None
    if place is None or details.LOCATION in details.given(led.rest):
        return led.rest, ""
    carried = desk.texts.render(
        "carried_place", desk.settings.languages.default, ticket_id=ticket.id, place=place
    )
    return led.rest, f"\n{carried}"


async def confirm_said(
    *, tx: Transaction, desk: Desk, requester: Requester, ticket: Ticket, led: Led
) -> bool:
    """The lead of a question taken apart (`apart`) said "solved" of `ticket`'s resolution
    awaiting the requester's word: it is confirmed, as a clerk takes a plain "solved"
    (`closure.confirmed_in_words_and_tell`), and told the matter after it is taken up apart,
    as a new inquiry of its own; a rating leading it ("5星,另外…") confirms it with that
    rating, thanked, as the stars pressed (`closure.words_after_resolution_and_tell` reads the
    lead alone). Nothing otherwise. Whether the lead confirmed it."""
    if led.score is not None and ticket.status is TicketStatus.RESOLVED:
        await closure.words_after_resolution_and_tell(
            tx=tx, rules=desk.rules, ticket=ticket, requester=requester, text=led.lead
        )
        return True
    if led.reply is Reply.SOLVED and ticket.status is TicketStatus.RESOLVED:
        await closure.confirmed_in_words_and_tell(
            tx=tx, rules=desk.rules, ticket=ticket, requester=requester, other=led.rest
        )
        return True
    return False


def after_answer(requester: Requester, led: Led | None) -> frozenset[str]:
    """What the lead of a text written right after an answer (`led`, None: no lead) says of
    that answer, carried out: "not solved" before a question ("没用,我是想问…") rejects it,
    as *Not solved* does (`inquiry.rejecting`), and the question after it is the same
    inquiry's, searched alone; the rejected templates are returned, which neither answer it
    again nor decide its matter. "Solved" and an opener before another matter ("是的,另外…")
    settle it: what they sent with it opens no ticket (`held.let_go`)."""
    if led is not None and led.reply is Reply.NOT_SOLVED:
        requester.inquiry = inquiry.rejecting(requester.inquiry or [])
        return inquiry.rejected(requester.inquiry)
    if led is not None and led.reply is Reply.SOLVED and led.opener:
        held.let_go(requester)
    return frozenset()


async def fresh(
    *, tx: Transaction, requester: Requester, turns: list[Turn], new: bool
) -> list[Turn]:
    """The inquiry a text goes on with, `turns` the one going on: a matter of its own beside
    the ticket in hand (`new`) after a first inquiry begun aside (`inquiry.is_aside`: a
    question answered or offered apart from the ticket) begins afresh, the earlier one set
    aside with its buttons (`offers.set_aside`), so that neither its question nor its words
    join the new matter's ("我的养老金怎么查?" offered, then "我家停电了": a power cut's ticket
    without the pension's words). Else `turns` as they are."""
    if not (new and turns and inquiry.is_aside(turns)):
        return turns
    await offers.set_aside(tx=tx, requester=requester, turns=turns)
    requester.last_question = requester.last_offered = None
    return []
