"""English danger words heard whole and meant (bot/hazard.py, bot/figure_words.py): an
ordinary question that holds a danger's word inside another word, as a figure of speech, a
purpose or beside one cry of "Help!" is no emergency (a requester asking about their card,
an appointment or a passport got the emergency numbers and the supervisors an alert), while
a danger said now stays one, with straight or curly apostrophes. "Collapsed" tells whose: a
structure named before it (a ceiling, a wall, a bridge) is a collapse (the fire brigade, keep
away), someone (my grandmother, a man) is a person down (the ambulance), a company or plans
none; "fell asleep" is no fall."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.priority import emergency_words
from bot.rules import Rules

NONE = [
    # inside other words: "he" of "headphones" is no missing husband, "knot" no "not"
    "I can't find my headphones",
    "I lost my headphones on the bus",
    "I can’t find the hermit crab exhibit",
    "the knot breathing technique class",
    "I know the smoked salmon is good",
    # a purpose, not a fall
    "I can't get up early for my appointment",
    "My mum can’t get up early for her appointment, can we move it to the afternoon?",
    # figures of speech
    "I'm trapped in paperwork, how do I renew my licence?",
    "She collapsed in tears when she heard the news",
    "I am drowning in bills",
    "I'm drowning in paperwork this month",
    "start playing from where i left off on the goblet of fire",
    # a thing trapped, not a person
    "My card got trapped inside an ATM, what should I do?",
    "How do I retrieve a trapped card from a ATM?",
    # one cry of help beside an errand
    "Help! How do I renew my passport?",
    "Help! I lost my card!",
    "My card has been lost! help!",
    "Please help me!  I forgot my password.",
    "Help please!  My rent payment is coming out tomorrow",
    "Can someone help me unblock my pin?",
    "Can someone help with my passcode?",
    "I think I was charged twice, please help!",
    # hitting, beating, crashing and dying that hurt nobody now
    "hit me up when you are free",
    "the news hit me hard",
    "beating the deadline",
    "beats me why the bill is so high",
    "she beats me in every game",
    "my dad beat me to it",
    "he hit me up last night",
    "the server crashed and customers are hurt",
    "the market crashed and I'm hurt financially",
    "the crash test results",
    "I hurt my hand by accident",
    "how do I report a car accident for insurance",
    "I was in an accident last year",
    "my son was hit by a car last year",
    "the accident happened, no one was hurt",
    "my phone is dying",
    "I'm dying to know when the pool opens",
    "this plant is dying",
]

DANGERS = [
    ("there's smoke coming from my neighbour's flat", "smoke"),
    ("there’s smoke coming from my neighbour’s flat", "smoke"),
    ("someone collapsed and is not breathing", "person"),
    ("someone collapsed and isn’t breathing", "person"),
    ("He isn't breathing", "person"),
    ("My dad fell and can’t get up", "fallen"),
    ("my father fell in the bathroom and is not responding", "person"),
    ("my mum isn’t responding", "person"),
    ("Help! Help! I'm trapped in the lift", "trapped"),
    ("I’m stuck in the lift and can’t get out", "trapped"),
    ("Help! Help!", "plea"),
    ("Help!", "plea"),
    ("Help! Help! I lost my card", "plea"),
    ("can you contact samsung and say my washer is on fire", "fire"),
    ("There's a fire in the kitchen", "fire"),
    ("I can’t find my son anywhere", "missing"),
    ("I lost my daughter in the market", "missing"),
    ("the building collapsed, people are inside", "collapse"),
    ("my husband hits me and I am scared", "violence"),
    ("he punched me in the face", "violence"),
    ("my husband beat me up", "violence"),
    ("my boyfriend is hitting me", "violence"),
    ("my dad hits me with a belt", "violence"),
    ("My neighbour has been beating his wife, I can hear screaming right now", "violence"),
    ("Car crash on Elm Road, a man is bleeding a lot", "accident"),
    ("There was an accident and someone is hurt", "accident"),
    ("a car crashed into the shop and a woman is injured", "accident"),
    ("I crashed my bike and I’m bleeding", "accident"),
    ("a kid just got hit by a car outside the school", "accident"),
    ("please help he is dying", "person"),
    ("someone just jumped into the river", "water"),
    ("a man jumped off the bridge", "suicide"),
    ("A man just snatched my bag and ran off", "robbery"),
    ("I've just been mugged", "robbery"),
]


@pytest.mark.parametrize("text", NONE)
def test_an_ordinary_question_is_no_danger(rules: Rules, text: str) -> None:
    assert hazard.dangers(text) == []
    assert emergency_words(rules, text) == []


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_a_danger_said_now_is_still_one(rules: Rules, text: str, kind: str) -> None:
    assert kind in hazard.kinds(text)
    assert emergency_words(rules, text)


# Whose collapse: a structure's (kind "collapse": 119), a person's (kind "person": 120), or
# nobody's (no danger).
WHOSE = [
    ("The ceiling in my kitchen collapsed", "collapse"),
    ("the wall of the garden collapsed", "collapse"),
    ("part of the road has collapsed", "collapse"),
    ("the roof has caved in", "collapse"),
    ("the footbridge over the canal gave way", "collapse"),
    ("the balcony fell down", "collapse"),
    ("a tree fell down across the road", "collapse"),
    ("my husband says the wall collapsed", "collapse"),
    ("my grandmother collapsed", "person"),
    ("My husband just collapsed in the kitchen", "person"),
    ("a man collapsed in the street", "person"),
    ("an old lady passed out at the bus stop", "person"),
    ("someone fainted in the lobby", "person"),
    ("she’s collapsed on the floor", "person"),
    ("I fell in the kitchen and can't get up", "fallen"),
    # a structure named as the place it happened: a person down there
    ("a man in the building collapsed", "person"),
    ("an old man on the stairs collapsed, please help", "person"),
    ("my grandfather on the balcony collapsed", "person"),
    ("the ceiling in the building collapsed", "collapse"),
    ("a wall near our school collapsed", "collapse"),
    ("she has fallen down the stairs and can’t get up", "fallen"),
    ("the company collapsed", None),
    ("the shelf in my wardrobe collapsed", None),  # no danger to anyone
    ("my plans collapsed", None),
    ("he caved in to pressure", None),
    ("the flyers were passed out at the meeting", None),
    ("My son fell asleep late and can't get up early for school", None),
]


@pytest.mark.parametrize(("text", "kind"), WHOSE)
def test_collapsed_tells_whose(rules: Rules, text: str, kind: str | None) -> None:
    """One kind of the three, never both: a person down gets no structure's advice (keep
    away from the collapse) nor the fire brigade, a ceiling down no ambulance alone."""
    told = hazard.kinds(text) & {"collapse", "person", "fallen"}
    assert told == ({kind} if kind else set()), told
    if kind is None:
        # Nor an emergency of no kind: no configured phrase says "collapsed" alone.
        assert hazard.dangers(text) == [] and emergency_words(rules, text) == []
    else:
        assert emergency_words(rules, text), text
