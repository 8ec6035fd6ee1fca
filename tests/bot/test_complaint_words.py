"""Which words said into a ticket complain of how it is handled (bot/complaint_words.py): pure."""

from __future__ import annotations

import pytest

from bot.complaint_words import complains_of_handling

SUN = ("孙伟", "U-0301")


@pytest.mark.parametrize(
    "text",
    [
        "孙伟态度很差,一直拖着不办,我要投诉他",
        "我要投诉孙伟",
        "U-0301 这个工号的人我要投诉",
        "經辦人一直不回覆,我要投訴",  # traditional characters
        "你们的工作人员太敷衍了,我要投诉",
        "处理这事的人根本不管,我要举报",
        "拖了这么久,我要找你们领导",
        "他态度太差了,我要投诉他",
        "Officer Sun was rude and keeps stalling, I want to file a complaint about him",
        "I want to complain about the person handling my case",
        "Your officer hung up on me. I'm making a complaint.",
        "He keeps ignoring me, I will report him",
        "This is taking forever, I want to speak to your supervisor",
    ],
)
def test_a_complaint_of_the_owner_or_the_service(text: str) -> None:
    assert complains_of_handling(text, owner=SUN, claimed=True)


@pytest.mark.parametrize(
    "text",
    [
        "都三天了还没人管,我要投诉!",
        "这么久了还没有处理,我要投诉",
        "一直没人联系我,投诉!",
        "Three days and nobody has even looked at it, I want to complain!",
        "No reply for a week. I want to complain.",
        "You people are so slow, this is a complaint",
    ],
)
def test_a_complaint_of_a_ticket_nobody_has_taken(text: str) -> None:
    assert complains_of_handling(text)


@pytest.mark.parametrize(
    "text",
    [
        "有进展吗?",
        "路灯还是不亮",
        "孙伟师傅人很好,谢谢",  # the owner named, no complaint
        "我不是要投诉你们,只是问问进度",
        "I'm not complaining, just asking how long it will take",
        "物业一直拖着不修,我要投诉物业",  # the matter itself, another party's pace
        "隔壁装修还在吵,物业也不管,我再次投诉",
        "The landlord keeps ignoring me, I want to complain about him",
        "我要投诉他们,每天晚上都在吵",  # "他们": the neighbours of the matter
        "I'd like to report that the light is still off",
        "thanks for your help",
    ],
)
def test_not_a_complaint_of_the_handling(text: str) -> None:
    assert not complains_of_handling(text, owner=SUN, claimed=True)


def test_him_is_the_owner_only_once_someone_has_it() -> None:
    """ "投诉他" on a ticket nobody has: whoever "he" is, not the service."""
    assert complains_of_handling("我要投诉他", claimed=True)
    assert not complains_of_handling("我要投诉他")


STAFF_MATTER = "我要投诉:窗口工作人员态度很差"


@pytest.mark.parametrize(
    "text",
    [
        "我要投诉的就是3号窗口那个工作人员,她对我母亲大吼大叫",
        "The clerk at window 3 was rude, that is what I complain about",
    ],
)
def test_the_clerk_of_a_ticket_complaining_of_a_clerk_is_its_matter(text: str) -> None:
    """A ticket that complains of a clerk: more words of that clerk are its matter."""
    assert not complains_of_handling(text, matter=STAFF_MATTER)
    assert complains_of_handling(text, matter="我想申请公租房")


@pytest.mark.parametrize(
    "text",
    [
        "投诉了三天了还没人处理,我要找你们领导",
        "Nobody has even called me back, I want to complain",
    ],
)
def test_the_pace_of_a_ticket_complaining_of_a_clerk_is_its_handling(text: str) -> None:
    assert complains_of_handling(text, matter=STAFF_MATTER)


@pytest.mark.parametrize(
    "text",
    [
        "空地堆满垃圾没人管,我要投诉",  # "没人管" alone: the matter's
        "Cars block the fire lane every night and nobody acts, I complain",
        "拖欠工资三个月了,我要投诉",  # 拖欠: arrears, not a delay of ours
    ],
)
def test_the_matter_s_own_neglect_is_not_the_handling(text: str) -> None:
    assert not complains_of_handling(text)
