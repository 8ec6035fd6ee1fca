"""Issue 14, input 6 ("the answer goes to the ticket it replies to, else to the ticket whose
staff wrote last, else the bot asks which"), a tester: a requester with two claimed tickets,
the heating's (#1) and another matter's (#2), each with its own officer. #2's officer asks for
the last four digits of a bank card and the ID number, then #1's officer asks which side of
the building. The requester answers both, in a row, without Telegram's reply: "South side."
and "Card ends 4821, ID 110101195001011234". Both went to #1, on the run the first one's
acknowledgement promised ("what you send next in a row goes to ticket #1"); /status then
showed #2's question as answered, which its officer never got. A careful clerk files each
answer under the ticket whose officer asked for it: the card and the ID number go to #2 and
reach its officer. Both languages, over the emulation, the desk's clock a minute on each
step."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.test_runs_two_tickets import Side, _into

App = Application  # type: ignore[type-arg]

HEATING = {REQUESTER: "家里暖气片不热", ENGLISH: "My radiators are not warm"}
OTHER = {
    REQUESTER: "我要投诉物业,小区的楼道一直没人打扫",
    ENGLISH: "I want to complain: nobody cleans the stairwells of our estate",
}
# #2's officer asks first, then #1's; the requester answers #1's, then #2's, in a row.
ASKS_IDS = {
    REQUESTER: "请提供身份证号后四位",
    ENGLISH: "Could you tell me the last 4 digits of your bank card and your ID number?",
}
ASKS_SIDE = {REQUESTER: "是哪一栋楼?", ENGLISH: "north or south side?"}
ASKED_IDS = {REQUESTER: ASKS_IDS[REQUESTER], ENGLISH: "last 4 digits"}
SIDE = {REQUESTER: "3栋", ENGLISH: "South side."}
IDS = {REQUESTER: "身份证后四位1234", ENGLISH: "Card ends 4821, ID 110101195001011234"}
ANSWERED = {REQUESTER: "您已答复负责人的提问", ENGLISH: "you answered the officer's question"}


async def _officer_got(side: Side, officer: tuple[int, int, int], words: str) -> None:
    """The officer's topic shows `words` (the requester's message relayed to them)."""
    group, topic = officer[1], officer[2]

    def there() -> bool:
        return any(words in (e.text or "") for e in bot_said(side.world, group, topic))

    try:
        await until(there)
    except TimeoutError:
        raise AssertionError(f"{words!r} never reached topic {topic}") from None


TERSE_ASKS = {
    REQUESTER: "请提供银行卡后四位和身份证号",
    ENGLISH: "Please send the last four digits of your bank card and your ID number",
}
TERSE = {REQUESTER: "4821,110101195001011234", ENGLISH: "4821, 110101195001011234"}


async def _both_answered(side: Side, user: int, asks_ids: str, ids: str, shown: str) -> None:
    """#1 the heating's and #2 another matter's, claimed by two officers; #2's asks for the
    card and the ID (`asks_ids`), then #1's which side or building; the requester answers
    #1's, then #2's (`ids`), in a row, no Telegram reply: each answer is filed under the
    ticket that asked for it and reaches its officer; /status shows both questions answered
    (`shown`: #2's question as it shows there)."""
    heating = await side.opened(HEATING[user], 1)
    await side.says("/new")
    other = await side.opened(OTHER[user], 2)
    assert other[0] != heating[0]
    await side.asked(other, asks_ids)
    await side.asked(heating, ASKS_SIDE[user])
    await side.says(SIDE[user])
    await _into(side, SIDE[user], [1])
    said = await side.says(ids)
    await _into(side, ids, [2])
    await side.hears(said, "#2")
    await _officer_got(side, other, ids)
    await _officer_got(side, heating, SIDE[user])
    # /status shows each question answered, and each answer did reach the officer who asked.
    status = (await side.hears(await side.says("/status"), shown)).text
    lines = {n: next(x for x in status.splitlines() if f"#{n}" in x) for n in (1, 2)}
    assert ANSWERED[user] in lines[1] and ASKS_SIDE[user] in lines[1], status
    assert ANSWERED[user] in lines[2] and shown in lines[2], status


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_each_answer_goes_to_the_officer_who_asked_for_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    await _both_answered(side, user, ASKS_IDS[user], IDS[user], ASKED_IDS[user])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_bare_digits_go_to_the_officer_who_asked_for_them(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """The card's digits and the ID number alone, no word shared with the question: what
    they are (four digits, an ID's eighteen) answers the officer who asked for them."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    await _both_answered(side, user, TERSE_ASKS[user], TERSE[user], TERSE_ASKS[user][-12:])
