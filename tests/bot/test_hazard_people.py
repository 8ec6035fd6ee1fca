"""Dangers to people themselves heard by kind (bot/hazard.py, issue 14, second round): someone
in the water, threatening to jump, a weapon or a fight with blood, an old man fallen and not
answering, a vulnerable person missing, something about to fall on people below, and a plea
for help ("救命", "call the police") are emergencies by themselves; figurative, idiomatic,
past and how-to words of the same things (刀削面, a jump start, 救命稻草, "help me with my
tax form", a fire last week, a gas bill "on fire", how to report a gas leak) are none, and
a configured phrase is heard as carefully as a kind's word. An open manhole or a pothole
someone was hurt by is a public-safety hazard (kind `hole`) that a past word does not end; a
frail person not answering the door is a welfare check (kind `welfare`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import hazard
from bot.config import Settings
from bot.intake import emergency
from bot.priority import DEPENDENT, emergency_words, keyword_priority
from bot.rules import Rules

DANGERS = [
    ("小孩掉进小区的河里了!", "water"),
    ("有人落水了", "water"),
    ("someone fell into the river", "water"),
    ("a child is drowning in the pond", "water"),
    ("My neighbour is standing on the roof edge saying he will jump", "suicide"),
    ("Please, someone call the police, he is going to jump", "suicide"),
    ("楼顶有人要跳楼", "suicide"),
    ("I've been robbed!", "robbery"),
    ("there's a burglar in my house", "violence"),
    ("someone is trying to break into our house", "violence"),
    ("刚才有人抢了我的手机", "robbery"),
    ("A man just snatched my bag and ran off", "robbery"),
    ("我被抢了!就在幸福路公交站", "robbery"),
    # someone beating their own (家暴): violence, lock yourself away from them
    ("My neighbour has been beating his wife, I can hear screaming right now", "violence"),
    ("my husband hits me and I am scared", "violence"),
    ("he is hitting her right now", "violence"),
    ("我老公打我", "violence"),
    ("我爸又在打我妈", "violence"),
    ("隔壁男的在打老婆,一直在尖叫", "violence"),
    # an accident with someone hurt: the ambulance, the police for the traffic
    ("Car crash on Elm Road, a man is bleeding a lot", "accident"),
    ("There was an accident and someone is hurt", "accident"),
    ("出车祸了,有人受伤了", "accident"),
    ("车祸了,有人受伤流了很多血", "accident"),
    ("我妈被车撞了", "accident"),
    ("a kid just got hit by a car outside the school", "accident"),
    ("please help he is dying", "person"),
    ("a man is bleeding a lot on the pavement", "bleeding"),
    ("他快不行了", "person"),
    # someone jumped into the water: in the water, and 跳河 is suicide too
    ("有人跳河了", "water"),
    ("有人跳河了", "suicide"),
    ("有个女的跳进河里了", "water"),
    ("有人跳江了", "suicide"),
    ("someone just jumped into the river", "water"),
    ("a man jumped off the bridge", "suicide"),
    ("有人在撬我家的门", "violence"),
    ("他说不想活了要自杀", "suicide"),
    ("Someone is threatening my neighbour with a knife in the stairwell right now", "violence"),
    ("please hurry, he has a knife", "violence"),
    ("楼上在打架,有人流了很多血", "violence"),
    ("有人拿着刀在楼下砍人", "violence"),
    ("there's a fight outside and someone is bleeding", "violence"),
    ("老人在家摔倒了起不来,叫他也不答应", "person"),
    ("快点啊,他没有反应了", "person"),
    ("my father fell and is not responding", "person"),
    ("I fell in the bathroom and can't get up", "fallen"),
    ("我爸有老年痴呆,今天早上出门走丢了", "missing"),
    ("my mother has dementia and has gone missing", "missing"),
    ("孩子找不到了", "missing"),
    ("阳台护栏松了,随时会掉下去砸到楼下的人", "falling"),
    ("the balcony railing is loose and could fall on people below", "falling"),
    ("快点来人啊,救命", "plea"),
    ("救命!", "plea"),
    ("Help! Help!", "plea"),
    ("please call the police", "police"),
    ("快叫救护车", "ambulance"),
    ("call an ambulance now", "ambulance"),
    # a public-safety hazard that stays one until dealt with (bot/peril_words.py)
    ("这是我家楼下的井盖,被人偷了,很危险", "hole"),
    ("Pothole on Elm Street, a cyclist fell here yesterday", "hole"),
    ("the manhole cover on Xingfu Road is missing, someone could fall in", "hole"),
    # a frail person not answering the door or not seen for days (bot/frail_words.py)
    ("独居的王大爷家暖气不热,敲门也没人应", "welfare"),
    ("my neighbour is 85 and lives alone, he isn't answering the door", "welfare"),
]

ORDINARY = [
    "刀削面哪家好吃",
    # an accident asked about or told of before, hitting and beating that is none
    "how do I report a car accident for insurance",
    "I was in an accident last year",
    "I hurt my hand by accident",
    "车祸理赔怎么办",
    "去年出车祸受伤了,现在能申请补助吗",
    "打我电话",
    "他打我电话没人接",
    "你打我手机吧",
    "hit me up when you are free",
    "the news hit me hard",
    "beating the deadline",
    "beats me why the bill is so high",
    "my brother beats me at chess every time",
    "my phone is dying",
    "I'm dying to know when the pool opens",
    "跳河里游泳的地方在哪",
    "跳水馆几点开门",
    # a robbery told of before, asked about, or words that hold none
    "I was robbed last week, how do I get a police report?",
    "how do I report a robbery",
    "someone broke into my car last night",
    "the break in the road",
    "I was mugged and everything taken. What do I do to protect my account?",
    "抢票怎么抢",
    "撬棍在哪里买",
    "knife sharpening service near me",
    "跳蚤市场在哪里",
    "how do I jump start my car",
    "这个补贴简直是救命稻草",
    "help me with my tax form",
    "can you help me with my application",
    "上周楼道里着火了,烧黑的墙到现在物业还没清理",
    "How do I report a gas leak if I ever smell one?",
    "My gas bill this month is on fire, 3 times the usual amount!",
    "我想报名游泳课",
    "河道什么时候清理",
    "我的身份证丢了",
    "钱包找不到了",
    "I lost my wallet",
    "how do I report a fight with my neighbour over parking",
    "去年小区有人落水",
    "如果有人落水怎么办",
    "the pool is closed for cleaning",
    "帮我查一下社保",
    "Thanks for your help!",
    "police station opening hours",
    "报警电话是多少",
    "help",
    "my son is missing school",
    "The old man next door is not responding to my letters",
]


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_a_danger_to_people_is_heard_by_its_kind(text: str, kind: str) -> None:
    assert kind in hazard.kinds(text), hazard.dangers(text)


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_it_is_an_emergency_and_urgent(rules: Rules, text: str, kind: str) -> None:
    assert emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", ORDINARY)
def test_figurative_past_and_how_to_words_are_none(rules: Rules, text: str) -> None:
    assert not hazard.kinds(text)
    assert not emergency_words(rules, text), text
    assert keyword_priority(rules, text, "normal")[0] != "urgent"


@given(
    st.sampled_from(DANGERS),
    st.sampled_from(["如果", "万一", "what if ", "last week "]),
)
def test_supposed_or_past_is_none(danger: tuple[str, str], lead: str) -> None:
    text, _ = danger
    text = text.rstrip("!").rstrip("!")
    one_clause = not any(mark in text for mark in ",,!!") and "now" not in text
    if one_clause and lead.isascii() == text.isascii():
        assert not hazard.kinds(lead + text)


# One cry beside an errand ("我的身份证丢了\n救命!") is an exclamation about it, no plea
# (bot/figure_words.py `cry_over_errand`; tests/bot/test_chinese_danger_words.py).
ONE_CRY = [("救命!", "plea")]


@given(st.sampled_from([d for d in DANGERS if d not in ONE_CRY]), st.sampled_from(ORDINARY))
def test_a_danger_beside_ordinary_words_is_heard(danger: tuple[str, str], other: str) -> None:
    text, kind = danger
    assert kind in hazard.kinds(f"{other}\n{text}")


@given(st.text(max_size=60))
def test_any_text_is_answered(text: str) -> None:
    hazard.dangers(text)


def test_every_kind_has_a_number_that_fits(settings: Settings) -> None:
    """Config names only kinds there are, and each kind is told a number of its own first
    (the words' kinds, `bot.hazard`, and someone on medical equipment in a cut,
    `priority.DEPENDENT`)."""
    named = {kind for n in settings.emergency.numbers for kind in n.kinds}
    assert named == {k.key for k in hazard.ALL} | {DEPENDENT}


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Someone is threatening my neighbour with a knife", "110"),
        ("老人在家摔倒了起不来,叫他也不答应", "120"),
        ("小孩掉进小区的河里了!", "119"),
        ("快叫救护车", "120"),
        ("有人被困在电梯里了", "96333"),
        ("救命,我被困在电梯里了", "96333"),  # the lift's line: the plea adds no police
        ("Help! I'm stuck in the lift", "96333"),
        ("出车祸了,有人受伤了", "120"),  # the ambulance, then the police
        ("A man just snatched my bag and ran off", "110"),
    ],
)
def test_the_number_that_fits_is_told_first(settings: Settings, text: str, first: str) -> None:
    """Those that fit, the one for the danger first; not every line the city has (a fresh
    tester got all six for each danger, issue 14)."""
    told = emergency.numbers(settings, "zh", emergency.kinds_told(text))
    assert told[0]["number"] == first
    fitting = {
        n.number
        for n in settings.emergency.numbers
        if set(n.kinds) & set(emergency.kinds_told(text)) - {"plea"}
    }
    assert {n["number"] for n in told} == fitting


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("my grandmother collapsed", "person"),
        ("I fell in the bathroom and can't get up", "fallen"),
    ],
)
def test_a_person_down_is_told_the_ambulance_alone(
    settings: Settings, text: str, kind: str
) -> None:
    """Someone collapsed (kind "person") or fallen and not getting up (kind "fallen") is a
    person down, no building's collapse: the ambulance, not the fire brigade told to keep
    away from a collapse."""
    assert emergency.kinds_told(text) == (kind,)
    told = emergency.numbers(settings, "en", emergency.kinds_told(text))
    assert [n["number"] for n in told] == ["120"]


@pytest.mark.parametrize(("kinds", "first"), [(("plea",), "110"), (("danger",), "119")])
def test_an_unclear_danger_is_told_every_number(
    settings: Settings, kinds: tuple[str, ...], first: str
) -> None:
    """A cry for help alone, a configured phrase of no kind: which danger is unclear, so every
    line, those for the cry first."""
    told = emergency.numbers(settings, "zh", kinds)
    assert told[0]["number"] == first and len(told) == len(settings.emergency.numbers)
