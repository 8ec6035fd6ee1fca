"""The language a requester writes in, as a clerk hears it: Chinese words are answered in
Chinese, English words in English, whatever their Telegram client is set to (its
`language_code` only decides when the words tell nothing: digits, emoji, punctuation, or too
few to tell: "ok", "Complaint." typed by a Chinese speaker). A language they chose themselves
(/lang, `Requester.language_chosen`) stands whatever they write.

The requester's language (`Requester.language`) is what the bot answers them in and words
every later notice in; a text in another supported language changes it, so that what they read
next follows what they last wrote (`spoken`)."""

from __future__ import annotations

import re
from collections.abc import Container

from bot.models import Requester

_LATIN_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def written_in(text: str) -> str | None:
    """Chinese ("zh") for words mostly in Chinese characters, English ("en") for words mostly
    in Latin letters; None for a text of neither (digits, emoji, punctuation alone) or too
    short to tell (under two Chinese characters and two Latin words: "ok", "hi",
    "Complaint."). A Chinese word takes about two characters: a Chinese sentence with a pole
    number ("灯杆编号LD-0457") is Chinese, an English one with a Chinese address ("I live at
    幸福路 23") English; even, Chinese."""
    han = sum(1 for ch in text if _han(ch))
    latin = len(_LATIN_WORD.findall(text))
    if han < 2 and latin < 2:
        return None
    return "zh" if han >= 2 * latin else "en"


def spoken(text: str, supported: Container[str], before: str) -> str:
    """The language to answer a requester in after their `text`: the one it is written in
    when the desk speaks it (`written_in`), else the one they had (`before`: what they wrote
    last, or their client's setting when they never wrote words)."""
    found = written_in(text)
    return found if found is not None and found in supported else before


def follow_words(requester: Requester, text: str, supported: Container[str]) -> None:
    """Answer `requester` in the language of `text`, their own words (`spoken`), and keep it
    for what follows, unless they chose one themselves (/lang)."""
    speaks = spoken(text, supported, requester.language)
    if not requester.language_chosen and speaks != requester.language:
        requester.language = speaks
