"""Issue 14: the requester read "负责人会看到" (the owner will see it) of a ticket nobody had
claimed. Every text a requester reads about a ticket in hand names an owner only when it has
one: without one, the staff (the department) read it; with one, that person is named, in the
requester's language (config.yaml's English spelling to an English requester). Both
languages."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.texts import Texts, configured_names
from tests.conftest import MONDAY_9AM, named_in

LANGUAGES = ("zh", "en")
# The requester's texts about a ticket in hand, with what each needs besides the owner.
IN_HAND = {
    "added_to_ticket": {},
    "ticket_in_hand": {"first_response_due_at": MONDAY_9AM},
    "new_question": {"kept": ""},
    "resolution": {"again": True, "summary": "已恢复供水"},
}
OWNER_WORDS = ("负责人", "owner", "officer in charge", "in charge")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(IN_HAND))
def test_no_owner_is_named_while_nobody_has_the_ticket(
    settings: Settings, language: str, template: str
) -> None:
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    text = texts.render(template, language, ticket_id=7, owner=None, **IN_HAND[template])
    assert "#7" in text
    assert not [w for w in OWNER_WORDS if w in text], text
    assert ("工作人员" if language == "zh" else "staff") in text or "officer" in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(IN_HAND))
def test_the_owner_is_named_when_there_is_one(
    settings: Settings, language: str, template: str
) -> None:
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    text = texts.render(template, language, ticket_id=7, owner="王芳", **IN_HAND[template])
    assert "#7" in text and named_in(settings, "王芳", language) in text, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_which_ticket_names_no_owner(settings: Settings, language: str) -> None:
    """Asked which of their tickets a message is for: some may have nobody yet."""
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    text = texts.render("which_ticket", language, count=2)
    assert not [w for w in OWNER_WORDS if w in text], text
