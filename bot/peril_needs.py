"""What makes a requester's matter urgent though no danger is heard now: someone depending
on a supply an outage cuts (`dependence`), a vulnerable person at home without heating
(`exposure`); and when such a dependence is a danger (`dependent_known`: the cut is
happening or known to come, not merely asked about), also when the cut was told in a notice
they passed on or an earlier message of the same inquiry (`in_context`). Pure: text in,
words out."""

from __future__ import annotations

import re

from bot import faults
from bot.frail_words import COLD, FRAIL
from bot.hazard import clauses, denied, supposed
from bot.hazard_people import DEPENDS, SUPPLY_CUT
from bot.peril_words import NO_HEAT, VULNERABLE
from bot.reading import reading


def exposure(text: str) -> list[str]:
    """The words in `text` of a vulnerable person (an elderly person, a baby) at home without
    heating (bot/peril_words.py `NO_HEAT`, `VULNERABLE`; by kin, age or living alone and
    the cold in more words, bot/frail_words.py `FRAIL`, `COLD`), each said now in some clause, not
    denied right before it ("家里没有老人"; a denial further back is the heating's: "the
    heating is not working and my elderly mother…"): no danger heard now, but urgent. None:
    it tells no such need."""
    text = reading(text)
    parts = clauses(text)
    found = [
        next(
            (
                m.group()
                for c in parts
                for p in group
                for m in p.finditer(c.text)
                if c.now(m.start(), negation=False) and not _NONE.search(c.text[: m.start()])
            ),
            None,
        )
        for group in ((NO_HEAT, COLD), (VULNERABLE, FRAIL))
    ]
    return [w for w in found if w] if all(found) else []


# Nobody of the kind ("没有老人", "no elderly people"), right before the word.
_NONE = re.compile(
    r"(?:没有|没|无|不是)\w{0,2}$|(?<![a-z])(?:no|not|without|n['’]t)\s+(?:\w+\s+)?$"
)


def dependence(text: str) -> list[str]:
    """The words in `text` of someone depending on a supply that an outage it names cuts
    (bot/hazard_people.py `DEPENDS`, `SUPPLY_CUT`: "这个停水会影响到3号楼吗?我家有老人需要透析"):
    the outage may be asked about or planned, the dependence not denied ("不用透析") nor
    part of a how-to question. None: it tells no such need."""
    text = reading(text)
    folded = text.casefold()
    if not (DEPENDS.search(folded) and SUPPLY_CUT.search(folded)):
        return []
    found: list[str] = []
    for clause in clauses(text):
        for m in DEPENDS.finditer(clause.text):
            before = clause.text[: m.start()]
            if clause.how_to or denied(before):
                continue
            if m.group() not in found:
                found.append(m.group())
    return found


def known_cut(text: str) -> bool:
    """Whether `text` tells a supply cut happening or known to come (a notice, a plan, a
    date: "12月3日8:00-18:00幸福小区停电", "Power cut notice: … 3 December"), not only asked
    about ("这个停水会影响到3号楼吗"), supposed or asked how to report (`bot.hazard`)."""
    text = reading(text)
    return any(
        not (c.asked or c.how_to or supposed(c.raw) or denied(c.raw[: m.start()]))
        for c in clauses(text)
        for m in SUPPLY_CUT.finditer(c.raw)
    )


def dependent_known(text: str) -> list[str]:
    """The words of someone depending on medical equipment (`dependence`) whose supply `text`
    tells is cut now (`faults.cuts_now`) or known to be cut (`known_cut`): a danger to people
    (kind `priority.DEPENDENT`): the ambulance number and what to do before the device stops.
    An outage only asked about is urgent, no more."""
    text = reading(text)
    needs = dependence(text)
    return needs if needs and (faults.cuts_now(text) or known_cut(text)) else []


def in_context(own: str, context: str) -> str:
    """`own` words of a requester, with the clauses of `context` (the notices and earlier
    messages of the same inquiry) that tell a supply cut when `own` tells a dependence on
    medical equipment and no cut of its own ("家里有人用制氧机,怎么办?" after a forwarded
    "【停电通知】…幸福小区停电"): read together for the danger and the priority; else `own`."""
    if not DEPENDS.search(own.casefold()) or SUPPLY_CUT.search(own.casefold()):
        return own
    cuts = [c.raw.strip() for c in clauses(context) if SUPPLY_CUT.search(c.raw)]
    return "\n".join([own, *cuts]) if cuts and dependence("\n".join([own, *cuts])) else own
