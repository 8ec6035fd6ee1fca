"""Words that say nothing of any matter (`bot.fillers`, `decision.is_filler`,
`decision.is_courtesy`) and what the first-inquiry decision does with them (issue 14: "ok
thanks" under the category buttons was taken as details, "谢谢" as a first message was asked
to say more)."""

from __future__ import annotations

import pytest

from bot.fillers import only_fillers, thanks
from bot.intake.decision import Action, before_match, is_courtesy, is_filler
from bot.models import DialogStep


@pytest.mark.parametrize(
    "text",
    [
        "ok thanks",
        "Ok, thank you!",
        "thanks a lot",
        "okay cheers",
        "Thank you very much",
        "好的谢谢",
        "嗯嗯好的",
        "谢谢啊",
        "好的,谢谢!",
        "收到,辛苦了",
        "no thanks",
        "ok ok",
    ],
)
def test_a_run_of_fillers_is_fillers(text: str) -> None:
    assert only_fillers(text) and is_filler(text) and is_courtesy(text)


@pytest.mark.parametrize(
    "text",
    [
        "好的,另外窗口关了",
        "it was window 3",
        "3号楼",
        "thanks, the lamp is still broken",
        "ok the water is brown",
        "谢谢,我家门口的路灯坏了",
        "",
        "👍",
    ],
)
def test_words_of_a_matter_are_not_fillers(text: str) -> None:
    assert not only_fillers(text) and not is_courtesy(text)


@pytest.mark.parametrize(("text", "said"), [("谢谢", True), ("ok thanks", True), ("ok", False)])
def test_thanks_among_fillers(text: str, said: bool) -> None:
    assert thanks(text) is said


@pytest.mark.parametrize("text", ["你好", "hi", "人工", "我想咨询一下", "I need help"])
def test_a_greeting_or_a_request_is_filler_but_no_courtesy(text: str) -> None:
    assert is_filler(text) and not is_courtesy(text)


def test_a_greeting_with_thanks_under_the_buttons_is_filler() -> None:
    assert is_filler("hi, thanks")


@pytest.mark.parametrize("step", [None, DialogStep.NEW_QUESTION])
def test_thanks_with_nothing_asked_is_courtesy(step: DialogStep | None) -> None:
    base = {"step": step, "ticket_in_progress": False, "asks_for_person": False}
    assert before_match(**base, courtesy=True) is Action.COURTESY


def test_thanks_after_what_is_it_about_is_asked_again() -> None:
    base = {"step": DialogStep.CLARIFY, "ticket_in_progress": False, "asks_for_person": False}
    assert before_match(**base, courtesy=True) is Action.CLARIFY


def test_thanks_with_a_question_waiting_is_left_to_what_it_answers() -> None:
    """After an answer or suggestions, thanks are about them (`reply.reply_to_answer`)."""
    base = {"step": None, "ticket_in_progress": False, "asks_for_person": False}
    assert before_match(**base, courtesy=True, question_waiting=True) is None


def test_thanks_into_a_ticket_are_the_tickets_and_under_the_buttons_a_reminder() -> None:
    into = before_match(step=None, ticket_in_progress=True, asks_for_person=False, courtesy=True)
    assert into is Action.INTO_TICKET
    waiting = before_match(
        step=DialogStep.CATEGORY,
        ticket_in_progress=False,
        asks_for_person=False,
        courtesy=True,
        filler=is_filler("ok thanks"),
    )
    assert waiting is Action.REMIND


@pytest.mark.parametrize("waiting", [False, True])
def test_thanks_to_a_question_asked_asks_it_again(waiting: bool) -> None:
    """ "ok" to "what is it about?" (after an opener, or a vague question waiting) and to
    "what is the matter?" (after "人工"): never the matter's words, the question asked again."""
    said = {"ticket_in_progress": False, "asks_for_person": False, "courtesy": True}
    clarify = before_match(step=DialogStep.CLARIFY, question_waiting=waiting, **said)
    assert clarify is Action.CLARIFY
    assert before_match(step=DialogStep.MATTER, question_waiting=waiting, **said) is (
        Action.ASK_MATTER
    )


@pytest.mark.parametrize(
    "text",
    ["谢谢你们!", "感谢大家!", "谢谢你们的帮助", "非常感谢大家", "thank you all!", "Thanks all"],
)
def test_thanks_naming_whom_they_thank_are_thanks(text: str) -> None:
    """A trial's "谢谢你们!" as a first message was asked its category."""
    assert thanks(text) and is_courtesy(text)
    first = before_match(step=None, ticket_in_progress=False, asks_for_person=False, courtesy=True)
    assert first is Action.COURTESY


@pytest.mark.parametrize("text", ["你们", "all", "everyone", "hello everyone", "ok guys"])
def test_whom_thanks_name_are_no_fillers_without_thanks(text: str) -> None:
    assert not only_fillers(text) and not thanks(text)


SOUNDS = ["hmm", "Hmmmm", "mmm", "hmmm", "emmm", "ummm", "uhh", "hahaha", "Hahaha!", "ahaha"]
SOUNDS += [
    "hehehe",
    "lol",
    "zzz",
    "嗯嗯嗯",
    "哈哈哈",
    "呵呵",
    "嘿嘿",
    "呃呃",
    "啊啊啊啊啊啊",
    "hmm ok",
]


@pytest.mark.parametrize("text", SOUNDS)
def test_sounds_however_long_are_fillers(text: str) -> None:
    """A trial's "hmmm", "emmm", "hahaha", "zzz" were not fillers (keys struck at random, or
    asked to say more), while "hmm" was: a sound says nothing, however long."""
    assert only_fillers(text) and not thanks(text)


@pytest.mark.parametrize("text", ["hm, my water is off", "ha", "zz top", "mmm 3号楼"])
def test_a_sound_beside_words_is_no_filler(text: str) -> None:
    assert not only_fillers(text)
