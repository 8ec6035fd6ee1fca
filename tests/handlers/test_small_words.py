"""Issue 14, small words in the first inquiry (a tester's reports): two openers in a row, then
the question; "ok thanks" under the category buttons; "谢谢" as a first message; two offered
options named at once ("第二个和第三个"); "人工" into a ticket nobody has claimed yet; and the
acknowledgement that named an owner the ticket does not have. A careful clerk asks what it is
about at each opener and takes the question as the first, never takes thanks for details,
says "you're welcome" to thanks, gives both answers asked for, tells someone asking for a
person that their ticket already waits for one, and names the owner only when there is one.
End to end over the emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.intake import offers
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_every_kind import claimed_ticket

App = Application  # type: ignore[type-arg]

CLARIFY = {REQUESTER: "能再具体说说吗", ENGLISH: "Could you tell me a little more"}
CARD = {REQUESTER: "社保卡丢了怎么补办", ENGLISH: "How do I replace a lost social security card?"}
CARD_ANSWERED = {REQUESTER: "挂失", ENGLISH: "Report the card lost"}
# A question neither cue words nor a close template sort: the bot asks its kind.
UNSORTED = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}
CHOOSE = {REQUESTER: "事项类型", ENGLISH: "what kind of matter"}
ADDED = {REQUESTER: "已补充", ENGLISH: "Added to your question"}


def _lang(user: int) -> str:
    return "zh" if user == REQUESTER else "en"


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "second"),
    [
        (REQUESTER, "我想咨询一下", "你好,我有个问题"),
        (ENGLISH, "I have a question", "Hi, can you help me?"),
    ],
)
async def test_two_openers_in_a_row_then_the_question_is_answered_as_the_first(
    running: tuple[Emulator, App], user: int, first: str, second: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, first)
    (asked,) = await bot_lines(emulator, user, 1)
    assert CLARIFY[user] in asked.text
    await emulator.world.user_sends(user, second)
    again = (await bot_lines(emulator, user, 2))[-1]
    assert CHOOSE[user] not in again.text and again.buttons == []  # asked what it is about
    await emulator.world.user_sends(user, CARD[user])
    answer = (await bot_lines(emulator, user, 3))[-1]
    assert CARD_ANSWERED[user] in answer.text
    assert "solved" in _data(answer)
    assert not any(ADDED[user] in e.text for e in bot_said(emulator.world, user))
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "fillers"),
    [
        (REQUESTER, ["你好", "嗯嗯", "好的谢谢"]),
        (ENGLISH, ["hi", "hmm", "ok thanks"]),
        (ENGLISH, ["Ok, thank you!", "thanks a lot", "okay cheers"]),
    ],
)
async def test_thanks_under_the_category_buttons_are_never_details(
    running: tuple[Emulator, App], user: int, fillers: list[str]
) -> None:
    """Three fillers while the buttons wait: three reminders (never "added to your
    question"); the fourth passes the question to a person as it was (the fallback
    category), none of the fillers in it."""
    emulator, application = running
    await emulator.world.user_sends(user, UNSORTED[user])
    (choice,) = await bot_lines(emulator, user, 1)
    assert CHOOSE[user] in choice.text
    for count, filler in enumerate(fillers, start=2):
        await emulator.world.user_sends(user, filler)
        assert ADDED[user] not in (await bot_lines(emulator, user, count))[-1].text
    assert await all_tickets(application) == []
    await emulator.world.user_sends(user, fillers[-1])
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    assert not any(ADDED[user] in e.text for e in bot_said(emulator.world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.question == UNSORTED[user]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "thanks", "welcome"),
    [
        (REQUESTER, "谢谢", "不客气"),
        (REQUESTER, "谢谢你!", "不客气"),
        (ENGLISH, "thanks", "welcome"),
        (ENGLISH, "Thank you very much", "welcome"),
    ],
)
async def test_thanks_as_a_first_message_is_answered_in_kind(
    running: tuple[Emulator, App], user: int, thanks: str, welcome: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, thanks)
    (said,) = await bot_lines(emulator, user, 1)
    assert welcome in said.text
    assert CLARIFY[user] not in said.text and said.buttons == []
    # Nothing was asked: what they write next is a question of its own, searched alone.
    await emulator.world.user_sends(user, CARD[user])
    answer = (await bot_lines(emulator, user, 2))[-1]
    assert CARD_ANSWERED[user] in answer.text
    assert await all_tickets(application) == []


# Questions the sample base comes close to without answering: "did you mean" three templates.
VAGUE = {REQUESTER: "户口", ENGLISH: "my pension payment did not arrive this month"}
OFFERED = {
    REQUESTER: ["hukou-transfer-out", "hukou-transfer-in", "newborn-hukou"],
    ENGLISH: ["pension-retirement-claim", "tax-certificate", "pension-contribution-record"],
}


async def _offered(emulator: Emulator, application: App, user: int) -> Any:
    await emulator.world.user_sends(user, VAGUE[user])
    (offered,) = await bot_lines(emulator, user, 1)
    assert _data(offered) == [*(f"kb:{t}" for t in OFFERED[user]), "human"]

    async def recorded() -> bool:
        async with application.bot_data.desk.sessions() as session:
            found = await offers.of(session=session, chat_id=user, message_id=offered.message_id)
            return found is not None

    await until(recorded)
    return offered


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said", "indexes"),
    [
        (REQUESTER, "第二个和第三个", (1, 2)),
        (REQUESTER, "1和3", (0, 2)),
        (REQUESTER, "第一个、第二个", (0, 1)),
        (ENGLISH, "the second and the third", (1, 2)),
        (ENGLISH, "1 and 3", (0, 2)),
        (ENGLISH, "the first and second ones please", (0, 1)),
    ],
)
async def test_two_offered_options_named_at_once_are_both_answered(
    running: tuple[Emulator, App], user: int, said: str, indexes: tuple[int, ...]
) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    await _offered(emulator, application, user)
    await emulator.world.user_sends(user, said)
    lines = await bot_lines(emulator, user, 1 + len(indexes))
    for index, line in zip(indexes, lines[1:], strict=True):
        assert desk.answer(OFFERED[user][index], _lang(user)) in line.text
    assert _data(lines[-1]) == ["solved", "human"]  # one set of buttons, under the last
    assert await all_tickets(application) == []


# A question that opens a ticket at once (its category told by cue words).
OPENS = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
WAITING = {REQUESTER: "正在等待工作人员接手", ENGLISH: "waiting for an officer"}
DETAIL = {REQUESTER: "补充一下:我住在3号楼", ENGLISH: "I live in block 3"}
ADDED_TO = {REQUESTER: "已记入工单", ENGLISH: "Added to ticket"}


async def _opened(emulator: Emulator, application: App, user: int) -> int:
    """A ticket opened by the requester's question, nobody has claimed it: how many things
    the bot has said to them."""
    await emulator.world.user_sends(user, OPENS[user])
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    (ticket,) = await all_tickets(application)
    assert ticket.owner_id is None
    return len(bot_said(emulator.world, user))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "human"),
    [(REQUESTER, "人工"), (REQUESTER, "我要转人工"), (ENGLISH, "human"), (ENGLISH, "agent")],
)
async def test_a_person_asked_for_in_an_unclaimed_ticket_is_told_it_waits_for_one(
    running: tuple[Emulator, App], user: int, human: str
) -> None:
    emulator, application = running
    await _opened(emulator, application, user)
    await emulator.world.user_sends(user, DETAIL[user])
    await until(lambda: ADDED_TO[user] in bot_said(emulator.world, user)[-1].text)
    before = len(bot_said(emulator.world, user))
    await emulator.world.user_sends(user, human)
    told = (await bot_lines(emulator, user, before + 1))[-1]
    assert "#1" in told.text and WAITING[user] in told.text
    assert len(await all_tickets(application)) == 1  # nothing duplicated
    # Said once: the reply to the words after it comes right after it.
    await emulator.world.user_sends(user, DETAIL[user])
    await bot_lines(emulator, user, before + 2)
    after = [e.text for e in bot_said(emulator.world, user)[before:]]
    assert after[0] == told.text and ADDED_TO[user] in after[1] and len(after) == 2


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "detail", "staff"),
    [
        (REQUESTER, "补充一下:我住在3号楼", "工作人员会看到"),
        (ENGLISH, "I live in block 3", "staff will see it"),
    ],
)
async def test_words_added_to_an_unclaimed_ticket_name_no_owner(
    running: tuple[Emulator, App], user: int, detail: str, staff: str
) -> None:
    emulator, application = running
    before = await _opened(emulator, application, user)
    await emulator.world.user_sends(user, detail)
    told = (await bot_lines(emulator, user, before + 1))[-1]
    assert "#1" in told.text and staff in told.text
    assert "负责人" not in told.text and "officer in charge" not in told.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said"), [(REQUESTER, "1和3"), (ENGLISH, "the first and the third")]
)
async def test_two_named_one_needing_a_person_both_answered_and_its_ticket_opened(
    running: tuple[Emulator, App], user: int, said: str
) -> None:
    """ "water bill": the bill's payment (an answer) and brown water (a fault a person must
    see to). Both named: the payment's answer, then the fault's answer and its ticket."""
    emulator, application = running
    desk = application.bot_data.desk
    await emulator.world.user_sends(user, "water bill")
    (offered,) = await bot_lines(emulator, user, 1)
    assert _data(offered) == [
        "kb:utility-bill-payment",
        "kb:water-outage",
        "kb:water-quality",
        "human",
    ]
    await emulator.world.user_sends(user, said)
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    texts = [e.text for e in bot_said(emulator.world, user)[1:]]
    # Answered in the language of their question ("water bill": English, for the Chinese
    # requester too; "1和3" is too short to tell another).
    paid = desk.answer("utility-bill-payment", "en")
    fault = desk.answer("water-quality", "en")
    assert any(paid in t for t in texts) and any(fault in t for t in texts)
    assert [paid in t for t in texts].index(True) < [fault in t for t in texts].index(True)
    (ticket,) = await all_tickets(application)
    assert ticket.category == desk.templates["water-quality"].category


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_person_asked_for_in_a_claimed_ticket_hears_who_has_it(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    await claimed_ticket(emulator)
    before = len(bot_said(emulator.world, REQUESTER))
    await emulator.world.user_sends(REQUESTER, "人工")
    told = (await bot_lines(emulator, REQUESTER, before + 1))[-1]
    assert "#1" in told.text and "负责人:王芳" in told.text
    assert len(await all_tickets(application)) == 1


VAGUE_WORD = {REQUESTER: "材料", ENGLISH: "papers"}
MATTER = {REQUESTER: "请先用一两句话说说是什么事", ENGLISH: "First, what is it about?"}
LAMP = {
    REQUESTER: "我家楼下的井盖坏了,有人踩空摔伤了",
    ENGLISH: "The manhole cover outside my house is broken and someone fell in",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "ok"), [(REQUESTER, "好的"), (ENGLISH, "ok thanks")])
async def test_ok_to_what_is_it_about_is_asked_again_never_the_question(
    running: tuple[Emulator, App], user: int, ok: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, VAGUE_WORD[user])
    (asked,) = await bot_lines(emulator, user, 1)
    assert CLARIFY[user] in asked.text
    await emulator.world.user_sends(user, ok)
    again = (await bot_lines(emulator, user, 2))[-1]
    assert CLARIFY[user] in again.text and again.text != asked.text  # a person offered
    await emulator.world.user_sends(user, CARD[user])
    answer = (await bot_lines(emulator, user, 3))[-1]
    assert CARD_ANSWERED[user] in answer.text
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "human", "ok"), [(REQUESTER, "人工", "嗯嗯"), (ENGLISH, "human", "okay")]
)
async def test_ok_to_what_is_the_matter_is_asked_again_never_the_matter(
    running: tuple[Emulator, App], user: int, human: str, ok: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, human)
    (asked,) = await bot_lines(emulator, user, 1)
    assert MATTER[user] in asked.text
    await emulator.world.user_sends(user, ok)
    assert MATTER[user] in (await bot_lines(emulator, user, 2))[-1].text
    assert await all_tickets(application) == []
    await emulator.world.user_sends(user, LAMP[user])
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    (ticket,) = await all_tickets(application)
    assert ticket.question == LAMP[user]
