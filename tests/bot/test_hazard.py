"""A danger to people heard by its kind (bot/hazard.py, issue 14): a hazard word said as
present, in either language, is one; the same words denied, past, supposed, planned, asked
about as a service or inside a word for something else (fireworks, a smoke detector, a gas
connection) are none. Configured keywords are heard the same way, and an ordinary one (an
outage) asked about or planned is no outage of the requester's now."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot import hazard
from bot.config import Settings
from bot.priority import emergency_words, keyword_priority
from bot.rules import Rules

DANGERS = [
    ("There is smoke in the stairwell", "smoke"),
    ("楼道里有烟", "smoke"),
    ("插座冒烟了", "smoke"),
    ("Smoke is coming out of the flat next door", "smoke"),
    ("楼道里不停地冒烟", "smoke"),
    ("有人被困在电梯里了", "trapped"),
    ("someone is stuck in the elevator", "trapped"),
    ("my mother is stuck in the lift", "trapped"),
    ("电梯卡在两层中间了,我妈在里面出不来", "trapped"),
    ("闻到一股煤气味", "gas"),
    ("smells like gas in the kitchen", "gas"),
    ("There has been a gas smell since last night", "gas"),
    ("昨天就闻到煤气味,现在还有", "gas"),
    ("电线冒火花", "sparks"),
    ("the wires are sparking", "sparks"),
    ("有人晕倒了", "person"),
    ("my neighbour collapsed and isn't breathing", "person"),
    ("老人倒地不起了", "person"),
    ("水漫进配电房了", "flood_electric"),
    ("Water is flooding into the electrical room", "flood_electric"),
    ("配电室进水了", "flood_electric"),
    ("The kitchen is on fire!", "fire"),
    ("厨房着火了", "fire"),
    ("Help! fire in the bin room", "fire"),
    ("孩子触电了", "electric"),
    ("He got an electric shock from the switch", "electric"),
    ("A power line is down on our street", "electric"),
    ("天花板掉下来砸到人了", "collapse"),
    ("The ceiling fell down on my neighbour", "collapse"),
    # falling objects, coming away, collapse, a live thing touched: Chinese as English
    ("和平小区5号楼外墙瓷砖脱落,砸坏了楼下的车,太危险了", "collapse"),
    ("和平小区5号楼外墙瓷砖脱落,砸坏了楼下的车,太危险了", "falling"),
    ("Tiles keep falling off the wall of building 5, one smashed a car", "collapse"),
    ("阳台上的花盆掉下来了", "collapse"),
    ("空调外机要掉下来了", "falling"),
    ("高空坠物砸坏了车", "falling"),
    ("围墙倒塌了", "collapse"),
    ("楼道的铁门漏电,摸着发麻", "electric"),
    ("the railing is live", "electric"),
    ("电线掉下来了", "electric"),
]

ORDINARY = [
    "how do I apply for a gas connection",
    "燃气开户怎么办理",
    "烟花爆竹什么时候可以放",
    "火车站怎么走",
    "smoke detector installation subsidy",
    "fire safety inspection certificate",
    "明天停电吗",
    "本周六停电",
    "又停电了吗?是计划停电吗",
    "燃气费怎么交",
    "how do I pay my gas bill",
    "电梯年检什么时候",
    "我家的燃气灶打不着火",
    "没有燃气泄漏,只是想问问怎么开户",
    "There is no gas leak, I just want a new meter",
    "The fireworks next door keep me awake",
    "a sparkling water bottle",
    "家里漏电保护器跳闸了",
    "卫生间瓷砖脱落了怎么报修",
    "厨房墙砖松动了",
    "外墙开裂了",
    "上周楼道里着火了,想问问怎么申请赔偿",
    "There was a fire at the market last week, how do I claim",
    "如果闻到煤气味怎么办",
    "What should I do if I smell gas?",
    "楼道里有人抽烟,烟味很大",
    "楼下饭店油烟很大",
    "No one is trapped, the lift is just out of order",
    "没有人被困,电梯只是停了",
    "消防演练会有烟吗",
    "Where is the nearest fire station",
    "火灾隐患举报",
    "禁止明火的规定是什么",
    "I want to quit smoking, any subsidy?",
    "烟草专卖许可证怎么办理",
    "电梯门坏了",
    "我家卫生间漏水",
    "我想投诉邻居发火骂人",
    "火锅店噪音扰民",
    "The elevator inspection certificate expired",
    "the smoke alarm keeps beeping",
    "烟感一直在响",
    "Someone parked in the fire lane",
    "上周楼道里着火了,想问问怎么申请赔偿,the fireworks keep me awake",
]


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_a_danger_said_now_is_heard_by_its_kind(text: str, kind: str) -> None:
    assert kind in hazard.kinds(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_denied_past_or_planned_words_are_no_danger(text: str) -> None:
    assert hazard.dangers(text) == []


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_a_danger_is_urgent_and_an_emergency(settings: Settings, text: str, kind: str) -> None:
    rules = Rules(settings)
    assert emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_words_raise_nothing_to_urgent(settings: Settings, text: str) -> None:
    rules = Rules(settings)
    assert emergency_words(rules, text) == []
    assert keyword_priority(rules, text, "normal")[0] != "urgent"


@pytest.mark.parametrize(
    ("text", "word", "said"),
    [
        ("我家停电了", "停电", True),
        ("幸福路3号楼停水了", "停水", True),
        ("通知:我家停水了", "停水", True),
        ("停水时间:8:00-18:00", "停水", False),
        ("停水通知在哪里看", "停水", False),
        ("为什么又停电了", "停电", True),
        ("小区停水一整天了什么时候恢复", "停水", True),
        ("家里停水了,什么时候恢复供水", "停水", True),
        ("Power outage on our street", "outage", True),
        ("We have no water at home, when will the water supply come back?", "no water", True),
        ("明天停电吗", "停电", False),
        ("本周六停电", "停电", False),
        ("又停电了吗?是计划停电吗", "停电", False),
        ("上周停电了", "停电", False),
        ("Is there a planned outage tomorrow?", "outage", False),
        ("When is the power outage?", "outage", False),
        ("fire safety inspection certificate", "fire", False),
        ("fire safety inspection certificate", "safety", False),
    ],
)
def test_an_ordinary_keyword_asked_about_or_planned_is_not_said(
    text: str, word: str, said: bool
) -> None:
    assert hazard.said_now(text, word, emergency=False) is said


def test_a_leak_of_current_is_a_danger_raised_not_an_emergency(settings: Settings) -> None:
    """ "楼道里有漏电,很危险": high by the keyword 危险, no call for the emergency numbers."""
    rules = Rules(settings)
    assert emergency_words(rules, "我想申请公租房,楼道里有漏电,很危险") == []
    assert keyword_priority(rules, "我想申请公租房,楼道里有漏电,很危险", "normal")[0] == "high"


def test_configured_phrases_still_count(settings: Settings) -> None:
    """A phrase config adds is an emergency as written, even of no kind the desk knows."""
    extra = settings.model_copy(
        update={
            "keywords": [
                *settings.keywords,
                type(settings.keywords[0])(
                    words=["野猪进小区"], priority="urgent", emergency=True
                ),
            ]
        }
    )
    rules = Rules(extra)
    assert emergency_words(rules, "有头野猪进小区了") == ["野猪进小区"]
    assert emergency_words(rules, "上周有头野猪进小区了") == []


# Properties: clauses are heard each on its own; case and surrounding words do not matter;
# a Latin hazard word inside a longer word is none; anything at all is answered.
_SAFE = st.sampled_from(ORDINARY[:20])
_DANGER = st.sampled_from(DANGERS)
_SEP = st.sampled_from([",", "。", "! ", "\n", "; "])


@given(_SAFE, _DANGER, _SEP, st.booleans())
def test_a_danger_beside_ordinary_words_is_still_heard(
    safe: str, danger: tuple[str, str], sep: str, first: bool
) -> None:
    text, kind = danger
    joined = f"{text}{sep}{safe}" if first else f"{safe}{sep}{text}"
    assert kind in hazard.kinds(joined)


@given(st.lists(_SAFE, min_size=1, max_size=4), _SEP)
def test_ordinary_words_together_stay_ordinary(parts: list[str], sep: str) -> None:
    assert hazard.dangers(sep.join(parts)) == []


@given(_DANGER)
def test_case_does_not_matter(danger: tuple[str, str]) -> None:
    text, _ = danger
    assert hazard.kinds(text.upper()) == hazard.kinds(text) == hazard.kinds(text.lower())


@given(
    st.sampled_from(["sparks", "smoke", "trapped", "unconscious", "fire", "electrocuted"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=3),
    st.booleans(),
)
def test_a_latin_hazard_word_inside_another_word_is_none(
    word: str, letters: str, before: bool
) -> None:
    if not before and letters.startswith("s"):
        return  # "fires", "sparkss": a plural is the word
    glued = f"{letters}{word}" if before else f"{word}{letters}"
    assert hazard.dangers(f"There is {glued} in the stairwell now") == []


_ONE_CLAUSE = [
    (text, kind)
    for text, kind in DANGERS
    if not any(c in text for c in ",,!") and not any(w in text for w in ("还", "since", "不停"))
]


@given(st.sampled_from(_ONE_CLAUSE), st.sampled_from(["上周", "去年", "last week ", "yesterday "]))
def test_a_danger_said_past_is_over(danger: tuple[str, str], past: str) -> None:
    text, kind = danger
    assert kind not in hazard.kinds(past + text)


@given(st.sampled_from(_ONE_CLAUSE), st.sampled_from(["如果", "万一", "what if ", "in case "]))
def test_a_danger_supposed_is_none(danger: tuple[str, str], supposed: str) -> None:
    text, kind = danger
    assert kind not in hazard.kinds(supposed + text)


@given(st.text(max_size=200))
def test_any_text_is_answered(text: str) -> None:
    found = hazard.dangers(text)
    assert all(d.kind in {k.key for k in hazard.ALL} and d.words for d in found)


_FRAGMENTS = st.sampled_from(
    [
        *("着火", "冒烟", "煤气", "味", "电梯", "被困", "救命", "没有", "上周", "如果", "但是"),
        *("不过", "可是", "是", "了", "!", "。", ",", "?", "\n", " ", "楼道里有", "烟"),
        *("smoke", "fire", "gas", "smell", "lift", "stuck", "help", "is missing", "my son"),
        *("there is", "no", "not", "but", "however", "yesterday", "if", "!", ".", "?", "please"),
        *("sparks", "electrical room", "water", "配电房", "进水", "fireworks", "烟花", "on fire"),
    ]
)


@given(st.lists(_FRAGMENTS, max_size=14).map("".join))
@example("The lift is fine. Help!")
@example("I called twice. My son is missing.")
@example("电梯没事。救命!")
def test_a_text_s_cues_spare_only_kinds_it_cannot_tell(text: str) -> None:
    """The cheap look for each kind's words over the whole text (`hazard._CUES`) skips only
    kinds no clause tells: the dangers are those of reading every kind clause by clause."""
    folded = text.casefold()
    every = []
    for kind in hazard.ALL:
        heard = (hazard._heard(kind, clause, folded) for clause in hazard.clauses(text))
        words = next((w for w in heard if w), None)
        if words:
            every.append(hazard.Danger(kind.key, words))
    assert hazard.dangers(text) == every
