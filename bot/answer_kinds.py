"""What an officer's question asks for and what a requester's answer gives, by kind, as pure
functions: a clerk with two officers' questions open hears that "Card ends 4821, ID
110101195001011234" answers "Could you tell me the last 4 digits of your bank card and your ID
number?", not "north or south side?", and "South side." the other (issue 14, input 6: both
went to the ticket of the run, and the officer who asked for the card never got it).

Beyond the details a template asks for (bot/details.py `asked`, `stated`: a place, a phone, a
code, a time...), the kinds a question to a person asks and a plain answer gives:
IDENTITY (an ID card's number: "身份证号", "ID number"; "110101195001011234", "ID 1234"),
CARD (a bank or other card's: "银行卡", "bank card"; "card ends 4821", "卡号6222…"),
DIGITS (the last digits of something: "后四位", "尾号", "last 4 digits"; "4821", "尾号1234"),
SIDE (which side: "north or south side?", "哪一侧", "南边还是北边"; "South side.", "南侧"),
BUILDING (which building: "是哪一栋楼?", "which block?"; "3栋", "building 3"), FLOOR
("几楼", "which floor"; "5楼", "the 5th floor"), and TIME beyond the details' ("哪天", "Since
which day?"; "Since the night before last", "on Monday"). `matched` is what both share."""

from __future__ import annotations

import re

from bot.details import TIME, stated
from bot.details import asked as detail_asked
from bot.reading import reading

IDENTITY, CARD, DIGITS, SIDE, BUILDING, FLOOR = (
    "identity",
    "card",
    "digits",
    "side",
    "building",
    "floor",
)

_ASKS = (
    (IDENTITY, re.compile(r"身份证|证件号|\bid\b|\bidentity\b|\bpassport\b")),
    (CARD, re.compile(r"银行卡|卡号|社保卡|\bcard\b")),
    (
        DIGITS,
        re.compile(r"后[四六4-6]位|尾号|末[四六4-6]位|\blast\s+(?:four|six|[4-6])\s+digits?\b"),
    ),
    (
        SIDE,
        re.compile(
            r"哪一?[侧边面]|[东南西北][侧边面]?还是[东南西北]|\bwhich\s+side\b"
            r"|\b(?:north|south|east|west)(?:ern)?\s+or\s+(?:the\s+)?(?:north|south|east|west)"
        ),
    ),
    (BUILDING, re.compile(r"[几哪]一?[栋幢座]|几号楼|\bwhich\s+(?:building|block|tower)\b")),
    (FLOOR, re.compile(r"几楼|几层|哪一?层|\bwhich\s+floor\b|\bwhat\s+floor\b")),
    # which day (the template details' TIME reads "几点", "when")
    (TIME, re.compile(r"哪一?天|\b(?:which|what)\s+(?:day|date)\b|\bsince\s+when\b")),
)

_GIVES = (
    (
        IDENTITY,
        re.compile(
            r"(?<!\d)\d{17}[\dx](?![\dx])|(?:身份证|证件)(?:号码?)?[^\d,，。;；]{0,6}\d{4}"
            r"|\b(?:id|identity)(?:\s+(?:card|number|no\.?))*\s*(?:is|:|：)?\s*\d{4}"
        ),
    ),
    (
        CARD,
        re.compile(
            r"(?:银行卡|卡号|社保卡|卡)[^\d,，。;；]{0,6}\d{4}"
            r"|\bcard(?:\s+(?:number|no\.?))?\s*(?:is|ends|ending|:|：)?\s*(?:in|with)?\s*\d{4}"
        ),
    ),
    (
        DIGITS,
        re.compile(r"(?<![\d.])\d{4}(?![\d.])|尾号\s*\d+|\bend(?:s|ing)\s+(?:in|with)?\s*\d+"),
    ),
    (
        SIDE,
        re.compile(
            r"[东南西北](?:侧|边|面|门)"
            r"|\b(?:north|south|east|west)(?:ern)?(?:[\s-]+(?:side|end|entrance|wing))?\b"
        ),
    ),
    (
        BUILDING,
        re.compile(
            r"\d+\s*(?:号楼|栋|幢|座)|[一二三四五六七八九十]+(?:号楼|栋|幢)"
            r"|\b(?:building|block|tower)\s*(?:no\.?\s*)?\d+"
        ),
    ),
    (FLOOR, re.compile(r"\d+\s*[楼层](?!道)|\b\d+(?:st|nd|rd|th)\s+floor\b|\bfloor\s+\d+")),
    (
        TIME,
        re.compile(
            r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bnight\s+before\s+last\b"
            r"|\bday\s+before\s+yesterday\b|\blast\s+(?:night|week|month)\b"
        ),
    ),
)


def asks(question: str) -> frozenset[str]:
    """Every kind `question` (an officer's words) asks for: the details of a template's kinds
    (bot/details.py `asked`) and the kinds above."""
    folded = reading(question).casefold()
    return detail_asked(question) | {kind for kind, ask in _ASKS if ask.search(folded)}


def gives(words: str) -> frozenset[str]:
    """Every kind the requester's `words` give: the details of a template's kinds
    (bot/details.py `stated`) and the kinds above."""
    folded = reading(words).casefold()
    return stated(words) | {kind for kind, give in _GIVES if give.search(folded)}


def matched(words: str, question: str) -> frozenset[str]:
    """The kinds `question` asked for that `words` give (none: they answer nothing it
    asked, by kind)."""
    if not words or not question:
        return frozenset()
    return asks(question) & gives(words)
