"""A wall's coat coming away and a device's battery gone flat are ordinary (issue 14, a
tester's findings): "墙皮脱落了,墙面发霉" was read as a collapse and "烟雾报警器一直在响,应该是
没电了" as a power cut, urgent both. Plaster, paint, wallpaper or indoor tiles coming off are
a repair, not a collapse (`bot.hazard`); what caves in, falls down whole, or comes away
outside over people still is one. 没电 of a device (an alarm, a phone, a remote, an e-bike),
named in its clause or the one before, is no supply cut (`bot.faults`); of a home, a
building or an area it is, and as urgent as 停电 (`bot.priority.keyword_priority`)."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.faults import supplies_cut_now
from bot.priority import emergency_words, keyword_priority
from bot.rules import Rules

COLLAPSES = [
    "天花板塌了",
    "卫生间吊顶掉下来了",
    "天花板掉下来砸到人了",
    "围墙倒塌了",
    "墙倒了",
    "外墙瓷砖脱落了",
    "外墙墙皮大块脱落,下面都是行人",
    "招牌松动了",
    "楼房开裂倾斜了",
    "The building is leaning",
    "The ceiling caved in",
    "The wall fell down",
    "a chunk of the ceiling fell down",
    "Tiles keep falling off the wall of building 5",
    "The cladding is coming off the facade",
]

WORN = [
    "我家卫生间的墙皮脱落了,墙面发霉,是楼上漏水渗下来的",
    "墙皮掉了",
    "墙皮一直往下掉",
    "卫生间天花板的墙皮脱落了",
    "阳台墙皮剥落",
    "墙皮快要掉下来了",
    "吊顶的漆掉了",
    "厨房瓷砖掉了一块",
    "卫生间墙上的瓷砖松动了",
    "The plaster is peeling off my bathroom ceiling and it's all mouldy",
    "The plaster is falling off my ceiling",
    "plaster came off the wall",
    "the bathroom tiles came loose",
    "tiles are falling off the bathroom wall",
    "the wallpaper came off the wall",
]


@pytest.mark.parametrize("text", COLLAPSES)
def test_what_caves_in_or_falls_whole_is_a_collapse(settings: Settings, text: str) -> None:
    assert "collapse" in hazard.kinds(text)
    assert keyword_priority(Rules(settings), text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", WORN)
def test_a_coat_or_indoor_tiles_coming_away_is_a_repair(settings: Settings, text: str) -> None:
    rules = Rules(settings)
    assert hazard.dangers(text) == []
    assert emergency_words(rules, text) == []
    assert keyword_priority(rules, text, "normal")[0] == "normal"


CUTS = [
    "家里没电了",
    "整栋楼都没电了",
    "幸福里3号楼从早上8点就没电了",
    "手机没电了,家里也停电了",
    "烟雾报警器一直在响,整栋楼都没电了",
    "我家没电了,冰箱都不制冷了",
    "我手机号是13800000000,家里没电了",
    "停车场没电了",
    "We have no power at home",
    "My phone is dead and we have no power",
    "The smoke alarm keeps beeping and the whole building has no power",
]

FLAT = [
    "楼道里的烟雾报警器一直在响,应该是没电了,吵得睡不着",
    "烟感一直在响,可能是没电了",
    "我家的烟感没电了",
    "报警器没电了,一直滴滴响",
    "遥控器没电了",
    "电动车停在楼下,没电了",
    "The remote has no power",
    "门锁没电了,打不开门",
    "手机没电了",
    "The smoke alarm in the stairwell keeps beeping, I think it has no power",
    "The smoke detector keeps chirping, it has no power",
    "my phone has no power",
]


@pytest.mark.parametrize("text", CUTS)
def test_no_power_at_home_or_in_a_building_is_a_cut(settings: Settings, text: str) -> None:
    assert "power" in supplies_cut_now(text)
    assert keyword_priority(Rules(settings), text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", FLAT)
def test_a_device_without_power_is_no_cut(settings: Settings, text: str) -> None:
    assert supplies_cut_now(text) == frozenset()
    assert keyword_priority(Rules(settings), text, "normal") == ("normal", [])
