"""A ticket handed to another department (bot/handed.py): when the requester's words also go
to the handling department (`reaches_handler`), and how that department and the owner read
what the desk tells them, in both languages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.config import Settings
from bot.handed import (
    FORM_KINDS,
    HANDED_RELAY,
    HANDED_SETTLED,
    SETTLED,
    SETTLED_EVENTS,
    handled_elsewhere,
    reaches_handler,
)
from bot.handoff_forms import FORM, FORM_DECIDED
from bot.handoff_questions import ANSWER, QUESTION
from bot.models import IN_HAND, TicketStatus
from bot.texts import Texts, configured_names

DEPARTMENTS = st.sampled_from(["general", "social_security", "utilities"])
CHATS = st.sampled_from([-101, -102, -103])


@given(
    status=st.sampled_from(list(TicketStatus)),
    owning=DEPARTMENTS,
    handling=DEPARTMENTS,
    ticket_chat=st.none() | CHATS,
    handling_chat=CHATS,
)
def test_the_words_go_to_the_handling_department_only_while_it_is_another_at_work(
    status: TicketStatus, owning: str, handling: str, ticket_chat: int | None, handling_chat: int
) -> None:
    flows = reaches_handler(
        status=status,
        owning=owning,
        handling=handling,
        ticket_chat=ticket_chat,
        handling_chat=handling_chat,
    )
    if status in SETTLED or handling == owning:
        assert not flows  # settled, or nobody else handles it
    if ticket_chat is None or ticket_chat == handling_chat:
        assert not flows  # the ticket's place is the handling group already: never twice
    at_work = status in IN_HAND and status not in SETTLED
    if at_work and handling != owning and ticket_chat not in (None, handling_chat):
        assert flows


def test_the_forms_links_are_those_bot_handoff_forms_keeps() -> None:
    assert FORM_KINDS == (FORM, FORM_DECIDED)


def test_an_open_or_claimed_ticket_in_hand_is_not_settled() -> None:
    assert {TicketStatus.CLAIMED, TicketStatus.TRANSFERRING} <= set(IN_HAND) - set(SETTLED)


def test_the_handling_department_and_the_owner_read_it_in_either_language(
    settings: Settings,
) -> None:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    relay = {"ticket_id": 7, "text": "白天家里有人"}
    assert texts.render(HANDED_RELAY, "zh", **relay) == "📩 工单 #7 诉求人:白天家里有人"
    assert texts.render(HANDED_RELAY, "en", **relay) == "📩 Ticket #7, the requester: 白天家里有人"
    assert texts.render(HANDED_RELAY, "zh", ticket_id=7, text="") == "📩 工单 #7 诉求人发来:"
    asked = {"ticket_id": 7, "by": "孙伟", "department": "utilities", "text": "有收入证明吗?"}
    assert texts.render(QUESTION, "zh", **asked) == (
        "❓ 孙伟(公用事业科)就工单 #7 的转办单提问(诉求人看不到):有收入证明吗?"
        "\n(回复本条即答复对方。)"
    )
    assert texts.render(QUESTION, "en", **asked) == (
        "❓ 孙伟 (Utilities) asks about the handoff of ticket #7 (not shown to the requester):"
        " 有收入证明吗?\n(Reply to this message to answer them.)"
    )
    answer = {"ticket_id": 7, "by": "王芳", "department": "utilities", "text": "已提交"}
    assert texts.render(ANSWER, "zh", **answer) == (
        "💬 王芳 就工单 #7 的转办单答复(诉求人看不到):已提交"
    )
    assert texts.render(ANSWER, "en", **answer) == (
        "💬 王芳 answers about the handoff of ticket #7 (not shown to the requester): 已提交"
    )
    passed = {"event": "answered", "ticket_id": 7, "department": "utilities"}
    assert texts.render("handoff_event", "zh", **passed) == "已转给 公用事业科(诉求人看不到)。"
    assert texts.render("handoff_event", "en", **passed) == (
        "Passed to Utilities (not shown to the requester)."
    )
    told = {"event": "asked", "ticket_id": 7, "owner": "王芳"}
    assert "首问负责人 王芳" in texts.render("handoff_event", "zh", **told)
    assert "not to the requester" in texts.render("handoff_event", "en", **told)


@given(
    status=st.sampled_from(list(TicketStatus)),
    owning=DEPARTMENTS,
    handling=DEPARTMENTS,
    ticket_chat=st.none() | CHATS,
    handling_chat=CHATS,
)
def test_the_department_that_accepted_it_is_known_whatever_the_status(
    status: TicketStatus, owning: str, handling: str, ticket_chat: int | None, handling_chat: int
) -> None:
    """Who hears the ticket settled or reopened (`settled_notices`): the department whose
    group the requester's words reach while it is at work, and still once it is settled."""
    place = {
        "owning": owning,
        "handling": handling,
        "ticket_chat": ticket_chat,
        "handling_chat": handling_chat,
    }
    elsewhere = handled_elsewhere(**place)
    assert reaches_handler(status=status, **place) == (status not in SETTLED and elsewhere)
    assert elsewhere == (handling != owning and ticket_chat not in (None, handling_chat))


def test_the_department_that_accepted_it_reads_what_became_of_it_in_either_language(
    settings: Settings,
) -> None:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    said = {"ticket_id": 7, "owner": "王芳", "summary": "已更换水管", "score": 4}
    shown = {
        language: [texts.render(HANDED_SETTLED, language, **said, event=e) for e in SETTLED_EVENTS]
        for language in ("zh", "en")
    }
    assert shown["zh"] == [
        "📌 工单 #7 已由首问负责人 王芳 办结:已更换水管。"
        "等待诉求人确认;诉求人的留言不再转到本科室。",
        "📌 工单 #7 诉求人已确认解决,评分 4 星,工单已关闭。",
        "📌 工单 #7 诉求人超时未确认,工单已自动关闭。",
        "📌 工单 #7 诉求人表示没有解决,工单已重新打开,仍由本科室办理(首问负责人 王芳);"
        "诉求人的留言继续转到这里。",
        "📌 工单 #7 诉求人已撤销(不再需要办理),工单已关闭,无需继续处理。",
    ]
    assert shown["en"][0] == (
        "📌 Ticket #7 was resolved by its owner 王芳: 已更换水管. Waiting for the requester to"
        " confirm; their messages no longer come here."
    )
    assert all(text.startswith("📌 Ticket #7") for text in shown["en"])
