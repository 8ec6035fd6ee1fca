"""The language a text is written in, by its script: what a clerk sees at a glance. The
requester's language follows it (bot/intake/language.py); a staff reply in another language
than the requester's is pointed out to its writer (bot/other_language.py); an incident update
written once is told as in the language it is written in (bot/incident_updates.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_LATIN_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
DESK_LANGUAGES = ("zh", "en")  # the languages the desk's wording is written in


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def written_in(
    text: str, languages: Sequence[str] = DESK_LANGUAGES, *, at_least: int = 2
) -> str | None:
    """Chinese ("zh") for words mostly in Chinese characters, the first other language of
    `languages` (English, "en") for words mostly in Latin letters; None for a text of neither
    (digits, emoji, punctuation alone) or too short to tell (under `at_least` Chinese
    characters and as many Latin words: by default two, so "ok", "hi", "Complaint." typed by
    a Chinese speaker tell nothing; an update staff write on purpose tells from one, "修").
    A Chinese word takes about two characters: a Chinese sentence with a pole number
    ("灯杆编号LD-0457") is Chinese, an English one with a Chinese address ("I live at 幸福路
    23") English; even, Chinese. None too where `languages` has none of that script."""
    han = sum(1 for ch in text if _han(ch))
    latin = len(_LATIN_WORD.findall(text))
    if han < at_least and latin < at_least:
        return None
    if han and han >= 2 * latin:
        return "zh" if "zh" in languages else None
    return next((language for language in languages if language != "zh"), None)
