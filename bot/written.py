"""The language a text is written in, by its script: what a clerk sees at a glance. The
requester's language follows it (bot/intake/language.py); a staff reply in another language
than the requester's is pointed out to its writer (bot/other_language.py); an incident update
written once is told as in the language it is written in (bot/incident_updates.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A hyphen or an apostrophe joins one word: "Wi-Fi", "e-mail", "don't" alone tell no language
# (a trial's Chinese speaker sending "Wi-Fi" was answered in English, "WiFi" in Chinese).
_LATIN_WORD = re.compile(r"[a-z]+(?:[-'’][a-z]+)*", re.IGNORECASE)
DESK_LANGUAGES = ("zh", "en")  # the languages the desk's wording is written in


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def written_in(
    text: str, languages: Sequence[str] = DESK_LANGUAGES, *, at_least: int = 2
) -> str | None:
    """Chinese ("zh") for words mostly in Chinese characters, the first other language of
    `languages` (English, "en") for words mostly in Latin letters; None for a text of neither
    (digits, emoji, punctuation alone) or too short to tell (under `at_least` Chinese
    characters and as many Latin words: by default two, so "ok", "hi", "Complaint.", "Wi-Fi"
    (a word joined by a hyphen is one) typed by a Chinese speaker tell nothing; an update
    staff write on purpose tells from one, "修").
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


def for_other_tongue(supported: Sequence[str], default: str) -> str:
    """The language a requester is answered in when theirs is not one the desk writes (words
    in French, a Telegram client set to French): English where the desk has it, else the
    configured `default`. The one rule for words (bot/intake/language.py) and for a client's
    setting before any words (`Texts.language_of`: the /start greeting)."""
    return "en" if "en" in supported else default


# Languages the desk does not write, told by a script of their own (at least two letters of it).
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana: Japanese, though it has Chinese characters
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_WORD = re.compile(r"[^\W\d_]+")
# Small words of languages written in Latin letters: two of one, more than of English, tell it.
_SMALL_WORDS = {  # none that English uses too ("a", "in", "no", "do", "per", "as")
    "en": "the and is are to of in it my i you we for on at not this that with have",
    "fr": "le la les un une des est et je ne pas mon ma mes de du au aux il elle nous vous"
    " qui que dans pour sur avec",
    "es": "el la los las un una es y yo mi mis de del en que por para con está hay",
    "de": "der die das ein eine ist und ich nicht mein meine zu von mit auf für es wir",
    "pt": "os um uma é eu não meu minha de da em que por para com está",
    "it": "il lo la gli le un una è io non mio mia di del della che con sono",
    "vi": "tôi của và không là có được này một những cho với",
    "id": "saya dan tidak ini itu yang di ke dari untuk dengan ada",
}
_SMALL = {language: frozenset(words.split()) for language, words in _SMALL_WORDS.items()}


def other_tongue(text: str, languages: Sequence[str] = DESK_LANGUAGES) -> str | None:
    """The language, not one of `languages` (the desk's), a text is written in, as far as a
    clerk tells it at a glance: a script of its own (Japanese kana, Korean, Cyrillic as
    Russian, Arabic, Thai, Devanagari as Hindi), or Latin letters with at least two small
    words of one language, more of it than of English or any other ("Le lampadaire devant
    chez moi est cassé": "fr"); None for Chinese, English, and anything too short or mixed
    to tell."""
    for language, script in _SCRIPTS:
        if len(script.findall(text)) >= 2:
            return None if language in languages else language
    words = [word.casefold() for word in _WORD.findall(text)]
    counts = {language: sum(w in small for w in words) for language, small in _SMALL.items()}
    english = counts.pop("en")
    best, second = sorted(counts, key=lambda language: counts[language], reverse=True)[:2]
    if counts[best] >= 2 and counts[best] > max(english, counts[second]):
        return None if best in languages else best
    return None  # none, or as much of two ("la", "de": French or Spanish?)
