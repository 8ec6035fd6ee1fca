"""Thanks alone to a ticket in hand (`bot.thanked.thanks_alone`): a courtesy while it is worked
on; read as any words while it awaits the requester's confirmation, while the officer's question
waits for their answer, or when they say more than thanks."""

from __future__ import annotations

import pytest

from bot.models import Ticket, TicketStatus
from bot.thanked import thanks_alone
from tests.conftest import MONDAY_9AM

THANKS = ["谢谢", "好的谢谢", "好的,谢谢!", "ok, thanks", "thank you", "Thank you very much"]
NOT_THANKS = ["好的", "ok", "稍等", "谢谢,有进展吗?", "谢谢。另外我家水管漏水", "路灯还是不亮"]


def _ticket(status: TicketStatus, latest_update: str | None = None) -> Ticket:
    return Ticket(status=status, latest_update=latest_update, latest_update_at=MONDAY_9AM)


@pytest.mark.parametrize("words", THANKS)
@pytest.mark.parametrize("status", [TicketStatus.OPEN, TicketStatus.CLAIMED])
def test_thanks_alone_to_a_ticket_worked_on(words: str, status: TicketStatus) -> None:
    assert thanks_alone(_ticket(status, "已安排师傅维修"), words)


@pytest.mark.parametrize("words", NOT_THANKS)
def test_more_than_thanks_or_no_thanks_at_all_are_words_of_the_ticket(words: str) -> None:
    assert not thanks_alone(_ticket(TicketStatus.CLAIMED), words)


@pytest.mark.parametrize("status", [TicketStatus.RESOLVED, TicketStatus.CLOSED])
def test_thanks_after_a_resolution_are_read_as_an_answer_to_it(status: TicketStatus) -> None:
    assert not thanks_alone(_ticket(status), "好的谢谢")


def test_thanks_to_the_officers_question_answer_it() -> None:
    assert not thanks_alone(_ticket(TicketStatus.CLAIMED, "明天上午师傅上门可以吗?"), "好的谢谢")
