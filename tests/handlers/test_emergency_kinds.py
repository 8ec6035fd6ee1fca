"""Emergencies recognised by their kind, not by a list of phrases (issue 14): smoke in a
stairwell, someone stuck in an elevator, water flooding into an electrical room, a neighbour
who collapsed and is not breathing, in either language, open an urgent fault report at once,
the emergency numbers told first, the supervisors alerted, no category question, and no
template of another danger's answer (the gas template's for smoke). Words of the same things
that tell no danger now (a gas connection, fireworks, a fire safety certificate, a planned
outage asked about) stay ordinary: no numbers, no urgent ticket, no alert. End to end over the
emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.danger import no_emergency, on_to_a_person, raised_in_its_ticket
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


# Every line the city has (config.yaml `emergency.numbers`): a clerk names those that fit.
EVERY_NUMBER = ("119", "110", "120", "12356", "96333", "96777", "95598")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "numbers", "promise", "named"),
    [
        (REQUESTER, "楼道里有烟,幸福路4号楼", "火警", "已为您登记工单 #1", ["119"]),
        # full-width commas end a clause: the past renovation is not the smoke's
        (
            REQUESTER,
            "去年刚装修过，现在楼道里有烟，幸福路4号楼",
            "火警",
            "已为您登记工单 #1",
            ["119"],
        ),
        (
            ENGLISH,
            "There is smoke in the stairwell of building 4, Xingfu Road",
            "Fire",
            "#1",
            ["119"],
        ),
        (
            REQUESTER,
            "有人被困在电梯里了,幸福路4号楼",
            "电梯困人救援",
            "已为您登记工单 #1",
            ["96333"],
        ),
        (
            ENGLISH,
            "someone is stuck in the elevator at 4 Xingfu Road",
            "Lift rescue",
            "#1",
            ["96333"],
        ),
        (
            REQUESTER,
            "水漫进配电房了,幸福路4号楼地下室",
            "供电抢修",
            "已为您登记工单 #1",
            ["95598"],
        ),
        (
            ENGLISH,
            "Water is flooding into the electrical room in our basement",
            "Power",
            "#1",
            ["95598"],
        ),
        # someone collapsed is a person down, no building's collapse: the ambulance alone
        (ENGLISH, "my neighbour collapsed and isn't breathing", "Ambulance", "#1", ["120"]),
        # a break-in now: violence, the police first (and the ambulance, as for a fight:
        # someone may be hurt), not every line the city has; a robbery or a snatch done:
        # the police alone
        (ENGLISH, "A man just snatched my bag and ran off", "Police", "#1", ["110"]),
        (ENGLISH, "Someone is breaking into my flat right now", "Police", "#1", ["110", "120"]),
        (REQUESTER, "我被抢了!就在幸福路公交站", "报警", "#1", ["110"]),
        # someone beating their own (家暴): violence, the police, then the ambulance
        (
            ENGLISH,
            "My neighbour has been beating his wife, I can hear screaming right now",
            "Police",
            "#1",
            ["110", "120"],
        ),
        (ENGLISH, "my husband hits me and I am scared", "Police", "#1", ["110", "120"]),
        (REQUESTER, "我老公打我", "报警", "#1", ["110", "120"]),
        (REQUESTER, "我爸又在打我妈", "报警", "#1", ["110", "120"]),
        # an accident with someone hurt: the ambulance, then the police for the traffic
        (
            ENGLISH,
            "Car crash on Elm Road, a man is bleeding a lot",
            "Ambulance",
            "#1",
            ["120", "110"],
        ),
        (ENGLISH, "There was an accident and someone is hurt", "Ambulance", "#1", ["120", "110"]),
        (REQUESTER, "车祸了,有人受伤流了很多血", "急救", "#1", ["120", "110"]),
        (REQUESTER, "出车祸了,有人受伤了", "急救", "#1", ["120", "110"]),
        (ENGLISH, "please help he is dying", "Ambulance", "#1", ["120"]),
        # someone jumped into the river: the fire brigade's water rescue, and 跳河 is a
        # suicide: the police and the ambulance
        (REQUESTER, "有人跳河了", "火警", "#1", ["119", "12356", "110", "120"]),
        (ENGLISH, "someone just jumped into the river", "Fire", "#1", ["119"]),
        (ENGLISH, "smells like gas in the kitchen", "Gas emergency", "#1", ["96777", "119"]),
        (REQUESTER, "厨房里有很浓的煤气味", "燃气抢修", "#1", ["96777", "119"]),
        (REQUESTER, "楼道里着火了,幸福路4号楼", "火警", "#1", ["119"]),
        (ENGLISH, "Sparks are coming out of the wires in the hallway", "Power", "#1", ["95598"]),
    ],
)
async def test_a_danger_said_in_new_words_is_urgent_at_once(
    running: tuple[Emulator, App],
    user: int,
    text: str,
    numbers: str,
    promise: str,
    named: list[str],
) -> None:
    """The numbers first: those that fit the danger, the one for it first (the gas company,
    then the fire brigade, for a gas smell), not every line the city has (a fresh tester got
    all six for each danger, issue 14)."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)

    async def opened() -> bool:
        return await ticket_no(application, 1) is not None

    await until(opened)
    await until(lambda: any(promise in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert (ticket.priority, ticket.category) == ("urgent", "fault_report")
    assert ticket.first_response_due_at is not None
    assert ticket.first_response_due_at - ticket.opened_at == timedelta(minutes=15)
    said = bot_said(world, user)
    # The numbers first, those that fit, in that order; no category buttons.
    listed = [n for line in said[0].text.splitlines() for n in EVERY_NUMBER if n in line]
    assert numbers in said[0].text and listed == named, said[0].text
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [(ENGLISH, "There is smoke in the stairwell"), (REQUESTER, "楼道里在冒烟")],
)
async def test_smoke_gets_no_answer_about_gas(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    """Smoke is no gas leak: the gas template's advice (turn off the gas main) is not given."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)

    async def urgent() -> bool:
        ticket = await ticket_no(application, 1)
        return ticket is not None and ticket.priority == "urgent"

    await until(urgent)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    said = " ".join(e.text for e in bot_said(world, user))
    assert "gas main" not in said and "燃气总阀" not in said


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (ENGLISH, "how do I apply for a gas connection"),
        (REQUESTER, "燃气开户怎么办理"),
        (REQUESTER, "烟花爆竹什么时候可以放"),
        (REQUESTER, "火车站怎么走"),
        (ENGLISH, "smoke detector installation subsidy"),
        (ENGLISH, "fire safety inspection certificate"),
        (REQUESTER, "明天停电吗"),
        # an accident asked about or told of before, a call asked for: no danger now
        (ENGLISH, "how do I report a car accident for insurance"),
        (ENGLISH, "I was in an accident last year"),
        (REQUESTER, "车祸理赔怎么办"),
        (REQUESTER, "他打我电话没人接"),
        (ENGLISH, "the news hit me hard"),
    ],
)
async def test_ordinary_words_of_smoke_fire_and_gas_are_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_planned_outage_restated_is_not_urgent(running: tuple[Emulator, App]) -> None:
    """A typed notice, then their own question about it: the outage is planned, asked
    about, not theirs now; the ticket it comes to is normal and nobody is alerted."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "本周六停电")
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(REQUESTER, "又停电了吗?是计划停电吗")
    said: list[Any] = await bot_lines(emulator, REQUESTER, 2)
    if said[-1].buttons:
        await on_to_a_person(emulator, REQUESTER)
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "normal"
    assert not any("119" in e.text for e in bot_said(world, REQUESTER))
    assert not bot_said(world, MANAGEMENT)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "then", "raised", "number"),
    [
        (
            REQUESTER,
            "我家门口的路灯坏了三天了,谁来修?",
            "现在灯杆底下的电箱里有烟",
            "已升为特急",
            "119",
        ),
        (
            ENGLISH,
            "The street light outside my door has been broken for three days, who fixes it?",
            "Now water is flooding into the fuse box at the bottom of the pole",
            "now handled as an emergency",
            "95598",
        ),
    ],
)
async def test_a_danger_of_a_kind_said_into_an_open_ticket_raises_it(
    running: tuple[Emulator, App], user: int, first: str, then: str, raised: str, number: str
) -> None:
    """No configured phrase in it: the kind alone raises the ticket, the numbers told."""
    emulator, application = running
    await raised_in_its_ticket(emulator, application, user, first, then, raised, number)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "lift"),
    [
        (REQUESTER, "救命,我被困在电梯里了,幸福路4号楼", "电梯困人救援"),
        (ENGLISH, "Help! I'm stuck in the lift at 4 Xingfu Road", "Lift rescue"),
    ],
)
async def test_the_lift_rescue_line_comes_first_for_someone_trapped(
    running: tuple[Emulator, App], user: int, text: str, lift: str
) -> None:
    """Trapped in a lift with a plea for help ("救命", "Help!"): the lift rescue line (96333)
    heads the numbers, before the police (110), whom the plea alone would call."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("96333" in e.text for e in bot_said(world, user)))
    said = next(e.text for e in bot_said(world, user) if "96333" in e.text)
    listed = [line for line in said.splitlines() if "96333" in line or "110" in line]
    assert lift in listed[0] and "96333" in listed[0], said


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "advice", "not_said"),
    [
        (
            ENGLISH,
            "Car crash on Elm Road, a man is bleeding a lot",
            "do not move the injured",
            "lock the door",
        ),
        (REQUESTER, "出车祸了,有人受伤了", "不要移动伤者", "锁好门"),
        (ENGLISH, "A man just snatched my bag and ran off", "do not chase", "lock the door"),
        (REQUESTER, "我被抢了!就在幸福路公交站", "不要追赶", "锁好门"),
        (ENGLISH, "my husband hits me and I am scared", "lock the door", "do not chase"),
        (REQUESTER, "我老公打我", "锁好门", "不要追赶"),
    ],
)
async def test_each_danger_to_people_hears_its_own_advice(
    running: tuple[Emulator, App], user: int, text: str, advice: str, not_said: str
) -> None:
    """An accident with someone hurt: do not move the injured, warn the traffic; a robbery
    done: do not chase, note them (a tester's snatched bag was told to lock the door); someone
    beating their own: get away and lock the door."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any(advice in e.text for e in bot_said(world, user)))
    said = " ".join(e.text for e in bot_said(world, user))
    assert not_said not in said, said


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "then"),
    [
        (ENGLISH, "my husband hits me and I am scared", "he is coming back now, please help"),
        (REQUESTER, "我老公打我", "他又回来了,帮帮我"),
        (ENGLISH, "Car crash on Elm Road, a man is bleeding a lot", "please help he is dying"),
        (REQUESTER, "车祸了,有人受伤流了很多血", "快点,他快不行了"),
        # something swallowed, a fall, then the same person worse (a second ticket opened)
        (REQUESTER, "孩子误吞了电池", "孩子没有呼吸了"),
        (ENGLISH, "My son swallowed a battery", "please help he is not breathing"),
        (REQUESTER, "我爸摔倒了起不来", "他快不行了"),
        # a second trial: after someone electrocuted or a fire, a second ticket elsewhere
        (REQUESTER, "救命,楼下有人触电了,倒在地上,在幸福里7号楼", "他快不行了"),
        (
            ENGLISH,
            "Help, my kitchen is on fire, 20 Park Road",
            "my dad fainted from the smoke, he is not breathing",
        ),
        # a tester's: a drunk husband threatening to kill, then kicking the door
        (REQUESTER, "我老公又喝醉了在砸东西，还说要打死我，我躲在卫生间", "他在踹门，我好害怕"),
    ],
)
async def test_the_cry_after_a_danger_goes_into_its_ticket(
    running: tuple[Emulator, App], user: int, first: str, then: str
) -> None:
    """The tester's second message after the first told a danger: into its ticket, no
    category buttons, no second ticket."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    before = len(bot_said(world, user))
    await world.user_sends(user, then)
    await until(lambda: len(bot_said(world, user)) > before)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)[before:]))
    assert not [e for e in bot_said(world, user) if e.buttons]
    assert await ticket_no(application, 2) is None
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
