"""A tester's first messages (no ticket open) that got the category question, each now heard
as its own kind of danger in the language written (bot/hazard_people.py, bot/crisis_words.py,
bot/harm_words.py): not going on, pills or a battery swallowed, a drunk husband threatening
to kill, a small child missing, someone followed in the dark. Their like for something else
stays ordinary: a package missing, "dying to know", 累死了, pride swallowed, a phone
battery dead, a ticket followed up."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.priority import emergency_words
from bot.rules import Rules

HEARD = [
    ("suicide", "I am going to end it all tonight, nobody will miss me"),
    ("suicide", "失业半年了房租也交不起，真的撑不下去了，想一了百了"),
    (
        "suicide",
        "I lost my job, my rent is overdue and honestly I don't see the point of going on "
        "anymore. Is there any help?",
    ),
    ("suicide", "I can't go on like this anymore"),
    ("swallowed", "I took too many pills and I feel strange"),
    ("swallowed", "我吞了半瓶安眠药"),
    ("swallowed", "my friend overdosed and is barely breathing"),
    ("swallowed", "my baby swallowed a battery"),
    ("person", "我妈吃了一整瓶药,叫不醒"),
    ("violence", "我老公又喝醉了在砸东西，还说要打死我，我躲在卫生间"),
    ("violence", "他在踹门，我好害怕"),
    ("missing", "my 4 year old is missing at the Central Park, please help"),
    ("missing", "我儿子放学到现在还没回家，电话也打不通，已经晚上十点了"),
    ("police", "Someone is following me and I am alone at the bus stop, it's dark"),
    ("fraud", "我被骗了，刚转了5万块给一个自称公安的人"),
    ("fraud", "I was scammed, I just transferred 50,000 to a man claiming to be the police"),
]

NONE = [
    "my package is missing",
    "the missing form",
    "I'm dying to know when you open",
    "累死了",
    "I swallowed my pride and called",
    "the battery of my phone is dead",
    "following up on my ticket",
    "I don't see the point of going on with this application",
    "I can't go on like this anymore, when will the lift be fixed?",
    "我儿子还没回家,怎么办理他的身份证",
    "打死我也不去",
    # a small consumer complaint, a sum sent long ago, a scam asked about: no emergency
    "我被骗了十块钱的话费怎么投诉",
    "去年被骗了5万,能帮我查一下案子进度吗",
    "how do I report a scam call?",
    "I just transferred 5000 to my landlord, how do I get a receipt?",
    # medicine taken as told, followed online
    "我吃了很多药都没用,想问问医保能报销吗",
    "I took all my meds this morning",
    "they keep following me on twitter",
]


@pytest.mark.parametrize(("kind", "text"), HEARD)
def test_a_testers_first_message_is_heard_as_its_kind(rules: Rules, kind: str, text: str) -> None:
    assert kind in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)


@pytest.mark.parametrize("text", NONE)
def test_their_like_for_something_else_is_no_danger(rules: Rules, text: str) -> None:
    assert hazard.dangers(text) == []
    assert emergency_words(rules, text) == []
