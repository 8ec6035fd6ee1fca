"""What a reader is shown once (issue 14): /ticket N's first inquiry refers to a long question
shown whole above it rather than repeat it (`bot.intake.inquiry.referred`), and /status shows
the start of an officer's long reply, saying it is shortened and where all of it is
(`bot.lookup.latest_shown`). Nothing is cut silently. No database, no Telegram."""

from __future__ import annotations

from typing import Any

import pytest

from bot.config import Settings
from bot.excerpt import ELLIPSIS
from bot.intake import inquiry
from bot.lookup import LATEST_SHOWN, TicketLine, latest_shown
from bot.models import Ticket, TicketStatus
from bot.texts import Texts, configured_names
from tests.conftest import MONDAY_9AM

LONG = (
    "我家楼下的路灯坏了三天了,晚上一片漆黑,老人孩子出门很不安全,上周已经打过电话说会来修,"
    "可是到现在还没有人来,请尽快安排维修,地址是幸福路23号门口,灯杆上有编号。"
)
ADDED = "灯杆编号LD-0457"
QUESTION = f"{LONG}\n{ADDED}"
ABOVE = {"zh": "(全文见上)", "en": "(in full above)"}


def _turns() -> list[inquiry.Turn]:
    return [
        inquiry.said(LONG, MONDAY_9AM),
        inquiry.bot_did("answer", MONDAY_9AM, ["路灯坏了找谁修"], ["具体位置"]),
        inquiry.said(ADDED, MONDAY_9AM),
    ]


def _texts(settings: Settings) -> Texts:
    return Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))


def test_a_long_question_in_the_record_is_referred_to_not_repeated() -> None:
    turns = _turns()
    shown = inquiry.referred(turns, QUESTION)
    start = shown[0]["above"]
    assert start.endswith(ELLIPSIS) and LONG.startswith(start[:-1]) and len(start) < len(LONG)
    assert shown[0]["text"] == LONG  # the turn itself keeps every word
    assert shown[1:] == turns[1:]  # the bot's answer; short words, as said
    # Words the question does not show (not taken into it) are never referred to.
    assert "above" not in inquiry.referred(turns, ADDED)[0]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_ticket_history_shows_a_long_question_once(settings: Settings, language: str) -> None:
    texts = _texts(settings)
    ticket = Ticket(
        id=7,
        status=TicketStatus.CLAIMED,
        handling_department_key="general",
        question=QUESTION,
    )
    text = texts.render(
        "ticket_history",
        language,
        ticket=ticket,
        events=[],
        messages=[],
        inquiry=inquiry.referred(_turns(), QUESTION),
        owner=None,
        statuses={s: texts.render("statuses", language, status=s) for s in TicketStatus},
    )
    assert text.count(LONG) == 1 and ABOVE[language] in text
    assert text.count(ADDED) == 2  # a short one reads as said


def _ticket(update: str) -> Ticket:
    return Ticket(id=3, status=TicketStatus.CLAIMED, latest_update=update, question="路灯坏了")


def test_a_long_reply_is_shown_by_its_start_and_marked_shortened() -> None:
    reply = "您好,关于您反映的路灯问题," + "我们已联系维修班组,今天下午到现场查看更换灯具。" * 12
    shown = latest_shown(_ticket(reply))
    assert shown is not None and shown.shortened and shown.length == len(reply)
    assert shown.text.endswith(ELLIPSIS) and reply.startswith(shown.text[:-1])
    assert len(shown.text) <= LATEST_SHOWN
    short = latest_shown(_ticket("已派人处理"))
    assert short is not None and (short.text, short.shortened) == ("已派人处理", False)


SHORTENED = {"zh": ("节选", "上方"), "en": ("shortened", "above")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_status_says_a_reply_is_shortened_and_where_it_is_whole(
    settings: Settings, language: str
) -> None:
    texts = _texts(settings)
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}

    def status(**line: Any) -> str:
        listed = [TicketLine(id=3, status="claimed", owner="王芳", due=MONDAY_9AM, **line)]
        return texts.render("status", language, tickets=listed, statuses=statuses)

    long = status(latest="我们已联系维修班组…", latest_length=400)
    short = status(latest="已派人处理")
    assert all(w in long for w in SHORTENED[language]) and "400" in long
    assert not any(w in short for w in SHORTENED[language])
