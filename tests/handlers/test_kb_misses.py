"""Issue 14, a fresh tester's misses on the sample knowledge base, end to end: a leaking fire
hydrant is a public water facility for the water company, not a home pipe ("close your main
valve"); brown tap water is not asked its colour again; a dog barking all night next door is
a neighbour's animal, not night-time construction."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
RECEIVED = {REQUESTER: "已收到您说的:", ENGLISH: "Noted from your message: "}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "report", "says", "not_said", "kind", "noted"),
    [
        (
            REQUESTER,
            "我家楼下的消防栓在漏水",
            "公共供水设施",
            "总阀",
            ("fault_report", "utilities"),
            None,
        ),
        (
            ENGLISH,
            "The fire hydrant outside is leaking",
            "public water facilities",
            "main water valve",
            ("fault_report", "utilities"),
            None,
        ),
        (
            REQUESTER,
            "水龙头出来的水是黄的",
            "水黄、浑浊",
            "请在这里发送:详细地址;水的颜色",
            ("complaint", "utilities"),
            "水的颜色或气味",
        ),
        (
            ENGLISH,
            "brown water from the tap",
            "yellow or cloudy",
            "the exact address; the colour",
            ("complaint", "utilities"),
            "the colour or smell of the water",
        ),
        (
            REQUESTER,
            "邻居家的狗整夜叫",
            "犬只",
            "施工",
            ("complaint", "general"),
            "叫声出现的时段",
        ),
        (
            ENGLISH,
            "A dog keeps barking all night next door",
            "a dog or other animal",
            "construction",
            ("complaint", "general"),
            "when it is heard",
        ),
    ],
)
async def test_the_testers_report_reaches_its_template_and_is_not_asked_what_it_said(
    running: tuple[Emulator, App],
    user: int,
    report: str,
    says: str,
    not_said: str,
    kind: tuple[str, str],
    noted: str | None,
) -> None:
    """Answered by the template of its own matter (not the home pipe's, not the
    construction noise's), the ticket opened in its category and department, and the detail
    the report already gives (the water's colour, when the dog barks) noted, not asked."""
    emulator, application = running
    await control(emulator, "messages", {"user_id": user, "text": report})
    answer, promise = await bot_lines(emulator, user, 2)
    assert says in answer.text, answer.text
    assert not_said not in answer.text + promise.text, promise.text
    if noted is not None:
        assert RECEIVED[user] in promise.text and promise.text.count(noted) == 1, promise.text
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == kind
