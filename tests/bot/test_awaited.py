"""The details a ticket waits for (bot/awaited.py), and the matters words name
(bot/matter_terms.py): issue 14, "every word reaches its ticket"."""

from __future__ import annotations

from bot.awaited import awaits, bot_asked, given_since
from bot.details import CONDITION, LOCATION, NUMBER, PHONE, PHOTO, SCOPE, TIME, asked
from bot.matter_terms import named

ANSWERED = [
    {"by": "requester", "text": "我家停电了", "at": "2026-11-30T09:00:00"},
    {
        "by": "bot",
        "did": "answer",
        "at": "2026-11-30T09:00:00",
        "offered": ["家里停电了怎么办"],
        "ask_for": ["详细地址(小区、楼栋)", "停电开始的时间", "是否整栋楼或片区停电"],
    },
]


def test_the_bot_asked_for_the_details_of_its_latest_answer() -> None:
    assert bot_asked(ANSWERED) == {LOCATION, TIME, SCOPE}
    assert bot_asked(ANSWERED[:1]) == frozenset()
    assert bot_asked(None) == frozenset()


SIGNAL = [
    {"by": "requester", "text": "路口红绿灯坏了", "at": "2026-11-30T09:00:00"},
    {
        **ANSWERED[1],
        "offered": ["路口红绿灯坏了"],
        "ask_for": [
            "路口位置(哪两条路相交)",
            "哪个方向的信号灯",
            "故障情况(不亮、常亮红灯或闪烁)",
        ],
    },
]


def test_what_a_broken_thing_does_said_later_is_given() -> None:
    """Read as the first message is (`details.stated`): "灯一直闪", "it keeps flickering"
    tell what the lights do, whichever message says it."""
    assert bot_asked(SIGNAL) == {LOCATION, CONDITION}
    assert awaits(turns=SIGNAL, since=[("灯一直闪", "text")]) == {LOCATION}
    assert awaits(turns=SIGNAL, since=[("it keeps flickering", "text")]) == {LOCATION}
    assert awaits(turns=SIGNAL, since=[("幸福路23号门口", "text")]) == {CONDITION}


def test_the_card_lists_what_was_given_after_the_ask() -> None:
    later = [
        {"by": "requester", "text": "幸福路23号门口", "later": True, "kind": "text"},
        {"by": "staff", "text": "灯一直闪吗?", "later": True, "kind": "text"},
        {"by": "requester", "text": "", "later": True, "kind": "photo"},
    ]
    shown = given_since([*SIGNAL, *later])
    assert shown[1]["ask_for"] == ["哪个方向的信号灯", "故障情况(不亮、常亮红灯或闪烁)"]
    assert shown[1]["given"] == ["路口位置(哪两条路相交)"]  # staff's words give nothing
    assert SIGNAL[1]["ask_for"][0] == "路口位置(哪两条路相交)"  # the turns kept as they are
    # Words before the ask were read when it was made: not counted again.
    assert given_since([{"by": "requester", "text": "灯一直闪"}, *SIGNAL[1:]])[1]["given"] == []


def test_a_ticket_waits_for_what_was_asked_and_not_given_since() -> None:
    assert awaits(turns=ANSWERED) == {LOCATION, TIME, SCOPE}
    since = [("和平路12号3单元", "text"), ("早上8点开始停的", "text")]
    assert awaits(turns=ANSWERED, since=since) == {SCOPE}
    # A photo or a place shared gives what it is, whatever its words.
    light = [{**ANSWERED[1], "ask_for": ["路灯的具体位置", "现场照片", "灯杆编号"]}]
    assert awaits(turns=light, since=[("", "photo")]) == {LOCATION, NUMBER}
    assert awaits(turns=light, since=[("", "location"), ("LD-0457", "text")]) == {PHOTO}
    # Its officer's question waits too, until the requester answers (`staff_waiting`).
    said = "请提供您的详细住址和联系电话"
    assert asked(said) == {LOCATION, PHONE}
    assert awaits(turns=None, staff_said=said, staff_waiting=True) == {LOCATION, PHONE}
    assert awaits(turns=None, staff_said=said, staff_waiting=False) == frozenset()
    assert asked("Could you tell me the pole number?") == {NUMBER}


def test_words_name_the_matter_they_share_a_term_with_and_no_other() -> None:
    zh = {1: "我家停电了", 2: "身份证丢了怎么补办"}
    assert named("停电那个还没来电", zh) == {1}
    assert named("停电和身份证的事都怎么样了", zh) == {1, 2}
    assert named("和平路12号3单元", zh) == frozenset()
    assert named("怎么还没好", zh) == frozenset()  # "怎么" names no matter
    en = {1: "The power is out in my flat", 2: "I lost my ID card, how do I replace it?"}
    assert named("the power one is still out", en) == {1}
    assert named("still no power", en) == {1}
    assert named("What about the power cut and the ID card?", en) == {1, 2}
    # A term both matters share names neither.
    assert named("停电", {1: "我家停电了", 2: "楼道停电了"}) == frozenset()
    # A supply cut names its matter across languages.
    assert named("no power since 8am", {1: "幸福里3号楼停电了", 2: "身份证丢了"}) == {1}


def test_details_given_with_the_question_stay_given_after_those_given_since() -> None:
    """A photo sent with "路灯坏了" was never asked for (`bot_did`'s `given`): the card lists it
    as given, and a pole number said since after it."""
    light = [
        {"by": "requester", "text": "路灯坏了", "at": "2026-11-30T09:00:00"},
        {**ANSWERED[1], "ask_for": ["路灯的具体位置", "灯杆编号"], "given": ["现场照片"]},
    ]
    shown = given_since([*light, {"by": "requester", "text": "LD-0457", "later": True}])
    assert shown[1]["ask_for"] == ["路灯的具体位置"]
    assert shown[1]["given"] == ["现场照片", "灯杆编号"]
    assert given_since(light)[1]["given"] == ["现场照片"]
    # Nothing given with the question: as before, only what was given since.
    assert given_since(SIGNAL)[1]["given"] == []
