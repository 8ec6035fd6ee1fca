"""The name of a ticket's forum topic in its staff group, from the requester's words, as a
pure function.

Officers pick a ticket from the group's list of topics by its name, so a name is one line
that starts with the ticket's number and shows the matter: not the forward's marker the
ticket's words begin with (`forwarded_words`: "(forwarded from …)", "(转发的消息,…)"), not
the greetings and bare requests that carry no matter ("你好", "人工", "我要报修", "I want to
complain": the intake's own lists, bot/intake/decision.py). Telegram takes 1-128 characters.
"""

from __future__ import annotations

import re

from bot.excerpt import excerpt
from bot.intake.decision import carries_no_matter

MAX_NAME = 128  # Telegram's limit for a forum topic's name
SHOWN = 40  # UTF-16 units of the matter a name shows: the list of topics is narrow

# The marker a forwarded text starts with (bot/templates/*/forwarded_words.j2), in either
# language: a quoted name ends at its closing quote and parenthesis, a bare one at the
# parenthesis that closes the marker (parentheses inside it balanced: "Zhang (Bob) San").
_BARE_NAME = r"(?:[^()\n]|\([^()\n]*\))*"
_FORWARDED = re.compile(
    r'\(forwarded from (?:a hidden sender, shown as "[^\n]*?"|the channel "[^\n]*?"'
    rf'|the group "[^\n]*?"|{_BARE_NAME})\)\s*'
    r'|\(转发的消息,(?:原发送人隐藏了账号,显示为"[^\n]*?"|来自频道"[^\n]*?"|来自群组"[^\n]*?"'
    rf"|原发送人:{_BARE_NAME})\)\s*"
)
# Where a leading phrase may end and the matter begin: a punctuation mark ("我要报修,楼道灯
# 坏了", "I want to complain, the bins ..."), or a space after a Chinese word ("我要报修 楼道").
_BREAK = re.compile(r"\s*[,，:：;；。.!！?？、]+\s*|(?<=[^\x00-\x7f])\s+")


# A greeting leading the matter with no break after it ("你好我家停电了", "hello the power is
# out", "hi there, …", "早上好,…"), with its particles and the people it greets.
_GREETING = re.compile(
    r"^(?:(?:你好|您好|大家好|早上好|上午好|中午好|下午好|晚上好|早安|哈喽|嗨|在吗|在不在|有人吗|请问)"
    r"(?:啊|呀|哇|哈|呢|哦)?(?:师傅|同志|各位)?[\W_]*)+"
    r"|^(?:(?:hello|hi|hey|hiya|greetings|good\s+(?:morning|afternoon|evening|day)|dear\s+"
    r"(?:sir|madam|sirs|all|team))(?![a-z0-9])(?:\s+(?:there|all|everyone|everybody|guys|team|folks))?"
    r"[\W_]*)+",
    re.IGNORECASE,
)


def _without_head(line: str) -> str:
    """`line` without the greetings and bare requests it starts with, each ended by a break,
    and a greeting without one (`_GREETING`)."""
    greeted = _GREETING.match(line)
    if greeted is not None and greeted.end() < len(line):
        line = line[greeted.end() :]
    start = 0
    for mark in _BREAK.finditer(line):
        if mark.end() < len(line) and carries_no_matter(line[start : mark.start()]):
            start = mark.end()
    return line[start:]


def _matter(line: str) -> str:
    """A line of the requester's words without the forward's marker and the greetings and
    bare requests it starts with, its whitespace collapsed ("" when nothing else is left)."""
    marker = _FORWARDED.match(line)
    line = " ".join((line[marker.end() :] if marker else line).split())
    line = _without_head(line)
    return "" if carries_no_matter(line) else line


def topic_name(ticket_id: int, question: str, *, danger: bool = False) -> str:
    """The topic's name: "#<ticket_id> " and the start of the matter in `question` (its lines
    without forward markers, greetings and bare requests, joined with spaces, at most SHOWN
    units, an ellipsis when shortened); the words as they are (collapsed) when they say
    nothing else; "⚠️ " first for a ticket told of a danger to people (`danger`,
    bot/dangers.py): it stands out in the group's list of topics. Always one line of
    1-MAX_NAME characters."""
    lines = question.splitlines()
    matter = " ".join(m for m in map(_matter, lines) if m) or " ".join(question.split())
    mark = "⚠️ " if danger else ""
    name = f"{mark}#{ticket_id} {excerpt(matter, SHOWN).text}".strip()
    return name[:MAX_NAME]
