"""A ticket's number written after a command in that ticket's place (issue 14: "/priority 13
紧急" in #13's topic was refused with the usage line it matches)."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.ticket_numbers import is_number, this_ticket


@pytest.mark.parametrize("word", ["13", "#13", "＃13", " 13 ", "１３"])
def test_the_place_s_own_number_is_that_ticket(word: str) -> None:
    assert is_number(word)
    assert this_ticket(word, 13)


@pytest.mark.parametrize("word", ["紧急", "urgent", "high", "question"])
def test_words_that_are_no_number_are_the_command_s_own(word: str) -> None:
    assert not is_number(word)
    assert not this_ticket(word, 13)


@pytest.mark.parametrize("word", ["12", "#14", "130"])
def test_another_ticket_s_number_in_a_ticket_s_place_is_refused(word: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        this_ticket(word, 13)
    assert refused.value.reason == "other_ticket_here"
    assert refused.value.values["ticket_id"] == 13
