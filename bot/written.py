"""The language a text is written in, by its script: what a clerk sees at a glance. The
requester's language follows it (bot/intake/language.py); a staff reply in another language
than the requester's is pointed out to its writer (bot/other_language.py)."""

from __future__ import annotations

import re

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
