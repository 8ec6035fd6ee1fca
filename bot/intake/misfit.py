"""Whether a template the matcher is sure of still misses what the words ask (a new-user
trial: "electricity bill charged twice" was answered with how to pay the bills, "I'm a
foreigner, how do I get a social security card?" and "外国人怎么办社保卡" with how to replace a
lost one, "no hot water" with the water cut's answer and a ticket). A clerk hears the words
close to a template's and still sees that its answer is of another matter:

- OTHER_KIND: the words tell a charge gone wrong (`charge_gone_wrong`: charged or deducted
  twice, overcharged, "电费被扣了两次", "重复扣费", "多扣了"), and the template only says how
  to do something: no person acts on it, it is no complaint's, and nothing of it is about a
  wrong charge. How to pay a bill does not settle a bill paid twice: its answer is never
  given, nor offered.
- UNTOLD: the template's matter is a circumstance the words do not tell: a lost thing's
  replacement (its keywords name the loss: "挂失", "补办", "lost") for words that tell no loss
  nor ask a replacement ("how do I get a social security card?", "外国人怎么办社保卡": a first
  card is not a lost one's); a supply cut's (its keywords name the cut: "停水", "no water")
  for words that tell a kind of that supply gone and no cut of the supply itself ("no hot
  water", "家里没有热水": the water runs, the hot water does not). Its answer may still be
  what they mean: it is offered ("did you mean"), not given.

Pure: the templates and the words."""

from __future__ import annotations

import re
from enum import StrEnum

from bot import faults
from bot.intake.close_tie import said
from bot.reading import reading
from knowledge.templates import CaseTemplate


class Misfit(StrEnum):
    OTHER_KIND = "other_kind"  # another kind of matter: the template is not offered either
    UNTOLD = "untold"  # the template's circumstance is not told: offered, not answered


# A charge gone wrong: twice, double, too much, by mistake ("电费被扣了两次", "重复扣费", "多扣
# 了50元", "扣错了", "乱收费", "charged twice", "double charged", "overcharged", "billed twice",
# "paid twice", "deducted twice", "a duplicate payment", "wrong amount").
_WRONG_CHARGE = re.compile(
    r"(?:扣|收|缴|交|付|划|计)了?(?:两|二|2|双|多|好几)(?:次|遍|笔|回)"
    r"|重复(?:扣|收|缴|交|付|计|划)|(?:多|乱|错|误)(?:扣|收费|计费|划)|扣错|收错|计错"
    r"|\b(?:charged|billed|deducted|debited|taken|paid)\s+(?:me\s+|us\s+)?"
    r"(?:twice|two\s+times|double|two\s+times\s+over|too\s+much|by\s+mistake|wrongly)\b"
    r"|\b(?:double|twice|wrongly|over)[\s-]?(?:charged|billed|deducted|debited|charge|billing)\b"
    r"|\bduplicate\s+(?:charge|payment|debit|deduction|bill)s?\b"
    r"|\bwrong\s+(?:amount|charge|bill)\b"
)
# A loss, or the replacement of a lost thing: "丢了", "掉了", "遗失", "被偷", "挂失", "补办",
# "lost", "stolen", "missing", "can't find", "replace".
_LOSS = re.compile(
    r"丢|遗失|掉了|弄掉|不见了|找不到|被偷|被盗|失窃|被抢|挂失|补办|补领|补卡|补发|补证"
    r"|\b(?:los[te]|losing|stolen|missing|misplaced|can(?:no|'|’)?t\s+find|replac\w*)\b"
)


# A kind of a supply said gone, not the supply: "no hot water", "without hot water", "没有热
# 水", "没热水了" (a word or character between the "no" and the supply that says which kind;
# never "no running water", "没有自来水", which are the supply itself).
_QUALIFIED_GONE = re.compile(
    r"\b(?:no|without)\s+(?!(?:running|tap|more|any|the|my|our)\b)[a-z]+\s+"
    r"(?P<supply>water|power|electricity|gas|heating)\b"
    r"|没有?(?![自停断来供通了的])[\u4e00-\u9fff](?P<zh>水|电|燃气)(?![费表价])"
)
_SUPPLY = {"水": "water", "电": "power", "electricity": "power", "燃气": "gas"}


def charge_gone_wrong(text: str) -> bool:
    """Whether `text` tells a charge gone wrong (`_WRONG_CHARGE`), not only asks how to pay."""
    return _WRONG_CHARGE.search(reading(text).casefold()) is not None


def tells_loss(text: str) -> bool:
    """Whether `text` tells a loss or asks a lost thing's replacement (`_LOSS`)."""
    return _LOSS.search(reading(text).casefold()) is not None


def misfit(template: CaseTemplate, words: str, *, complaint: str | None) -> Misfit | None:
    """How `template`'s answer misses `words` (see the module), `complaint` the complaint
    category; None: it answers them as far as these checks tell."""
    if (
        charge_gone_wrong(words)
        and not template.needs_person
        and template.category != complaint
        and not charge_gone_wrong(said(template))
    ):
        return Misfit.OTHER_KIND
    keywords = [k for k in template.keywords if len(k) >= 2]
    if any(tells_loss(k) for k in keywords) and not tells_loss(words):
        return Misfit.UNTOLD
    cut = frozenset().union(*(faults.cut_supplies(k) for k in keywords))
    if cut & qualified_gone(words) and not cut & faults.cut_supplies(words):
        return Misfit.UNTOLD
    return None


def qualified_gone(text: str) -> frozenset[str]:
    """The supplies of which `text` says a kind is gone, not the supply itself ("no hot
    water", "家里没有热水": the water runs, not hot): `_QUALIFIED_GONE`."""
    folded = reading(text).casefold()
    found = (m.group("supply") or m.group("zh") for m in _QUALIFIED_GONE.finditer(folded))
    return frozenset(_SUPPLY.get(s, s) for s in found)
