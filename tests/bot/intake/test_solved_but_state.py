"""A thing in a bad state after "solved, but" (`lead.new_state`, issue 14): a new problem,
unless it is the ticket's own thing still not solved or a thing the ticket's words name."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.intake.lead import new_state


@pytest.mark.parametrize(
    ("words", "ticket", "new"),
    [
        ("水压还是很低", "我家停水了", True),
        ("the water pressure is still very low", "There is no water in my flat", True),
        ("电压很低", "我家停电了", True),
        ("还是没水", "我家停水了", False),  # the ticket's own, not solved
        ("路灯还是很暗", "路灯坏了", False),  # the thing the ticket names
        ("the street light is still very dim", "The lamp post outside is broken", False),
        ("师傅态度很差", "我家停水了", False),  # a remark on the service, no thing's state
    ],
)
def test_a_new_state_after_solved_but(
    settings: Settings, words: str, ticket: str, new: bool
) -> None:
    assert new_state(words, ticket, settings.surge.objects) is new
