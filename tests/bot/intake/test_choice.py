"""A category's name typed instead of its button pressed (`bot.intake.choice`): what counts
as the name, what does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake.choice import category_named

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
