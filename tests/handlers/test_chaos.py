"""The chaos benchmark, shorter: a bot process killed while Telegram fails in every way."""

from __future__ import annotations

import argparse

from benchmarks.chaos import run
from handlers.runtime.dispatcher import CONCURRENT_SENDS


async def test_nothing_lost_nothing_repeated_beyond_what_was_in_flight() -> None:
    # A loaded machine may need longer to catch up; nothing counts as sent until it is.
    args = argparse.Namespace(
        requesters=6, seconds=30.0, kills=1, settle=25.0, catch_up=60.0, seed=3, log=None
    )
    counts = await run(args)
    print(counts)  # shown when an assertion fails
    assert counts["kills"] == 1 and counts["faults"] > 0
    # Every message users sent is in the inbox once and was handled.
    assert counts["sent"] == counts["received"] > 50
    assert counts["lost"] == 0 and counts["unhandled_at_end"] == 0
    assert counts["unhandled_exceptions"] == 0
    assert counts["replay_mismatches"] == 0
    assert counts["unclaimed_without_escalation"] == 0
    # Every progress notice decided was sent, or given up on for a 403; none waits.
    assert counts["notices_due"] > 0 and counts["notices_waiting"] == 0
    assert counts["notices_sent"] + counts["notices_given_up"] == counts["notices_due"]
    assert counts["notice_duplicates"] == 0
    # A message goes twice only if Telegram took it and the answer never came (a hang past
    # the timeout), or if the kill fell between its sending and its mark (at this load, no
    # more than the calls in flight at that moment: the marker marks within MARK_AFTER).
    assert counts["duplicates"] <= counts["hangs"] + counts["kills"] * CONCURRENT_SENDS
