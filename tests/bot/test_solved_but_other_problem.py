"""Words "solved, but <a new problem>" read by the pure readers (a tester after /resolve): the
lead may name the thing solved ("谢谢,路修好了", "the pothole is fixed"), any contrast word turns
("不过", "可是", "只是", "但", "只不过", "however", "though", "although"), with full-width or
half-width punctuation, and a thing that stopped working is a new problem ("我家的燃气表不走字
了", "the street light next to it is out"); the same matter still bad stays not solved.
End to end: tests/handlers/test_solved_but_other_problem.py."""

from __future__ import annotations

import pytest
import yaml

from bot.answer_fit import STRONG, fit, off_the_run
from bot.but_words import still_of_it, thing_wrong
from bot.faults import reports_fault
from bot.intake.new_matter import led_question
from bot.intake.reply import Reply
from bot.intake.search import tells_danger
from bot.resolution_words import Said, read_after_resolution, solved_but, solved_then_more
from knowledge.cli import vocabulary_from
from knowledge.templates import CaseTemplate, load
from tests.conftest import ROOT

# (words, the lead, the new problem after it)
SOLVED_BUT_NEW = [
    ("修好了,谢谢。不过我家的燃气表不走字了", "修好了,谢谢。不过", "我家的燃气表不走字了"),
    ("修好了，谢谢。不过我家的燃气表不走字了", "修好了，谢谢。不过", "我家的燃气表不走字了"),
    ("修好了,可是我家的燃气表不走字了", "修好了,可是", "我家的燃气表不走字了"),
    ("修好了,只是我家的燃气表不走字了", "修好了,只是", "我家的燃气表不走字了"),
    ("修好了；但我家的燃气表不走字了", "修好了；但", "我家的燃气表不走字了"),
    ("灯修好了,只不过我家的冰箱不制冷了", "灯修好了,只不过", "我家的冰箱不制冷了"),
    ("谢谢,路修好了,不过我的水费账单还是不对", "谢谢,路修好了,不过", "我的水费账单还是不对"),
    ("谢谢，路修好了，但是我的水费账单还是不对", "谢谢，路修好了，但是", "我的水费账单还是不对"),
    ("路灯已经修好了。可是楼道灯不亮了", "路灯已经修好了。可是", "楼道灯不亮了"),
    (
        "the pothole is fixed, but now the street light next to it is out",
        "the pothole is fixed, but now",
        "the street light next to it is out",
    ),
    (
        "The pothole is fixed, although the street light next to it is out now.",
        "The pothole is fixed, although",
        "the street light next to it is out now",
    ),
    (
        "Thanks, the road has been repaired. However the drain next to it is blocked",
        "Thanks, the road has been repaired. However",
        "the drain next to it is blocked",
    ),
    (
        "Fixed，though the gas meter stopped working",
        "Fixed，though",
        "the gas meter stopped working",
    ),
]


@pytest.mark.parametrize(("text", "lead", "rest"), SOLVED_BUT_NEW)
def test_solved_but_a_new_problem_is_split_off(text: str, lead: str, rest: str) -> None:
    """Solved, then the new problem alone: what the intake takes apart (`lead.apart`)."""
    led = led_question(text)
    assert led is not None and led.reply is Reply.SOLVED, led
    assert (led.lead, led.rest) == (lead, rest)


@pytest.mark.parametrize(
    "text",
    [
        "谢谢,路修好了",
        "路灯也亮了,谢谢",
        "坑已经填平了",
        "the pothole is fixed, thanks",
        "The street light has been repaired now",
    ],
)
def test_the_thing_solved_named_is_solved(text: str) -> None:
    assert read_after_resolution(text).said is Said.SOLVED


@pytest.mark.parametrize(
    "text",
    ["nothing is working", "Nothing is fixed", "half of it is fixed", "有些修好了", "本来修好了"],
)
def test_no_thing_solved_in_words_that_deny_it_or_say_a_part(text: str) -> None:
    """Never read as solved: asked again (or not solved, as other readers say)."""
    assert read_after_resolution(text).said is not Said.SOLVED


@pytest.mark.parametrize(
    "text",
    [
        "修好了,但是还是没有电",
        "Fixed, but there is still no electricity",
        "路没修好",
        "the pothole is not fixed",
        "你们说修好了,但是还是没电",
        "you said the pothole was fixed, but it is still there",
    ],
)
def test_the_same_matter_still_bad_is_not_solved(text: str) -> None:
    """The opposite rule: not solved, reopened to the same owner (never a new matter's lead
    confirming it)."""
    assert read_after_resolution(text).said is Said.NOT_SOLVED


@pytest.mark.parametrize(
    ("text", "still"),
    [
        ("还是一闪一闪的", True),
        ("还是坑坑洼洼的,还是有坑", True),
        ("又坏了", True),
        ("it's still flickering", True),
        ("still bumpy", True),
        ("我的水费账单还是不对", False),  # the bill named: maybe a matter of its own
        ("还有个问题,公积金怎么提取?", False),
        ("又有一件事", False),
        ("the bill is still wrong", False),
    ],
)
def test_still_with_no_thing_of_its_own_is_the_tickets(text: str, still: bool) -> None:
    """After "solved, but", "still" naming nothing else is the thing in hand still bad: never
    a new matter taken apart (bot/intake/lead.py `apart`)."""
    assert still_of_it(text) is still


@pytest.mark.parametrize(
    "text",
    [
        "你们说修好了,不过我家的燃气表不走字了",
        "you said it was fixed, but the street light is out",
    ],
)
def test_a_report_of_solved_is_no_solved_lead(text: str) -> None:
    """Words saying "you said it was fixed" say nothing is: no lead that confirms it."""
    assert solved_but(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "我家的燃气表不走字了",
        "冰箱不制冷了",
        "门铃不响了",
        "the doorbell is not working",
        "the gas meter stopped working",
    ],
)
def test_a_thing_that_stopped_working_is_a_thing_wrong(text: str) -> None:
    assert thing_wrong(text)


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("我家的燃气表不走字了", True),
        ("the street light next to it is out", True),
        ("the drain behind the school is blocked", True),
        ("燃气表走字正常", False),
        ("the street light next to it is fine", False),
    ],
)
def test_faults_of_meters_and_things_next_to_another(text: str, fault: bool) -> None:
    assert reports_fault(text) is fault


@pytest.mark.parametrize(
    "text",
    ["修好了,不过师傅把地弄脏了", "修好了,不过我明天出差", "解决了,但是处理结果不准确"],
)
def test_no_new_problem_after_but(text: str) -> None:
    """A remark on the service, words of neither, the resolution said wrong: no new matter."""
    assert solved_then_more(text) is None


def _gas_leak() -> CaseTemplate:
    raw = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    templates = load([ROOT / "knowledge" / "base"], vocabulary_from(raw))
    return next(t for t in templates if t.id == "gas-leak")


@pytest.mark.parametrize(
    ("words", "told"),
    [
        ("我家的燃气表不走字了", False),
        ("我家燃气表坏了", False),
        ("我家煤气表坏了,不走字", False),
        ("煤气表坏了怎么办", False),
        ("燃气灶打不着火", False),
        ("煤气", False),
        ("闻到煤气味", True),
        ("燃气漏气了", True),
        ("家里漏气了", True),
        ("楼道里有很大的燃气味", True),
        ("家里燃气泄漏了", True),
        ("There is a strong smell of gas in our stairwell", True),
    ],
)
def test_an_emergency_answer_only_for_words_that_tell_its_danger(words: str, told: bool) -> None:
    """The gas leak's "turn off the gas main and leave" only for a danger said or its keyword
    named (bot/intake/search.py `band_of`); a meter stopped is no leak."""
    assert tells_danger(_gas_leak(), words) is told


@pytest.mark.parametrize(
    ("words", "answers"),
    [
        ("修好了,谢谢", True),
        ("The pothole is fixed, thanks", True),
        ("还是没修好", True),
        ("5星", False),  # a rating finds its resolution itself (bot/rated_choice.py)
        ("5号楼", False),
    ],
)
def test_words_answering_a_resolution_fit_its_ticket(words: str, answers: bool) -> None:
    """On another ticket's run, "solved" answers the resolution awaiting it (bot/answer_fit.py):
    the resolved ticket fits strongly, the run's question fits nothing."""
    resolved = fit(words, said="已修复", question="路灯坏了", resolved=True)
    assert (resolved >= STRONG) is answers
    if answers:
        run = fit(words, said="请问具体是几号楼?", question="楼道没人打扫", resolved=False)
        assert off_the_run(2, {2: run, 1: resolved}) == 1
