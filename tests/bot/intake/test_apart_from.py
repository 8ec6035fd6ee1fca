"""Words beside a ticket in hand, read with the desk's knowledge base (`own_kind.apart_from`,
issue 14): a matter plainly of its own leaves the ticket; a follow-up never does."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake.own_kind import apart_from
from bot.models import Requester, Ticket

FIRE_LANE = ("小区的消防通道被私家车堵死了,物业不管,我要投诉", "complaint", "general")
LIGHT = ("我家门口的路灯坏了,在和平路88号", "fault_report", "utilities")
POWER = ("我家停电了,整栋楼都没电", "fault_report", "utilities")
FIRE_LANE_EN = (
    "Cars block the fire lane of our compound every night and nobody acts, I complain",
    "complaint",
    "general",
)
LIGHT_EN = (
    "The street light outside my door is broken, at 88 Heping Road",
    "fault_report",
    "utilities",
)


@pytest.fixture
async def desk(
    settings: Settings, database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


def _ticket(question: str, category: str, department: str) -> Ticket:
    return Ticket(question=question, category=category, department_key=department, inquiry=None)


OWN = [
    (FIRE_LANE, "我家停电了"),
    (FIRE_LANE, "我们楼的下水道堵了,污水冒出来了"),
    (LIGHT, "我家停电了"),
    (LIGHT, "我家停水了"),
    (FIRE_LANE_EN, "The power is out in my flat"),
    (LIGHT_EN, "The power is out in my flat"),
    (FIRE_LANE_EN, "The drain in our building is blocked and sewage is coming up"),
]
EMERGENCIES = [
    (FIRE_LANE, "家里燃气泄漏了,味道很大"),
    (FIRE_LANE, "电梯困人了,有人被关在里面"),
    (FIRE_LANE_EN, "There is a gas leak in my kitchen"),
    (FIRE_LANE_EN, "My neighbour is trapped in the lift"),
]
QUESTIONS = [
    (FIRE_LANE, "个体工商户营业执照怎么办理?"),
    (LIGHT, "个体工商户营业执照怎么办理?"),
    (LIGHT, "公积金怎么提取?"),
    (FIRE_LANE_EN, "How do I register a company?"),
    (LIGHT_EN, "How do I register a company?"),
]
STAYS = [
    (LIGHT, "需要我提供照片吗?"),
    (LIGHT, "要交费吗?"),
    (LIGHT, "需要我在家等吗?"),
    (LIGHT, "需要我申请什么吗?"),
    (LIGHT, "修路灯要收费吗?"),
    (FIRE_LANE, "可以报警吗?"),
    (FIRE_LANE, "物业不管怎么办?"),
    (FIRE_LANE, "能不能贴罚单?"),
    (FIRE_LANE, "需要我提供什么材料?"),
    (FIRE_LANE_EN, "Can the police tow the cars?"),
    (FIRE_LANE_EN, "Who is responsible for the fire lane?"),
    (FIRE_LANE_EN, "Should I call the police?"),
    (LIGHT_EN, "Do I need to pay for the repair?"),
    (LIGHT_EN, "Should I send a photo?"),
    (LIGHT_EN, "Do I need to apply for anything?"),
    (LIGHT_EN, "Do I have to be at home?"),
    (FIRE_LANE, "还没处理好吗?"),
    (FIRE_LANE, "车还在,又堵上了"),
    (FIRE_LANE, "消防通道还是被堵着"),
    (FIRE_LANE, "我的电话是13800138000"),
    (FIRE_LANE, "谢谢"),
    (FIRE_LANE, "车堵在门口"),
    (FIRE_LANE, "堵在3号楼门口"),
    (FIRE_LANE, "物业说不归他们管"),
    (FIRE_LANE, "消防车进不来"),
    (FIRE_LANE, "有辆车停在通道上"),
    (FIRE_LANE, "是一辆白色的车,车牌京A12345"),
    (FIRE_LANE, "晚上更严重"),
    (FIRE_LANE, "物业电话打不通"),
    (LIGHT, "灯杆也歪了"),
    (LIGHT, "晚上很黑,走路不安全"),
    (LIGHT, "灯一闪一闪的"),
    (LIGHT, "路灯还是不亮"),
    (LIGHT, "路灯又坏了"),
    (LIGHT, "什么时候来修?"),
    (LIGHT, "旁边那盏路灯也不亮了"),
    (POWER, "隔壁楼也停电了"),
    (POWER, "还是没电"),
    (POWER, "冰箱里的东西都坏了"),
    (FIRE_LANE_EN, "Any news?"),
    (FIRE_LANE_EN, "The cars are still there"),
    (FIRE_LANE_EN, "A white car is parked in the lane"),
    (FIRE_LANE_EN, "Fire engines cannot get in"),
    (FIRE_LANE_EN, "The management office says it is not their business"),
    (LIGHT_EN, "The pole is leaning too"),
    (LIGHT_EN, "The light keeps flickering"),
    (LIGHT_EN, "It is very dark at night"),
    (FIRE_LANE_EN, "Cars are blocking the fire lane again"),
    (LIGHT_EN, "It is still not working"),
    (LIGHT_EN, "When will someone come to fix it?"),
    (LIGHT_EN, "The street light is still dark"),
    (LIGHT_EN, "My phone number is 13800138000"),
    (LIGHT_EN, "Thanks"),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("ticket", "text"), OWN + QUESTIONS + EMERGENCIES)
async def test_another_kind_of_matter_leaves_the_ticket(
    desk: Desk, ticket: tuple[str, str, str], text: str
) -> None:
    requester = Requester(language="en" if text.isascii() else "zh")
    assert apart_from(desk, requester, _ticket(*ticket), text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("ticket", "text"), STAYS)
async def test_a_follow_up_stays(desk: Desk, ticket: tuple[str, str, str], text: str) -> None:
    requester = Requester(language="en" if text.isascii() else "zh")
    assert not apart_from(desk, requester, _ticket(*ticket), text)
