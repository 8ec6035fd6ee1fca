"""What staff read about a ticket (issue 14, found by a tester trying the bot as a new user):
`/ticket N` and the card show every turn of the first inquiry for what it was (an answer the
bot gave, the suggestions it offered, those the requester rejected, what the requester said
after each), and an /incident update posted to every requester of a mass incident reads as
that, not as its poster's reply on a ticket nobody claimed (which stays nobody's). In the
staff's language (config `languages.default`), both. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.models import StaffLink, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_said, staff_speaking, until
from tests.handlers.handing import GROUPS, OFFICERS, a_form
from tests.handlers.test_incident_updates import FIRST, UPDATE, _incident

App = Application  # type: ignore[type-arg]
SOCIAL_GROUP, UTILITIES_GROUP = -1000000000102, -1000000000103
SOCIAL_OFFICER, UTILITIES_OFFICER = 100201, 100301
CARD = {"zh": "首问经过:", "en": "First inquiry:"}
ASKED, ANSWERED = "请问诉求人是否已提交收入证明?", "已提交,见附件材料清单第3项。"


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


def _in_order(text: str, lines: list[str]) -> bool:
    """Each of `lines` is a line of `text`, in this order (a line of /ticket's messages may
    start with its time: then it ends with the line)."""
    shown = text.split("\n")
    at = []
    for line in lines:
        found = [n for n, said in enumerate(shown) if said == line or said.endswith(" " + line)]
        if not found:
            return False
        at.append(found[0])
    return at == sorted(at)


async def _ticket(application: App, ticket_id: int) -> Ticket:
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


async def _record(emulator: Emulator, officer: int, group: int, ticket_id: int) -> str:
    """What /ticket N says in a staff group (from its heading on, under its danger mark if
    any: other notices to the group may come first)."""
    before = len(bot_said(emulator.world, group))
    await emulator.world.user_sends(officer, f"/ticket {ticket_id}", group)
    headings = (f"工单 #{ticket_id}|", f"Ticket #{ticket_id} |")

    def said() -> list[str]:
        texts = [e.text for e in bot_said(emulator.world, group)[before:]]
        starts = [
            n
            for n, text in enumerate(texts)
            if any(line.startswith(headings) for line in text.splitlines()[:2])
        ]
        return texts[starts[0] :] if starts else []

    await until(said)
    return "\n".join(said())


def _card(emulator: Emulator, ticket: Ticket) -> str:
    assert ticket.staff_chat_id is not None and ticket.card_message_id is not None
    return str(emulator.world.messages[(ticket.staff_chat_id, ticket.card_message_id)]["text"])


async def _opened(emulator: Emulator, application: App) -> Ticket:
    """Ticket #1, once its requester heard of it and its card is in Telegram."""
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, REQUESTER)))

    async def carded() -> bool:
        return (await _ticket(application, 1)).card_message_id is not None

    await until(carded)
    return await _ticket(application, 1)


# "Did you mean" the parking complaint, "none of these" pressed: a fault for utilities.
SIDEWALK = "占道停车的车位坏了"
REJECTED_OFFERS = {
    "zh": [
        "· 诉求人:占道停车的车位坏了",
        # the parking complaint alone: a taxi's or a car's purchase tax is no parking spot's
        "· 机器人提供选项:有车堵在我家门口怎么办(诉求人否定了这些选项)",
        "· 诉求人表示所给的选项都不符合",  # not "asked for a person": they did not
    ],
    "en": [
        "· Requester: 占道停车的车位坏了",
        "· Bot offered: A car is blocking my gate, what can I do? (the requester rejected these)",
        "· Requester: none of the suggested answers fitted",
    ],
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_suggestions_rejected_read_as_rejected_on_the_record_and_the_card(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    language = settings.languages.default
    await emulator.world.user_sends(REQUESTER, SIDEWALK)
    await until(lambda: len(bot_said(emulator.world, REQUESTER)) == 1)
    (offered,) = bot_said(emulator.world, REQUESTER)
    assert offered.buttons[0][0]["callback_data"] == "kb:parking-complaint"
    await emulator.world.user_presses(REQUESTER, REQUESTER, offered.message_id, "human")
    ticket = await _opened(emulator, application)
    assert ticket.staff_chat_id == UTILITIES_GROUP
    lines = REJECTED_OFFERS[language]
    assert _in_order(_card(emulator, ticket), [CARD[language], *lines])
    record = await _record(emulator, UTILITIES_OFFICER, UTILITIES_GROUP, 1)
    assert _in_order(record, [CARD[language], *lines]), record
    # Not offered as though they were answers the bot gave.
    assert "提供过的答复" not in record and "answers the bot offered" not in record


# An answer the requester said did not solve it (*Not solved, to a person* pressed), and one
# after which they only added their words: each reads as what it was.
SOCIAL_CARD = "我的社保卡丢了怎么补办"
ADDED = "补办以后原来卡里的钱还在吗我担心丢了很着急"
ANSWERS = {
    ("zh", True): [
        "· 诉求人:我的社保卡丢了怎么补办",
        "· 机器人答复:社保卡丢了怎么补办(诉求人表示没有解决)",
        "· 诉求人要求转人工",
    ],
    ("en", True): [
        "· Requester: 我的社保卡丢了怎么补办",
        "· Bot answered: I lost my social security card, how do I get a new one?"
        " (the requester said it did not solve it)",
        "· Requester asked for a person",
    ],
    ("zh", False): [
        "· 诉求人:我的社保卡丢了怎么补办",
        "· 机器人答复:社保卡丢了怎么补办",
        "· 诉求人:" + ADDED,
    ],
    ("en", False): [
        "· Requester: 我的社保卡丢了怎么补办",
        "· Bot answered: I lost my social security card, how do I get a new one?",
        "· Requester: " + ADDED,
    ],
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("rejected", [True, False])
async def test_an_answer_rejected_and_an_answer_given_read_apart(
    running: tuple[Emulator, App], settings: Settings, rejected: bool
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, SOCIAL_CARD)
    await until(lambda: len(bot_said(world, REQUESTER)) == 1)
    (answer,) = bot_said(world, REQUESTER)
    if rejected:
        await world.user_presses(REQUESTER, REQUESTER, answer.message_id, "human")
    else:
        await world.user_sends(REQUESTER, ADDED)
    ticket = await _opened(emulator, application)
    lines = ANSWERS[(settings.languages.default, rejected)]
    assert _in_order(_card(emulator, ticket), lines)
    record = await _record(emulator, SOCIAL_OFFICER, SOCIAL_GROUP, 1)
    assert _in_order(record, lines), record
    assert "提供过的答复" not in record and "answers the bot offered" not in record


# An /incident update by 孙伟 on tickets nobody has claimed, then the requester adds words.
MORE = "我家住在3号楼,老人八十多岁了"
INCIDENT = {
    "zh": {
        "record": "孙伟 向群体性事件 #{n} 的全部诉求人发布进展:" + UPDATE,
        "card": "· 孙伟 发布群体性事件 #{n} 的进展(开单后,发给该事件全部诉求人):" + UPDATE,
        "owner": "负责人 无",
        "reply": "回复诉求人",
        "staff": "工作人员 孙伟",
    },
    "en": {
        "record": "孙伟 posted an update on incident #{n} to all its requesters: " + UPDATE,
        "card": "· 孙伟 posted an update on incident #{n} (after the ticket opened, to all its"
        " requesters): " + UPDATE,
        "owner": "owner none",
        "reply": "to the requester",
        "staff": "Staff 孙伟",
    },
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_an_incident_update_reads_as_the_incidents_and_leaves_the_ticket_unclaimed(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    words = INCIDENT[settings.languages.default]
    incident_id = await _incident(emulator, application, ["zh"] * 5)
    await world.user_sends(UTILITIES_OFFICER, f"/incident {incident_id} {UPDATE}", UTILITIES_GROUP)
    await until(lambda: any(UPDATE in e.text for e in bot_said(world, FIRST)))
    said = len(bot_said(world, UTILITIES_GROUP))
    await world.user_sends(FIRST, MORE)
    # The card of the ticket nobody claimed is redrawn with what was said under it since.
    ticket = await _ticket(application, 1)
    await until(lambda: MORE in _card(emulator, ticket))
    assert ticket.owner_id is None  # the poster did not become its owner
    assert ticket.staff_wrote  # the update is the requester's first response (SPEC rule 9)
    card = _card(emulator, ticket)
    assert words["card"].format(n=incident_id) in card.split("\n"), card
    assert words["staff"] not in card
    await until(lambda: len(bot_said(world, UTILITIES_GROUP)) >= said)
    record = await _record(emulator, UTILITIES_OFFICER, UTILITIES_GROUP, 1)
    assert _in_order(record, [words["record"].format(n=incident_id)]), record
    assert words["owner"] in record and words["reply"] not in record


# A question on a handoff form from the department it went to, and the owner's answer: the
# ticket's record says what each was, not an internal note of the ticket's staff.
HANDOFF = {
    "zh": [
        "{asker}(公用事业科)就转办单提问(诉求人看不到):" + ASKED,
        "{owner} 就转办单答复公用事业科(诉求人看不到):" + ANSWERED,
    ],
    "en": [
        "{asker} (Utilities) asked about the handoff (not seen by the requester): " + ASKED,
        "{owner} answered Utilities about the handoff (not seen by the requester): " + ANSWERED,
    ],
}
NOTE = {"zh": "内部备注", "en": "internal note"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_question_about_a_handoff_and_its_answer_read_as_such(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    language = settings.languages.default
    to, form, department = await a_form(emulator)
    assert (department, to) == ("general", "utilities")
    (topic,) = world.chats[GROUPS[department]].topics.values()
    await world.user_sends(OFFICERS[to], ASKED, GROUPS[to], reply_to=form.message_id)
    await until(lambda: any(ASKED in e.text for e in bot_said(world, GROUPS[department])))
    (told,) = [e for e in bot_said(world, GROUPS[department]) if ASKED in e.text]

    async def linked() -> bool:  # the sender records links a moment after it sends
        async with desk.sessions() as session:
            return await session.get(StaffLink, (GROUPS[department], told.message_id)) is not None

    await until(linked)
    await world.user_sends(
        OFFICERS[department], ANSWERED, GROUPS[department], topic.thread_id, told.message_id
    )
    await until(lambda: any(ANSWERED in e.text for e in bot_said(world, GROUPS[to])))
    names = {
        "asker": desk.rules.staff.shown_as(OFFICERS[to]),
        "owner": desk.rules.staff.shown_as(OFFICERS[department]),
    }
    lines = [line.format(**names) for line in HANDOFF[language]]
    said = len(bot_said(world, GROUPS[department]))
    await world.user_sends(OFFICERS[department], "/ticket 1", GROUPS[department], topic.thread_id)

    def record() -> str:
        return "\n".join(e.text for e in bot_said(world, GROUPS[department])[said:])

    await until(lambda: _in_order(record(), lines))
    assert NOTE[language] not in record()


# An ordinary fault, then danger said into it: the record says why the priority rose.
RAISED = {
    "zh": "优先级调整为特急(诉求人所述涉及紧急情况)",
    "en": "priority now Urgent (the requester's words tell of an emergency)",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_priority_raised_by_the_requesters_words_says_so(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我家门口的路灯坏了三天了,谁来修?")
    ticket = await _opened(emulator, application)
    await world.user_sends(REQUESTER, "灯杆底下在冒火花")

    async def urgent() -> bool:
        return (await _ticket(application, 1)).priority == "urgent"

    await until(urgent)
    assert ticket.staff_chat_id == UTILITIES_GROUP
    record = await _record(emulator, UTILITIES_OFFICER, UTILITIES_GROUP, 1)
    assert _in_order(record, [RAISED[settings.languages.default]]), record
    # The danger said into it marks it: /ticket N and its card (redrawn) lead with it.
    mark = {"zh": "⚠️ 危险:电火花", "en": "⚠️ DANGER: sparks"}[settings.languages.default]
    assert record.startswith(mark), record
    await until(lambda: _card(emulator, ticket).startswith(mark))
