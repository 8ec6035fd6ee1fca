"""Where an emergency's ticket is filed (bot/danger_filing.py, issue 14): a danger to a person
alone at the general window, a danger of a thing where its category is routed; every one in
the emergency's category (config `emergency.category`)."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.danger_filing import TO_PEOPLE, Filing, filing
from bot.dangers import kinds_now

PERSON = Filing("fault_report", "general")
FAULT = Filing("fault_report")


@pytest.mark.parametrize(
    ("text", "filed"),
    [
        ("我家隔壁的老太太三天没出门了,敲门也没人应", PERSON),
        ("My elderly neighbour hasn't answered her door for three days", PERSON),
        ("有人在地铁站晕倒了", PERSON),
        ("Someone just fainted at the bus station", PERSON),
        ("公园长椅上有个流浪汉冻得直发抖", PERSON),
        ("小区门口有人打架,还拿着刀", PERSON),
        ("独居的王大爷家暖气不热,敲门也没人应", PERSON),  # the person first, the heating too
        ("楼道里有很浓的煤气味", FAULT),
        ("I smell gas in the stairwell", FAULT),
        ("人民路井盖丢了", FAULT),
        ("电梯坏了,困人了", FAULT),  # the lift is what must be opened
        ("停电了,我爸在用制氧机", FAULT),  # the supply cut is what must be restored
        ("有人晕倒了,屋里有很浓的煤气味", FAULT),  # a gas leak among the dangers
    ],
)
def test_a_danger_to_a_person_alone_is_the_general_windows(
    settings: Settings, text: str, filed: Filing
) -> None:
    kinds = kinds_now(text)
    assert kinds  # an emergency heard, by its kind
    assert filing(settings, kinds) == filed


def test_a_configured_phrase_of_no_kind_stays_a_fault_report(settings: Settings) -> None:
    assert filing(settings, []) == FAULT


def test_every_kind_to_people_is_a_kind_heard() -> None:
    heard = {kind.key for kind in hazard.ALL}
    assert TO_PEOPLE - heard == set()
