"""Once for messages in a row (bot/acknowledgements.py `acknowledges`): the rule alone, no
database."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.acknowledgements import QUIET, acknowledges
from bot.config import load_settings
from tests.conftest import MONDAY_9AM, ROOT

gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=2))


def test_the_first_since_the_ticket_opened_is_acknowledged() -> None:
    assert acknowledges(now=MONDAY_9AM, previous_at=None, answered_since=False)


@given(gaps)
def test_within_the_quiet_spell_only_a_staff_reply_makes_it_heard_again(gap: timedelta) -> None:
    now = MONDAY_9AM + gap
    assert acknowledges(now=now, previous_at=MONDAY_9AM, answered_since=False) is (gap >= QUIET)
    assert acknowledges(now=now, previous_at=MONDAY_9AM, answered_since=True)


@given(st.lists(gaps, min_size=1, max_size=30), st.timedeltas(min_value=timedelta(seconds=1)))
def test_a_run_is_acknowledged_once_and_again_after_a_quiet_spell(
    gaps_between: list[timedelta], quiet: timedelta
) -> None:
    """Messages sent `gaps_between` apart, no staff reply: acknowledged are exactly the first
    and each that follows a gap of at least `quiet`; so a run of messages less than `quiet`
    apart gets one acknowledgement."""
    at, previous = MONDAY_9AM, None
    heard = []
    for gap in gaps_between:
        at += gap
        heard.append(acknowledges(now=at, previous_at=previous, answered_since=False, quiet=quiet))
        previous = at
    assert heard[0]
    assert heard[1:] == [gap >= quiet for gap in gaps_between[1:]]


@given(gaps)
def test_with_no_quiet_spell_configured_every_message_is_acknowledged(gap: timedelta) -> None:
    """Config `notices.acknowledge_quiet: 0` (the throughput benchmark's): each is heard."""
    now = MONDAY_9AM + gap
    assert acknowledges(now=now, previous_at=MONDAY_9AM, answered_since=False, quiet=timedelta(0))


def test_the_quiet_spell_is_five_minutes_unless_configured() -> None:
    assert (
        load_settings(ROOT / "config.yaml").notices.acknowledge_quiet
        == QUIET
        == timedelta(minutes=5)
    )


@given(gaps)
def test_a_message_after_one_to_another_ticket_is_acknowledged(gap: timedelta) -> None:
    """With two tickets in hand, a run is one ticket's: after a message to the other ticket,
    the requester hears where this one went, however soon it follows."""
    now = MONDAY_9AM + gap
    assert acknowledges(now=now, previous_at=MONDAY_9AM, answered_since=False, elsewhere=True)
