"""The limit on how fast a requester may write, and bars: a verdict per update from plain
instants. No database, no Telegram."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.abuse import FloodLimit, Verdict
from tests.conftest import MONDAY_9AM

USER, OTHER = 7001, 7002


def _verdicts(limit: FloodLimit, user_id: int, seconds: list[float]) -> list[Verdict]:
    return [
        limit.verdict(
            user_id=user_id, now=MONDAY_9AM + timedelta(seconds=s), staff=False, banned=False
        )
        for s in seconds
    ]


def test_over_the_limit_one_request_to_slow_down_then_nothing_until_the_minute_passes() -> None:
    limit = FloodLimit(3)
    verdicts = _verdicts(limit, USER, [0, 1, 2, 3, 4, 5])
    assert verdicts == [Verdict.HANDLE] * 3 + [Verdict.SLOW_DOWN] + [Verdict.FLOOD] * 2
    # Someone else is counted apart.
    assert _verdicts(limit, OTHER, [5]) == [Verdict.HANDLE]
    # A minute after the first: the request to slow down still counts, the floods did not:
    # the first over the limit of this minute is asked again; then slots free up.
    assert _verdicts(limit, USER, [60]) == [Verdict.SLOW_DOWN]
    assert _verdicts(limit, USER, [62.5]) == [Verdict.HANDLE]
    assert _verdicts(limit, USER, [200]) == [Verdict.HANDLE]


def test_staff_are_never_limited_and_a_barred_requester_never_handled() -> None:
    limit = FloodLimit(1)
    staff = [
        limit.verdict(user_id=USER, now=MONDAY_9AM, staff=True, banned=False) for _ in range(5)
    ]
    assert staff == [Verdict.HANDLE] * 5
    barred = limit.verdict(user_id=OTHER, now=MONDAY_9AM, staff=False, banned=True)
    assert barred is Verdict.BANNED
    # A bar counts nothing: lifted, the requester starts with a clean slate.
    assert _verdicts(limit, OTHER, [1]) == [Verdict.HANDLE]


def test_a_requester_in_danger_is_never_limited_and_a_bar_still_holds() -> None:
    """Someone crying for help twenty times, then giving the address, is heard (issue 14):
    `limits` says when the front must ask whether they are in danger; one who is is handled,
    and counted, so that once out of danger the limit holds again at once."""
    limit = FloodLimit(2)
    at = [MONDAY_9AM + timedelta(seconds=s) for s in range(6)]
    assert _verdicts(limit, USER, [0, 1]) == [Verdict.HANDLE] * 2
    assert limit.limits(USER, at[2]) and not limit.limits(OTHER, at[2])
    endangered = [
        limit.verdict(user_id=USER, now=now, staff=False, banned=False, endangered=True)
        for now in at[2:5]
    ]
    # The first over the limit is handled and answered, once, that all reached us.
    assert endangered == [Verdict.HEARD] + [Verdict.HANDLE] * 2
    assert _verdicts(limit, USER, [5]) == [Verdict.FLOOD]
    barred = limit.verdict(user_id=USER, now=at[5], staff=False, banned=True, endangered=True)
    assert barred is Verdict.BANNED


@given(
    per_window=st.integers(min_value=1, max_value=5),
    gaps=st.lists(st.integers(min_value=0, max_value=30_000_000), min_size=1, max_size=40),
)
def test_never_more_than_the_limit_handled_in_any_minute(per_window: int, gaps: list[int]) -> None:
    """Whatever the pace: at most `per_window` handled in any minute, and each run of refusals
    starts with exactly one request to slow down. Gaps are whole microseconds, the resolution
    of `datetime`: float seconds would be rounded on the way in and the check would count a
    minute the limit never saw."""
    limit = FloodLimit(per_window)
    instants, at = [], 0
    for gap in gaps:
        at += gap
        instants.append(at)
    verdicts = [
        limit.verdict(
            user_id=USER,
            now=MONDAY_9AM + timedelta(microseconds=micro),
            staff=False,
            banned=False,
        )
        for micro in instants
    ]
    handled = [m for m, v in zip(instants, verdicts, strict=True) if v is Verdict.HANDLE]
    for start in handled:
        assert sum(1 for m in handled if start <= m < start + 60_000_000) <= per_window
    for before, verdict in zip([Verdict.HANDLE, *verdicts], verdicts, strict=False):
        if verdict is Verdict.FLOOD:
            assert before in (Verdict.SLOW_DOWN, Verdict.FLOOD)


def test_quiet_requesters_are_forgotten_so_memory_stays_bounded() -> None:
    limit = FloodLimit(3)
    # A busy day: 20,000 requesters, each writing once, one a second.
    for n in range(20_000):
        now = MONDAY_9AM + timedelta(seconds=n)
        assert limit.verdict(user_id=n, now=now, staff=False, banned=False) is Verdict.HANDLE
    # Only about the last minute's writers (and at most one pruning's worth) are held.
    assert limit.held <= 2 * 1024
    # Someone still inside the window keeps their count.
    busy = [19_999] * 3
    later = MONDAY_9AM + timedelta(seconds=20_000)
    verdicts = [limit.verdict(user_id=u, now=later, staff=False, banned=False) for u in busy]
    assert verdicts == [Verdict.HANDLE, Verdict.HANDLE, Verdict.SLOW_DOWN]


def test_an_album_counts_as_one_message_and_its_items_share_its_fate() -> None:
    limit = FloodLimit(2)

    def item(second: float, group: str | None) -> Verdict:
        now = MONDAY_9AM + timedelta(seconds=second)
        return limit.verdict(user_id=USER, now=now, staff=False, banned=False, media_group=group)

    # Two albums of ten photos within the minute: two messages, every photo handled.
    assert [item(0, "g1") for _ in range(10)] == [Verdict.HANDLE] * 10
    assert [item(1, "g2") for _ in range(10)] == [Verdict.HANDLE] * 10
    # A third album is over the limit: asked once to slow down, its other items not handled.
    assert [item(2, "g3") for _ in range(3)] == [Verdict.SLOW_DOWN, Verdict.FLOOD, Verdict.FLOOD]
    assert item(3, None) is Verdict.FLOOD


def test_a_requester_in_danger_over_the_limit_hears_once_a_flood() -> None:
    """Issue 14: in danger and writing very fast, every update is handled, the first over the
    limit HEARD (told once that all reached us), the rest of the flood not again; once a
    whole minute passed without going over, a new flood is told again."""
    limit = FloodLimit(3)

    def endangered(second: float) -> Verdict:
        now = MONDAY_9AM + timedelta(seconds=second)
        return limit.verdict(user_id=USER, now=now, staff=False, banned=False, endangered=True)

    flood = [endangered(s) for s in range(0, 150, 2)]  # 75 in two and a half minutes
    assert flood[:3] == [Verdict.HANDLE] * 3
    assert flood[3] is Verdict.HEARD
    assert flood[4:] == [Verdict.HANDLE] * (len(flood) - 4)
    # Quiet for long enough, then another flood: told again, once.
    again = [endangered(s) for s in range(400, 420)]
    assert again.count(Verdict.HEARD) == 1
