"""Whether two tickets are one matter, for a surge (bot/same_matter.py): the knowledge base's
topic across Chinese and English, else the words, strictly."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.config.sections import Surge
from bot.same_matter import Subject, alike, one_emergency, one_event, subject

SIMILARITY = 75  # config.yaml surge.similarity
ELEVATOR = [
    "小区电梯又坏了,老人下不了楼",
    "我们小区电梯又坏了,老人没法下楼",
    "电梯又坏了 老人下不了楼!",
    "小区的电梯又坏了,家里老人下不了楼",
    "小区电梯又坏啦,老人下不了楼了",
]
PLOT = [
    "小区旁边的空地堆满垃圾没人管",
    "小区旁边那块空地堆满了垃圾,没人管",
    "我们小区旁边的空地上全是垃圾没人管",
    "小区旁边的空地垃圾堆成山了没人管",
    "小区旁边空地堆满垃圾,臭得很,没人管",
]
LEAKS = [
    "小区旁边的水管漏水了没人管",
    "小区旁边的水管漏了,水流满地没人管",
    "我们小区旁边的水管漏水,没人管",
]
topics = st.one_of(st.none(), st.sampled_from(["water-outage", "gas-leak", "power-outage"]))


def test_one_topic_in_both_languages_is_one_matter() -> None:
    chinese = subject("我们小区停水了", "water-outage")
    english = subject("There is no water in our flat, what is going on?", "water-outage")
    assert alike(chinese, english, SIMILARITY)


def test_other_topics_are_other_matters_whatever_the_words() -> None:
    """A water cut and a power cut worded alike are two matters."""
    assert not alike(
        subject("小区停水了", "water-outage"), subject("小区停电了", "power-outage"), 75
    )
    same_words = "楼里没水也没电了"
    assert not alike(subject(same_words, "water-outage"), subject(same_words, "power-outage"), 75)


@pytest.mark.parametrize("reports", [ELEVATOR, PLOT], ids=["elevator", "plot"])
def test_paraphrases_the_knowledge_base_does_not_know_make_a_surge(reports: list[str]) -> None:
    """Five reports of one matter in other words: the last is alike to the four before it (a
    surge, config surge.min_tickets 5), and each to at least three of the others."""
    subjects = [subject(r, None) for r in reports]
    assert all(alike(subjects[-1], s, SIMILARITY) for s in subjects[:-1])
    for one in subjects:
        assert sum(alike(one, other, SIMILARITY) for other in subjects if other != one) >= 3


@pytest.mark.parametrize("leak", LEAKS)
def test_a_leak_is_no_empty_plot_however_many_words_they_share(leak: str) -> None:
    """The tester's leak linked to an empty plot's incident: alike to at most one of its five
    reports, never to the four a surge needs (config surge.min_tickets 5)."""
    alikes = [p for p in PLOT if alike(subject(leak, None), subject(p, None), SIMILARITY)]
    assert len(alikes) <= 1


def test_known_to_the_base_on_one_side_only_the_pairs_must_agree() -> None:
    """ "停水" and "漏水" share a character, not a word: a water cut the base knows and a leak it
    does not are other matters."""
    cut, leak = subject("小区停水了", "water-outage"), subject("小区漏水了", None)
    assert not alike(cut, leak, SIMILARITY)
    assert alike(subject("幸福小区停水了", "water-outage"), subject("幸福小区停水了!", None), 75)


@given(st.text(max_size=30), st.text(max_size=30), topics, topics, st.integers(0, 100))
def test_alike_is_symmetric(a: str, b: str, ta: str | None, tb: str | None, cut: int) -> None:
    assert alike(subject(a, ta), subject(b, tb), cut) == alike(subject(b, tb), subject(a, ta), cut)


@given(st.text(min_size=1, max_size=30).filter(lambda t: any(c.isalnum() for c in t)), topics)
def test_a_text_with_words_is_alike_itself(text: str, topic: str | None) -> None:
    """Within the configured similarity (at most 100), whatever the topic. Words of a matter:
    a text that only names a place ("了了小区", `bot.places.elsewhere`) says no matter."""
    assume(subject(text, None).characters)
    assert alike(subject(text, topic), subject(text, topic), 100)


@given(st.text(max_size=30), st.text(max_size=30), st.integers(0, 100))
def test_different_known_topics_are_never_alike(a: str, b: str, cut: int) -> None:
    """Unless one tells a danger to people (one event at one place: see below)."""
    assume(not (subject(a, None).dangers or subject(b, None).dangers))
    assert not alike(subject(a, "water-outage"), subject(b, "gas-leak"), cut)


def test_words_are_folded() -> None:
    assert subject("Ｎo ＷＡＴＥＲ!", None) == Subject(
        None, "no water", "no water", area=True, supplies=frozenset({"water"})
    )
    assert subject("小区漏水", None) == Subject(None, "小 区 漏 水", "小区 区漏 漏水")


@given(
    st.from_regex(r"[0-9A-Za-z]{1,4}", fullmatch=True),
    st.text(alphabet="停水电梯坏了小区家里没", min_size=1, max_size=8),
)
def test_a_number_or_latin_word_does_not_swallow_the_chinese_after_it(
    prefix: str, chinese: str
) -> None:
    """A tester's "幸福路3号楼停水了" was one token, "3号楼停水了", after the 3: its 停水 was
    lost to every comparison."""
    about = subject(f"幸福路{prefix}{chinese}", None)
    # A code ("A000") is a spot, where and not what (`bot.places.elsewhere`): no matter word.
    if not re.fullmatch(r"[a-z]{1,4}\d{3,}", prefix.casefold()):
        assert prefix.casefold() in about.characters.split()
    # The prefix takes nothing from the words after it: they read as they do without it (a run
    # like "了了小区" may itself be a place's name, elided with or without the prefix).
    bare = subject(f"幸福路{chinese}", None)
    assert set(bare.characters.split()) <= set(about.characters.split())
    assert set(bare.pairs.split()) <= set(about.pairs.split())


def test_the_testers_report_keeps_its_matter_after_the_building_number() -> None:
    assert "停水" in subject("幸福路3号楼停水了", None).pairs.split()


def test_the_genuine_water_cut_shares_the_pair_that_names_it() -> None:
    assert "停水" in subject("幸福路3号楼停水了,家里没水做饭", None).pairs.split()


LIGHTS = (("路灯", "street light"), ("下水道", "sewer"))


def test_a_fault_at_another_place_or_of_another_thing_is_another_matter() -> None:
    def light(text: str, area: bool = False) -> Subject:
        return subject(text, "streetlight-fault", objects=LIGHTS, area=area)

    here = light("幸福路23号门口的路灯坏了")
    assert alike(here, light("幸福路23号门口路灯不亮,灯杆LD-0457"), SIMILARITY)
    assert not alike(here, light("建设路5号旁边的路灯不亮了"), SIMILARITY)
    assert not alike(light("The street light outside No. 5 is out"), here, SIMILARITY)
    assert not alike(here, light("幸福路23号路灯旁边的下水道堵了"), SIMILARITY)
    # An area's matter (a water cut) is one event whatever the addresses on one road, and
    # two on two roads.
    assert alike(
        subject("幸福路3号楼停水了", "water-outage", area=True),
        subject("幸福路5号停水了", "water-outage", area=True),
        SIMILARITY,
    )
    assert not alike(
        subject("幸福路3号楼停水了", "water-outage", area=True),
        subject("建设路5号停水了", "water-outage", area=True),
        SIMILARITY,
    )


PLACES = (("幸福里", "Xingfuli", "Xingfu Li"),)


def _cut(text: str, topic: str | None = None) -> Subject:
    return subject(text, topic, places=PLACES)


def test_one_estate_s_power_cut_in_either_language_is_one_matter() -> None:
    """English words the knowledge base may not know link with the Chinese reports it does."""
    chinese = [_cut("幸福里3号楼停电了", "power-outage"), _cut("幸福里5号楼也停电了", None)]
    english = [_cut("Xingfuli building 3 is dark"), _cut("Xingfuli has had no power since 8pm")]
    assert all(alike(a, b, SIMILARITY) for a in chinese for b in english)
    assert alike(english[0], english[1], SIMILARITY)


def test_power_cuts_in_two_estates_or_a_power_and_a_water_cut_are_two_matters() -> None:
    here = _cut("幸福里3号楼停电了", "power-outage")
    assert not alike(here, _cut("和平小区停电了", "power-outage"), SIMILARITY)
    assert not alike(here, _cut("Heping Estate has no power"), SIMILARITY)
    assert not alike(_cut("Xingfuli building 3 is dark"), _cut("幸福里停水了"), SIMILARITY)
    # naming no place, it is not guessed to be either's; two naming none are one
    assert not alike(here, _cut("小区停电了"), SIMILARITY)
    assert alike(_cut("停电了"), _cut("小区停电了"), SIMILARITY)


def test_a_danger_is_no_outage_whatever_words_they_share() -> None:
    gas = _cut("停电报修电话是多少,楼道里有很浓的煤气味")
    assert gas.dangers
    assert not alike(_cut("小区停电了"), gas, SIMILARITY)
    assert alike(_cut("楼道里有煤气味"), _cut("楼道里煤气味很浓"), SIMILARITY)


def test_a_light_on_a_road_of_a_longer_name_is_another_light() -> None:
    def light(text: str) -> Subject:
        return subject(text, "streetlight-fault", objects=LIGHTS)

    assert not alike(
        light("幸福路23号门口的路灯坏了"), light("人民幸福路23号门口的路灯坏了"), SIMILARITY
    )
    assert alike(light("幸福路23号门口的路灯坏了"), light("在幸福路23号,路灯坏了"), SIMILARITY)


reports = st.sampled_from(
    [
        "幸福里3号楼停电了",
        "Xingfuli building 3 is dark",
        "和平小区停电了",
        "小区停电了",
        "幸福路23号路灯坏了",
        "人民幸福路23号路灯坏了",
        "No water at 5 Xingfu Road",
        "楼里没水也没电了",
    ]
)


@given(reports, reports, topics, topics)
def test_alike_is_symmetric_with_places_and_supplies(
    a: str, b: str, ta: str | None, tb: str | None
) -> None:
    one, other = _cut(a, ta), _cut(b, tb)
    assert alike(one, other, SIMILARITY) == alike(other, one, SIMILARITY)


@pytest.mark.parametrize(
    ("outage", "other"),
    [
        ("幸福里3号楼停电", "幸福里3号楼太吵"),
        ("幸福里3号楼停电了", "幸福里3号楼太吵了"),
        ("Power cut in Xingfuli building 3", "Loud music in Xingfuli building 3"),
        ("Power cut in Xingfuli building 3", "Too noisy in Xingfuli building 3"),
    ],
)
def test_a_shared_address_alone_makes_no_one_matter(outage: str, other: str) -> None:
    """Another matter at an outage's address is not the outage (issue 14): their words are
    compared without the place they both name."""
    assert not alike(
        subject(outage, None, places=PLACES), subject(other, None, places=PLACES), SIMILARITY
    )
    assert alike(
        subject(outage, None, places=PLACES),
        subject(outage.replace("3", "3 ").strip() + "!", None, places=PLACES),
        SIMILARITY,
    )


OBJECTS = Surge().objects
ESTATES = (("和平小区", "Heping Estate"), ("幸福里", "Xingfuli"))
LIFT_4 = [
    ("和平小区4栋电梯坏了,有人被困", None),
    ("Someone is trapped in the lift of Heping Estate building 4", "parking-complaint"),
    ("和平小区4号楼电梯困人了,快来人", "lift-fault"),
    ("和平小区4栋的电梯坏了", "lift-fault"),
    ("和平小区4栋电梯停在半空,里面的人出不来", None),
]


def _at(text: str, topic: str | None = None) -> Subject:
    return subject(text, topic, objects=OBJECTS, places=ESTATES)


def test_a_danger_and_the_fault_of_its_thing_at_one_place_are_one_event() -> None:
    """The tester's six reports of one lift (issue 14): those telling someone trapped (a cry
    for help beside it or not) and the one telling the lift broken are one event, whatever
    their words and whatever the knowledge base makes of them (the English one came close to
    a parking complaint)."""
    lifts = [_at(text, topic) for text, topic in LIFT_4]
    assert all(alike(a, b, SIMILARITY) for a in lifts for b in lifts)


@pytest.mark.parametrize(
    "other",
    [
        "和平小区2栋电梯坏了,有人被困",  # another building's lift
        "幸福里4栋电梯坏了,有人被困",  # another estate's
        "电梯坏了,有人被困",  # naming no place: not guessed
        "和平小区4栋有很浓的煤气味",  # another danger, no lift
        "和平小区4栋停电了",  # an outage names no lift (`of_incident` joins it to one)
        "和平小区4栋电梯冒烟了",  # another danger of the lift: not guessed one event
    ],
)
def test_a_danger_elsewhere_or_of_another_thing_is_another_event(other: str) -> None:
    trapped = _at("和平小区4栋电梯坏了,有人被困", "lift-fault")
    assert not alike(trapped, _at(other, "lift-fault"), SIMILARITY)
    assert not alike(_at(other), trapped, SIMILARITY)


def test_one_danger_at_one_spot_is_one_event_in_any_words() -> None:
    gas = [_at("幸福里3号楼有煤气味", "gas-leak"), _at("幸福里3号楼楼道煤气味好重,快来人")]
    assert alike(gas[0], gas[1], SIMILARITY)
    assert not alike(gas[0], _at("幸福里5号楼楼道煤气味好重"), SIMILARITY)


def test_one_trapped_lift_at_one_building_named_alone_is_one_emergency() -> None:
    """A tester's three reports of one lift, no estate named by any: "3号楼" and "building 3"
    are one spot, and someone trapped there is one emergency with that lift stuck (no
    surge needed: `one_emergency`); another building's lift, or a lift of no place, is not."""
    reports = [
        _at("电梯困人了,3号楼有人被关在里面"),
        _at("Someone is trapped in the lift of building 3", "parking-complaint"),
        _at("3号楼电梯坏了,卡住不动", "lift-fault"),
    ]
    assert all(one_emergency(a, b) for a in reports for b in reports if a is not b)
    assert all(alike(a, b, SIMILARITY) for a in reports for b in reports)
    for other in ("5号楼电梯坏了,卡住不动", "电梯坏了,卡住不动", "幸福里3号楼电梯坏了,卡住不动"):
        assert not one_emergency(reports[0], _at(other, "lift-fault")), other
    plain = [_at("3号楼电梯坏了"), _at("The lift in building 3 is broken")]
    assert not one_emergency(plain[0], plain[1])  # no danger: a surge's to find, not one


HOUSEHOLD = [
    "我家楼上漏水",
    "我家天花板漏水了",
    "楼上往我家渗水",
    "俺家天花板往下滴水",
    "我们家卫生间顶上漏水",
    "Water is leaking from the flat above into my home",
    "The flat upstairs is leaking into mine",
    "Water is dripping into my kitchen from upstairs",
]
SHARED = [
    ("小区电梯又坏了", None),
    ("小区的电梯又坏了,家里老人下不了楼", "lift-fault"),
    ("楼里漏水了,我家门口全是水", None),
    ("整栋楼都漏水,我家也是", None),
    ("我家门口的井盖松了", "road-repair"),
    ("The lift in our building is broken again, my mother cannot get out of my flat", None),
    ("Water is leaking all over the estate, my home too", None),
    ("家里停水了", None),  # a supply cut: an area's, whatever home tells it
    ("我家暖气不热", "heating-problem"),  # an area's topic (its template's handling.area)
]


@pytest.mark.parametrize("text", HOUSEHOLD)
def test_a_homes_own_matter_at_no_place_is_one_event_with_no_other(text: str) -> None:
    """The new-user trial's five "我家楼上漏水" were linked as one mass incident and raised to
    特急: each a household's own leak, not one event, not even in the same words or the
    knowledge base's one topic. One requester's own words beside their ticket are still its
    matter (`alike`)."""
    mine = _at(text, "water-pipe-leak")
    assert mine.household
    assert not one_event(mine, _at(text, "water-pipe-leak"), SIMILARITY)
    assert not any(one_event(mine, _at(other), SIMILARITY) for other in HOUSEHOLD)
    assert not one_event(mine, _at("小区水管漏水了"), SIMILARITY)
    assert alike(mine, _at(text, "water-pipe-leak"), SIMILARITY)


@pytest.mark.parametrize(("text", "topic"), SHARED)
def test_a_shared_thing_told_from_a_home_is_the_things(text: str, topic: str | None) -> None:
    """The estate's lift, the building, a manhole cover, a supply: shared things, one event
    however many homes tell them."""
    area = topic == "heating-problem"
    mine = subject(text, topic, objects=OBJECTS, places=ESTATES, area=area)
    assert not mine.household
    again = subject(text, topic, objects=OBJECTS, places=ESTATES, area=area)
    assert one_event(mine, again, 100) and alike(mine, again, 100)


def test_a_home_at_a_named_place_is_of_that_place() -> None:
    """A household's words at a named estate: its matter there is the estate's to link
    ("幸福里5号楼家里停水了" is 幸福里's water cut); at no place, its own."""
    cut = _at("幸福里5号楼家里停水了", "water-outage")
    assert not cut.household and cut.places == {"幸福里"}
    assert one_event(cut, _at("幸福里停水了", "water-outage"), SIMILARITY)
    leak = _at("幸福里5号楼我家楼上漏水", "water-pipe-leak")
    assert leak.household
    assert one_event(leak, _at("幸福里5号楼我家楼上漏水了", "water-pipe-leak"), SIMILARITY)
    assert not one_event(_at("我家楼上漏水"), leak, SIMILARITY)


def test_a_danger_at_one_building_told_from_homes_is_one_emergency() -> None:
    """No estate named, but one building: a gas smell in homes of 3号楼 is one emergency
    there (`one_emergency`), a home's or not; at no building, two homes' are two."""
    gas = _at("我家在3号楼,家里有很浓的煤气味", "gas-leak")
    assert gas.household and gas.dangers
    assert one_event(gas, _at("3号楼有煤气味,快来人"), SIMILARITY)
    assert not one_event(_at("家里有很浓的煤气味"), _at("家里煤气味很浓"), SIMILARITY)


@given(st.sampled_from(HOUSEHOLD + [t for t, _ in SHARED]), reports, topics, topics)
def test_one_event_is_symmetric(a: str, b: str, ta: str | None, tb: str | None) -> None:
    one, other = _at(a, ta), _at(b, tb)
    assert one_event(one, other, SIMILARITY) == one_event(other, one, SIMILARITY)
