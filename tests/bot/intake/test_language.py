"""The language a requester is answered in (issue 14): that of their words, Chinese or
English; their client's setting (or what they wrote before) when the words tell none."""

from __future__ import annotations

import pytest

from bot.intake.language import spoken, written_in
from bot.written import other_tongue


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("下水道堵了", "zh"),
        ("the drain is blocked", "en"),
        ("幸福路23号门口,灯杆编号LD-0457", "zh"),  # a pole number in a Chinese sentence
        ("I live at 幸福路 23", "en"),  # a Chinese address in an English one
        ("路灯 ok", "zh"),
        ("12345", None),
        ("ok", None),  # too short to tell: a Chinese speaker's "ok" too
        ("Complaint.", None),
        # One word with a hyphen or an apostrophe is one word (a trial's zh requester sending
        # "Wi-Fi" was answered in English, "WiFi" in Chinese).
        ("Wi-Fi", None),
        ("e-mail", None),
        ("don't", None),
        ("Wi-Fi is down", "en"),
        ("👍!!", None),
        ("", None),
    ],
)
def test_the_words_tell_the_language(text: str, language: str | None) -> None:
    assert written_in(text) == language


def test_words_of_no_language_or_one_not_spoken_keep_the_one_before() -> None:
    assert spoken("12345", {"zh", "en"}, "en") == "en"
    assert spoken("下水道堵了", {"zh", "en"}, "en") == "zh"
    assert spoken("the drain is blocked", {"zh"}, "zh") == "zh"


@pytest.mark.parametrize(
    ("text", "languages", "language"),
    [
        ("修", ["zh", "en"], "zh"),  # an update staff write tells from one word
        ("ok", ["zh", "en"], "en"),
        ("供水管网抢修中,预计18:00恢复 Line 2", ["zh", "en"], "zh"),
        ("Repairs under way on 幸福路", ["zh", "en"], "en"),
        ("Repairs under way", ["zh"], None),  # no language of that script: the caller's
        ("18:00", ["zh", "en"], None),
    ],
)
def test_an_update_tells_its_language_from_one_word_among_the_desks(
    text: str, languages: list[str], language: str | None
) -> None:
    """One function for a requester's words and an incident update (issue 14): an update
    needs fewer words to tell, and answers among the configured languages."""
    assert written_in(text, languages, at_least=1) == language


@pytest.mark.parametrize(
    ("text", "tongue"),
    [
        ("Le lampadaire devant chez moi est cassé depuis trois jours", "fr"),
        ("La luz de la calle no funciona y está muy oscuro", "es"),
        ("La luz de la calle", None),  # French or Spanish: as much of each
        ("Die Straßenlampe ist kaputt und ich kann nicht schlafen", "de"),
        ("Здравствуйте, у нас не работает фонарь", "ru"),
        ("街灯が壊れています", "ja"),
        ("가로등이 고장났어요", "ko"),
        ("the street light is broken and it is dark", None),
        # "as" is English too: these were taken for Portuguese ("os as um uma").
        ("Please fix the light as soon as possible", None),
        ("I need a permit as well as a licence", None),
        ("As far as I know it is still broken", None),
        ("Eu não tenho os documentos para a casa", "pt"),
        ("I live at the corner of Rue de la Paix", None),  # a French name in English words
        ("路灯坏了", None),
        ("Merci", None),  # too short to tell
        ("ok", None),
    ],
)
def test_a_language_the_desk_does_not_write_is_seen(text: str, tongue: str | None) -> None:
    """Issue 14: French words were taken for English with no word to anyone."""
    assert other_tongue(text) == tongue
