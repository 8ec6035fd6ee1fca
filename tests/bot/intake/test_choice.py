"""A category's name typed instead of its button pressed (`bot.intake.choice`): what counts
as the name, what does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake.choice import category_named, category_said

# As config.yaml names them: each key, its button in Chinese and in English.
NAMES = {
    "complaint": ("投诉", "Complaint"),
    "fault_report": ("故障报修", "Fault report"),
    "suggestion": ("建议", "Suggestion"),
    "service_request": ("业务办理", "Service request"),
    "consultation": ("咨询", "Consultation"),
}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("投诉", "complaint"),
        ("咨询", "consultation"),
        ("complaint", "complaint"),
        ("COMPLAINT", "complaint"),
        (" Complaint. ", "complaint"),
        ("「投诉」", "complaint"),
        ("投诉!", "complaint"),
        ("ｃｏｍｐｌａｉｎｔ", "complaint"),  # full width
        ("fault  report", "fault_report"),
        ("Fault-report", "fault_report"),
        ("fault_report", "fault_report"),
        ("service request", "service_request"),
        ("故障报修👍", "fault_report"),
    ],
)
def test_a_name_the_buttons_show_is_its_category(typed: str, key: str) -> None:
    assert category_named(typed, NAMES) == key


@pytest.mark.parametrize(
    "typed",
    ["我要投诉那个窗口", "complaints about the clerk", "投 诉 建议", "故障", "", "!!!", "1"],
)
def test_anything_else_names_no_category(typed: str) -> None:
    assert category_named(typed, NAMES) is None


def test_a_name_two_categories_share_names_neither() -> None:
    shared = {"complaint": ("意见",), "suggestion": ("意见",)}
    assert category_named("意见", shared) is None


@given(st.text(max_size=40))
def test_any_text_names_at_most_a_configured_category(text: str) -> None:
    assert category_named(text, NAMES) in {None, *NAMES}


CUES = {
    "complaint": ("投诉", "举报", "态度差", "complain", "complaint", "rude"),
    "fault_report": ("坏了", "故障", "停水", "报修", "broken", "outage", "leak"),
    "suggestion": ("建议", "suggest", "suggestion"),
    "service_request": ("申请", "办理", "补办", "apply", "application"),
    "consultation": (),
}


@pytest.mark.parametrize(
    ("said", "key"),
    [
        ("这是投诉", "complaint"),
        ("这是投诉。", "complaint"),
        ("我要投诉", "complaint"),
        ("是投诉吧", "complaint"),
        ("属于故障报修类", "fault_report"),
        ("我要报修", "fault_report"),
        ("我想提个建议", "suggestion"),
        ("这是咨询", "consultation"),
        ("It's a complaint", "complaint"),
        ("it’s a complaint.", "complaint"),
        ("I want to complain", "complaint"),
        ("I'd like to make a complaint", "complaint"),
        ("this is a fault report", "fault_report"),
        ("Complaint, please", "complaint"),
    ],
)
def test_a_sentence_that_only_names_a_kind_of_matter_is_its_category(said: str, key: str) -> None:
    assert category_said(said, NAMES, CUES) == key


@pytest.mark.parametrize(
    "said",
    [
        "我要投诉那个窗口",  # says more: more of the question
        "投诉建议",  # two kinds
        "材料是三月五号在三号窗口交的",
        "你好",
        "I want to complain about the clerk",
        "",
        "it's",
    ],
)
def test_a_sentence_that_says_more_or_names_two_kinds_names_none(said: str) -> None:
    assert category_said(said, NAMES, CUES) is None


@given(st.text(max_size=40))
def test_any_sentence_names_at_most_one_configured_category(text: str) -> None:
    assert category_said(text, NAMES, CUES) in {None, *NAMES}
