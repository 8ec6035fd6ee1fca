"""Whether a danger told beside a ticket is that ticket's matter (bot/danger_matter.py): only
the same kind of danger, or one thing named on both sides; else its own urgent ticket."""

from __future__ import annotations

import pytest

from bot.danger_matter import of_matter


@pytest.mark.parametrize(
    ("danger", "matter"),
    [
        ("灯杆底下在冒火花", "我家门口的路灯坏了三天了,谁来修?"),
        ("Now there are sparks coming from the pole", "The street light outside is broken"),
        ("电梯里有人被困了", "幸福路4号楼的电梯坏了"),
        ("闻到一股煤气味", "我家的燃气灶打不着火"),
        ("楼道里还是有煤气味", "楼道里有煤气味"),
        # a cry alone after a danger: the same emergency going on
        ("he is coming back now, please help", "my husband hits me and I am scared"),
        ("他又回来了,帮帮我", "我老公打我"),
        # someone bleeding heavily, then dying: the same person
        ("please help he is dying", "Car crash on Elm Road, a man is bleeding a lot"),
        ("快点,他快不行了", "他流了很多血"),
        # something swallowed, a fall, a bite, then the same person worse
        ("孩子没有呼吸了", "孩子误吞了电池"),
        ("please help he is not breathing", "My son swallowed a battery"),
        ("他快不行了", "我爸摔倒了起不来"),
        ("he is not breathing", "a snake bit my son"),
        # a person worse after any danger told (a trial: each opened a second ticket)
        ("他快不行了", "救命,楼下有人触电了,倒在地上,在幸福里7号楼"),
        ("他快不行了", "救命!幸福里8号楼电梯里困了人"),
        ("my dad fainted from the smoke, he is not breathing", "Help, my kitchen is on fire"),
    ],
)
def test_a_danger_of_the_tickets_thing_is_its_matter(danger: str, matter: str) -> None:
    assert of_matter(danger, matter)


@pytest.mark.parametrize(
    ("danger", "matter"),
    [
        ("楼道里有很浓的煤气味", "幸福路4号楼停电了,从早上到现在都没电"),
        ("I can smell gas in the stairwell", "No power in building 4 since this morning"),
        ("楼道着火了", "小区的消防通道被私家车堵死了"),
        ("配电箱在冒火花", "我家门口的路灯坏了"),
        ("4号楼电梯里有人被困", "4号楼停水了"),
        # a cry beside an ordinary matter: a danger of its own
        ("he is coming back now, please help", "my passport has expired"),
    ],
)
def test_a_danger_of_another_thing_is_not(danger: str, matter: str) -> None:
    assert not of_matter(danger, matter)
