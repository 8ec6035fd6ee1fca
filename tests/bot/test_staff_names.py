"""A member of staff is named to a requester in the requester's language (a new user's trial:
an English requester read "handled by 李强" though config.yaml spells him "Li Qiang"): the
first spelling configured in Latin letters (`also_known_as`) in English, the name as
configured in Chinese, and the configured name when no English spelling is given; shown by
staff number (privacy), the number in any language."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.staff import Directory
from bot.texts import Texts, configured_names
from tests.conftest import MONDAY_9AM

SUN_WEI = 100301


def _without_english(settings: Settings, user_id: int) -> Settings:
    """config.yaml with `user_id` given no other spelling."""
    departments = [
        d.model_copy(
            update={
                "officers": [
                    p.model_copy(update={"also_known_as": []}) if p.user_id == user_id else p
                    for p in d.officers
                ]
            }
        )
        for d in settings.departments
    ]
    return settings.model_copy(update={"departments": departments})


def _progress(settings: Settings, language: str, owner: str | None) -> str:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    return texts.render(
        "progress_notice",
        language,
        ticket_id=3,
        owner=owner,
        latest_update=None,
        resolution_due_at=MONDAY_9AM,
        resolution_overdue=False,
    )


@pytest.mark.parametrize(("language", "index"), [("zh", None), ("en", 0)])
def test_a_progress_notice_names_the_owner_in_the_requesters_language(
    settings: Settings, language: str, index: int | None
) -> None:
    person = settings.department("utilities").officers[0]
    owner = Directory(settings).shown_as(person.user_id)
    assert owner == person.name
    expected = person.name if index is None else person.also_known_as[index]
    text = _progress(settings, language, owner)
    assert expected in text, text
    assert (person.name in text) == (language == "zh"), text


def test_without_an_english_spelling_the_configured_name_is_read(settings: Settings) -> None:
    plain = _without_english(settings, SUN_WEI)
    name = plain.department("utilities").officers[0].name
    assert _progress(plain, "en", name).count(name) == 1


def test_shown_by_staff_number_the_number_is_read_in_any_language(settings: Settings) -> None:
    privacy = settings.privacy.model_copy(update={"show_officer_as": "staff_number"})
    numbered = settings.model_copy(update={"privacy": privacy})
    shown = Directory(numbered).shown_as(SUN_WEI)
    assert shown == settings.department("utilities").officers[0].staff_number
    for language in ("zh", "en"):
        assert shown in _progress(numbered, language, shown)


def test_a_name_in_each_language(settings: Settings) -> None:
    member = Directory(settings).get(SUN_WEI)
    assert member is not None
    assert member.name_in("zh") == member.name
    assert member.name_in("en") == member.also_known_as[0]
    assert member.name_in("fr") == member.name  # no spelling of its own: the name
