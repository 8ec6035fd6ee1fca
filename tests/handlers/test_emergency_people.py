"""Dangers to people themselves (issue 14, second round), end to end over the emulation: a
child in the river, a neighbour about to jump, a knife in the stairwell, a fight with blood,
an old man fallen who does not answer, a father with dementia gone missing, a loose balcony
railing over people, a plea for help alone. Each opens an urgent ticket at once (at the
general window; the railing's a fault report for Utilities), the emergency numbers told first
(the one that fits the danger among them), the supervisors alerted, no category question. A
past fire, a how-to about a gas leak, a gas bill "on fire", words of knives, jumps and help
for something else, one "Help!" over an errand ("Help! How do I renew my passport?"), a
figure of speech ("trapped in paperwork"), not getting up early for an appointment (起不来,
改约) and a non-smoking room (无烟房) stay ordinary. A danger in a photo's caption into an
open ticket: the numbers before the acknowledgement and the raised priority."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.danger import no_emergency
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
EVERY = [
    "110",
    "119",
    "120",
    "12356",
    "96333",
    "96777",
    "95598",
]  # every line the city has, in config order but 110 first
RAILING = "阳台护栏松了,随时会掉下去砸到楼下的人"
PHOTO = {"photo": [{"file_id": "p-1", "file_unique_id": "u-1", "width": 90, "height": 90}]}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "named"),
    [
        (REQUESTER, "小孩掉进小区的河里了!", ["119"]),
        (REQUESTER, "快点来人啊,救命", EVERY),  # unclear: all, 110 first
        (
            ENGLISH,
            "My neighbour is standing on the roof edge saying he will jump",
            ["12356", "110", "120"],  # the crisis line first, as the gas company for gas
        ),
        (ENGLISH, "Please, someone call the police, he is going to jump", ["12356", "110", "120"]),
        (
            ENGLISH,
            "Someone is threatening my neighbour with a knife in the stairwell",
            ["110", "120"],
        ),
        (ENGLISH, "please hurry, he has a knife", ["110", "120"]),
        (REQUESTER, "楼上在打架,有人流了很多血", ["110", "120"]),
        (REQUESTER, "老人在家摔倒了起不来,叫他也不答应", ["120"]),
        (REQUESTER, "快点啊,他没有反应了", ["120"]),
        (REQUESTER, "我爸有老年痴呆,今天早上出门走丢了", ["110"]),
        (REQUESTER, RAILING, ["119"]),
        (ENGLISH, "my father fell in the bathroom and is not responding", ["120"]),
        (ENGLISH, "my father fell in the bathroom and isn’t responding", ["120"]),
        (ENGLISH, "My mother has dementia and has gone missing", ["110"]),
        (REQUESTER, "快叫救护车", ["120"]),
        (REQUESTER, "我爸突然晕倒了,叫不醒", ["120"]),
        (REQUESTER, "有人拿着刀在楼下砍人", ["110", "120"]),
        (ENGLISH, "Help! Help!", EVERY),
    ],
)
async def test_a_danger_to_people_is_urgent_at_once(
    running: tuple[Emulator, App], user: int, text: str, named: list[str]
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)

    async def opened() -> bool:
        return await ticket_no(application, 1) is not None

    await until(opened)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    # A danger to people themselves is the general window's, a thing about to fall on them
    # Utilities'; both in the emergency's category (bot/danger_filing.py).
    filed = "utilities" if text == RAILING else "general"
    assert (ticket.priority, ticket.category, ticket.department_key) == (
        "urgent",
        "fault_report",
        filed,
    )
    assert ticket.first_response_due_at - ticket.opened_at == timedelta(minutes=15)
    said = bot_said(world, user)
    # The numbers first: those that fit the danger, the one for it at their head (a fresh
    # tester got all six for each danger, issue 14); all only when the danger is unclear
    # (a cry for help alone); no category buttons.
    listed = [line for line in said[0].text.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed] == named, listed
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "上周楼道里着火了,烧黑的墙到现在物业还没清理"),
        (ENGLISH, "How do I report a gas leak if I ever smell one?"),
        (ENGLISH, "My gas bill this month is on fire, 3 times the usual amount!"),
        (REQUESTER, "刀削面哪家好吃"),
        (ENGLISH, "is there a knife sharpening service nearby"),
        (REQUESTER, "跳蚤市场在哪里"),
        (ENGLISH, "who can jump start my car"),
        (REQUESTER, "这笔补贴对我们家是救命稻草,什么时候发"),
        (ENGLISH, "help me with my tax form"),
        # one cry of help over an errand, a figure of speech, a purpose, a hotel's room
        (ENGLISH, "Help! How do I renew my passport?"),
        (ENGLISH, "Help! I lost my card!"),
        (REQUESTER, "救命,我的护照过期了,怎么续签?"),
        (ENGLISH, "I'm trapped in paperwork, how do I renew my licence?"),
        (ENGLISH, "My mum can't get up early for her appointment, can we move it?"),
        (REQUESTER, "我妈早上起不来,想改约到下午"),
        (REQUESTER, "有无烟房的酒店吗?"),
    ],
)
async def test_past_how_to_and_figurative_words_are_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "caption", "added", "raised"),
    [
        (
            REQUESTER,
            "我家门口的路灯坏了三天了,谁来修?",
            "灯杆底下的电箱在冒火花,有焦味",
            "已记入工单 #1",
            "已调整为",
        ),
        (
            ENGLISH,
            "The street light outside my door has been broken for three days, who fixes it?",
            "The fuse box of the pole is sparking and there is a burning smell",
            "Added to ticket #1",
            "is now handled as",
        ),
    ],
)
async def test_the_numbers_come_before_the_ticket_words(
    running: tuple[Emulator, App], user: int, first: str, caption: str, added: str, raised: str
) -> None:
    """Into an open ticket (a photo's caption, or text): the emergency numbers first, then
    that it was filed, then its new priority. The danger is of the ticket's own thing (the
    street light's pole): one of another thing is its own ticket (test_emergency_apart.py)."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, first)
    await bot_lines(emulator, user, 2)
    before = len(bot_said(world, user))
    await world.user_sends_content(user, {**PHOTO, "caption": caption})

    async def urgent() -> bool:
        ticket = await ticket_no(application, 1)
        return ticket is not None and ticket.priority == "urgent"

    await until(urgent)
    await until(lambda: any(raised in e.text for e in bot_said(world, user)[before:]))
    await until(lambda: any(added in e.text for e in bot_said(world, user)[before:]))
    said = [e.text for e in bot_said(world, user)[before:]]
    listed = [line for line in said[0].splitlines() if line.startswith("·")]
    assert "95598" in " ".join(listed[:2]), said  # sparks: the power company's line at the head
    assert not any("119" in text for text in said[1:])
