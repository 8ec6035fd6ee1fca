"""A broken road, pavement or manhole cover is its own fault: a requester naming a street
("on Elm Street") is not answered with the street light's repair and its pole number, but with
the road repair's answer, asked where and for a photo, and the ticket goes to utilities."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "asked", "light"),
    [
        (ENGLISH, "The pavement outside the school on Elm Street is cracked", "a photo", "pole"),
        (ENGLISH, "There's a big pothole on Elm Street outside the school", "a photo", "pole"),
        (ENGLISH, "The sidewalk in front of my building is broken", "a photo", "pole"),
        (REQUESTER, "学校门口的路面坑坑洼洼,谁来修?", "现场照片", "灯杆"),
        (REQUESTER, "小区外面人行道的地砖破损了", "现场照片", "灯杆"),
        (REQUESTER, "学校门口的路面裂了好几道缝", "现场照片", "灯杆"),
    ],
)
async def test_a_broken_road_is_a_road_repair_not_a_street_light(
    running: tuple[Emulator, App], user: int, question: str, asked: str, light: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, question)
    said = await bot_lines(emulator, user, 2)
    text = "\n".join(line.text for line in said)
    assert light not in text and "street-lighting" not in text and "路灯" not in text, text
    assert asked in said[-1].text, text
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert "#1|故障报修" in card.text
    assert "· 机器人答复:路面破损谁来修" in card.text, card.text
