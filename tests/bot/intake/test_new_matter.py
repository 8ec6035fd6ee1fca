"""A new matter told from more about the one in hand (issue 14): the pure rules. No database,
no Telegram."""

from __future__ import annotations

import pytest

from bot.intake import inquiry
from bot.intake.decision import Action, before_match, decide
from bot.intake.new_matter import (
    Led,
    aside,
    closing_and_new,
    led_question,
    reads_as_question,
    starts_anew,
)
from bot.intake.reply import Reply
from bot.models import DialogStep
from knowledge.matcher import Band
from tests.conftest import MONDAY_9AM


@pytest.mark.parametrize(
    ("text", "split"),
    [
        (
            "谢谢。另外我家门口的路灯坏了,在幸福路12号",
            ("谢谢。另外", "我家门口的路灯坏了,在幸福路12号"),
        ),
        ("好的,谢谢!对了,社保卡丢了怎么补办?", ("好的,谢谢!对了,", "社保卡丢了怎么补办?")),
        ("另外,我家门口的井盖丢了", ("另外,", "我家门口的井盖丢了")),
        (
            "Thanks. Also, the street light outside my door is broken",
            ("Thanks. Also,", "the street light outside my door is broken"),
        ),
        (
            "OK thank you! By the way, my bin was not emptied",
            ("OK thank you! By the way,", "my bin was not emptied"),
        ),
        (
            "谢谢师傅。对了,我还想问一下社保卡怎么补办",
            ("谢谢师傅。对了,我还想问一下", "社保卡怎么补办"),
        ),
        ("对了,就是这个", None),  # "that's right": no new matter
        ("谢谢", None),  # thanks alone open nothing
        ("另外", None),  # nothing follows the opener
        ("我家门口的路灯坏了", None),
        ("Thanks, the light works again", None),
    ],
)
def test_thanks_then_an_opener_split_off_the_new_matter(
    text: str, split: tuple[str, str] | None
) -> None:
    assert closing_and_new(text) == split


@pytest.mark.parametrize(
    ("text", "anew"),
    [
        ("谢谢。另外我家门口的路灯坏了", True),  # thanks, then another matter
        ("Thanks! By the way, my bin was not emptied", True),
        ("谢谢", False),
        ("Thanks, that helped", False),
    ],
)
def test_thanks_before_an_opener_still_start_anew(text: str, anew: bool) -> None:
    assert starts_anew(text=text, answered="social-card-lost", closest=None) is anew


def test_a_fault_after_an_answer_about_none_starts_anew() -> None:
    """ "幸福里3号楼也停电了" after the card's answer: no template close, but a fault told while
    the answer was about none (`own_kind.tells_fault_after`) is a new matter."""
    text = "幸福里3号楼也停电了,冰箱里东西都要坏了"
    assert not starts_anew(text=text, answered="social-card-lost", closest=None)
    assert starts_anew(text=text, answered="social-card-lost", closest=None, fault=True)
    assert not starts_anew(text=text, answered=None, closest=None, fault=True)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("公积金怎么提取?", True),
        ("公积金怎么提取", True),
        ("社保卡丢了能补办吗", True),
        ("How do I withdraw my housing fund", True),
        ("Where is the tax office?", True),
        ("车现在还停在那里", False),
        ("路灯坏了,在幸福路12号", False),
        ("The cars are still there now", False),
        ("I lost my social security card", False),
        # "几" asks how many, not in "several", "these few", "a few ... ago", "ten-odd".
        ("要几天能办好", True),
        ("几点开门", True),
        ("已经好几天了,物业不管", False),
        ("这几天一直停水", False),
        ("前几天报修的路灯还没修", False),
        ("来了十几个人", False),
        ("几十户都没水", False),
    ],
)
def test_reads_as_question(text: str, question: bool) -> None:
    assert reads_as_question(text) is question


_ASIDE = dict(band=Band.ANSWER, needs_person=False, same_matter=False, question=True)


@pytest.mark.parametrize(
    ("changed", "answered"),
    [
        ({}, True),  # a confident answer of another matter, asked
        ({"band": Band.SUGGEST}, False),  # not confident: the ticket's
        ({"band": Band.HANDOVER}, False),
        ({"needs_person": True}, False),  # a person must act: the ticket's owner hears it
        ({"same_matter": True}, False),  # more about the ticket's own matter
        ({"question": False}, False),  # a report or details, not a question
        ({"not_solved": True}, False),  # "still not solved": reopens the ticket
    ],
)
def test_a_question_aside_from_the_ticket(changed: dict[str, object], answered: bool) -> None:
    values = {**_ASIDE, "not_solved": False, **changed}
    assert aside(**values) is answered  # type: ignore[arg-type]


def test_a_question_aside_is_answered_not_filed_in_the_ticket() -> None:
    """The table's first row gives way: the text is searched and answered as for anyone."""
    flags = dict(step=None, ticket_in_progress=True, asks_for_person=False)
    assert before_match(**flags) is Action.INTO_TICKET  # type: ignore[arg-type]
    assert before_match(**flags, aside=True) is None  # type: ignore[arg-type]
    assert decide(**flags, band=Band.ANSWER, vague=False, aside=True) is Action.ANSWER  # type: ignore[arg-type]


def test_an_aside_inquiry_is_told_by_its_first_turn() -> None:
    turn = inquiry.said("公积金怎么提取?", MONDAY_9AM)
    assert not inquiry.is_aside([turn])
    assert inquiry.is_aside([{**turn, "aside": True}, inquiry.bot_did("answer", MONDAY_9AM)])
    assert not inquiry.is_aside([])


def test_at_a_dialog_step_the_ticket_is_not_asked_about() -> None:
    """/new's question is the new question whether or not it is aside."""
    assert (
        before_match(step=DialogStep.NEW_QUESTION, ticket_in_progress=True, asks_for_person=False)
        is None
    )


@pytest.mark.parametrize(
    ("text", "reply", "lead", "rest", "opener"),
    [
        (
            "没用,我是想问离职后怎么提取",
            Reply.NOT_SOLVED,
            "没用,",
            "我是想问离职后怎么提取",
            False,
        ),
        (
            "That didn't help, I wanted to know how to withdraw it after leaving my job",
            Reply.NOT_SOLVED,
            "That didn't help,",
            "I wanted to know how to withdraw it after leaving my job",
            False,
        ),
        (
            "解决了,谢谢。另外,公积金怎么提取?",
            Reply.SOLVED,
            "解决了,谢谢。另外,",
            "公积金怎么提取?",
            True,
        ),
        (
            "Solved, thanks. Also, how do I withdraw my housing fund?",
            Reply.SOLVED,
            "Solved, thanks. Also,",
            "how do I withdraw my housing fund?",
            True,
        ),
        ("是的,另外社保卡怎么补办", Reply.SOLVED, "是的,另外", "社保卡怎么补办", True),
        # A reply alone before a question: it may ask more of the same.
        ("是的,那要带什么材料?", Reply.SOLVED, "是的,", "那要带什么材料?", False),
        ("还有,办公积金提取要本人去吗?", None, "还有,", "办公积金提取要本人去吗?", True),
        ("Also, do I have to go in person?", None, "Also,", "do I have to go in person?", True),
        ("谢谢。另外我家门口的路灯坏了", None, "谢谢。另外", "我家门口的路灯坏了", True),
    ],
)
def test_a_reply_or_an_opener_is_split_from_the_question_after_it(
    text: str, reply: Reply | None, lead: str, rest: str, opener: bool
) -> None:
    assert led_question(text) == Led(reply, lead, rest, opener=opener)


@pytest.mark.parametrize(
    "text",
    [
        "没用,车还是堵着",  # a reply and details of the matter: no question after it
        "No, it is still not solved, the water is still brown",
        "No one came, why?",  # "no" is no clause of its own
        "还有水吗?",  # "还有" without a pause is "is there still"
        "补充:家里四口人",
        "好的,谢谢",
        "解决了",
        "公积金怎么提取?",
    ],
)
def test_words_without_a_lead_and_a_question_after_it_are_not_split(text: str) -> None:
    assert led_question(text) is None


@pytest.mark.parametrize(
    ("text", "lead", "rest"),
    [
        (
            "孩子出来了,谢谢你们。另外我家门口的路灯也坏了,在和平路88号",
            "孩子出来了,谢谢你们。另外",
            "我家门口的路灯也坏了,在和平路88号",
        ),
        (
            "Thanks for the update. Also, my water bill doubled this month, who can check it?",
            "Thanks for the update. Also,",
            "my water bill doubled this month, who can check it?",
        ),
    ],
)
def test_thanks_in_words_of_their_own_then_an_opener_leads_another_matter(
    text: str, lead: str, rest: str
) -> None:
    """Thanks for what was done, said in words of their own, then "另外"/"also": solved, and
    what follows is taken alone (issue 14)."""
    assert led_question(text) == Led(Reply.SOLVED, lead, rest)


@pytest.mark.parametrize(
    "text",
    [
        "没修好,谢谢。另外楼道灯也不亮",
        "Thanks, but it is still not fixed",
        "谢谢你们,路灯还是不亮",
        "为什么还没人来?谢谢。另外",
    ],
)
def test_thanks_without_another_matter_or_with_not_solved_leads_none_as_solved(
    text: str,
) -> None:
    led = led_question(text)
    assert led is None or led.reply is not Reply.SOLVED


@pytest.mark.parametrize(
    ("text", "lead", "rest"),
    [
        ("Oh, and another thing: the bins stink", "Oh, and another thing:", "the bins stink"),
        ("Also, another thing: the bins stink", "Also, another thing:", "the bins stink"),
        ("And another thing: the bins stink", "And another thing:", "the bins stink"),
        ("Another thing: the bins stink", "Another thing:", "the bins stink"),
        ("另外,还有一件事,垃圾桶很臭", "另外,还有一件事,", "垃圾桶很臭"),
        ("还有一件事,垃圾桶很臭", "还有一件事,", "垃圾桶很臭"),
    ],
)
def test_every_opener_of_a_chain_leads_in_both_languages(text: str, lead: str, rest: str) -> None:
    """An opener of several ("Oh, and another thing:") is all lead: the matter is what follows,
    as "还有一件事," is in Chinese."""
    led = led_question(text)
    assert led is not None and (led.reply, led.lead, led.rest) == (None, lead, rest)
