"""The language a requester writes in, as a clerk hears it: Chinese words are answered in
Chinese, English words in English, whatever their Telegram client is set to (its
`language_code` only decides when the words tell nothing: digits, emoji, punctuation, or too
few to tell: "ok", "Complaint." typed by a Chinese speaker). A language they chose themselves
(/lang, `Requester.language_chosen`) stands whatever they write.

The requester's language (`Requester.language`) is what the bot answers them in and words
every later notice in; a text in another supported language changes it, so that what they read
next follows what they last wrote (`spoken`)."""

from __future__ import annotations

from collections.abc import Container

from bot.models import Requester
from bot.written import written_in

__all__ = ["follow_words", "spoken", "written_in"]


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
