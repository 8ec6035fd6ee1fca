"""Whether a text is an announcement (bot/intake/announcement.py): a notice stating a fact, with
nothing of the requester's in it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake.announcement import LeadingNotice, is_announcement, leading_notice

NOTICES = [
    "通知:本周六停水",
    "通知:本周六停水",
    "公告:本周六上午8点至下午6点停水,请提前储水",
    "【停水通知】因管网维修,3月5日8:00-18:00停水,给您带来不便敬请谅解",
    "停电通知:明天上午9点至12点检修线路",
    "温馨提示:我司将于周六对二次供水设备进行清洗",
    "Notice: water will be off this Saturday",
    "NOTICE - planned power cut on Monday 9:00-12:00",
    "Announcement: the service hall is closed on 1 October",
    "Public notice: we will replace the water mains on Elm Street next week, please store water",
]
NOT_NOTICES = [
    "本周六停水吗",
    "我家停水了",
    "通知书丢了怎么办",
    "公告栏坏了",
    "通知:本周六停水,但是我家今天就停水了,什么时候恢复?",
    "通知:本周六停水,能不能送水上门",
    "通知:",
    "Notification settings are broken",
    "Notice: water is off but it was not announced",
    "Notice: my building has no water",
    "Notice: water off on Saturday, why?",
    "Notice that the water is off",
    "the notice says water is off on Saturday",
    "",
]


@pytest.mark.parametrize("text", NOTICES)
def test_notices_are_announcements(text: str) -> None:
    assert is_announcement(text)


@pytest.mark.parametrize("text", NOT_NOTICES)
def test_their_own_matter_is_no_announcement(text: str) -> None:
    assert not is_announcement(text)


@given(st.sampled_from(NOTICES), st.sampled_from(["?", "?", "我家", " my ", "但是", " but "]))
def test_any_words_of_their_own_make_it_their_matter(notice: str, own: str) -> None:
    """A question, their own first person or a "but" added anywhere after the heading: no
    longer a mere announcement."""
    assert not is_announcement(notice + own + "还停着")


@given(st.text(max_size=40))
def test_no_heading_no_announcement(text: str) -> None:
    """Without a notice's heading at its start, nothing is an announcement."""
    stripped = text.lstrip()
    lowered = stripped.casefold()
    headed = any(
        word in lowered[:30] for word in ("通知", "公告", "通告", "告示", "公示", "启事", "提示")
    ) or any(word in lowered for word in ("notice", "announcement", "notification", "bulletin"))
    if not headed and not any(w in lowered for w in ("告知书", "advisory")):
        assert not is_announcement(text)


@pytest.mark.parametrize(
    ("text", "notice", "own"),
    [
        (
            "通知:本周六停水。另外我家厨房水管漏水了,一直在滴水,怎么办?",
            "通知:本周六停水。",
            "另外我家厨房水管漏水了,一直在滴水,怎么办?",
        ),
        # Full-width marks as typed on a phone, and a fault with no first person in it: their
        # voice starts with the sentence, not at its last clause ("怎么办").
        (
            "通知：本周六停水。厨房水管漏水了，一直在滴水，怎么办？",
            "通知：本周六停水。",
            "厨房水管漏水了，一直在滴水，怎么办？",
        ),
        # In the notice's first sentence, from the clause in their voice.
        ("通知:本周六停水,但是我家今天就停水了", "通知:本周六停水,", "但是我家今天就停水了"),
        (
            "Notice: water will be cut off this Saturday. Also, my kitchen pipe is leaking, "
            "what should I do?",
            "Notice: water will be cut off this Saturday.",
            "Also, my kitchen pipe is leaking, what should I do?",
        ),
        (
            "【停水通知】因管网维修,3月5日停水。\n请问我家在范围内吗?",
            "【停水通知】因管网维修,3月5日停水。",
            "请问我家在范围内吗?",
        ),
        ("通知:本周六停水", "通知:本周六停水", ""),  # nothing of theirs: an announcement
    ],
)
def test_a_notice_leading_their_words_is_told_from_them(text: str, notice: str, own: str) -> None:
    assert leading_notice(text) == LeadingNotice(notice, own)
    assert is_announcement(text) is (own == "")


@pytest.mark.parametrize(
    "text",
    ["通知:我家停水了", "Notice: my building has no water", "Notice:\nmy pipe leaks", "停水了"],
)
def test_their_voice_in_the_heading_clause_makes_it_all_theirs(text: str) -> None:
    """Their voice from the heading's own clause on (or no heading): no notice leads it."""
    assert leading_notice(text) is None


@given(
    st.sampled_from(NOTICES),
    st.sampled_from(["。", ". ", "\n", "!", "！"]),
    st.sampled_from(["我家水管漏水了,怎么办?", "My kitchen pipe is leaking.", "请问我家受影响吗"]),
)
def test_their_sentence_after_any_notice_is_their_own(notice: str, mark: str, own: str) -> None:
    """Whatever the notice and the mark ending it, their sentence after it is theirs whole,
    and the notice what came before it."""
    led = leading_notice(notice + mark + own)
    assert led == LeadingNotice((notice + mark).rstrip(), own)
