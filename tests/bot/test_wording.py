"""Every name a person reads is a name: no template, in either language, shows a configured
category, priority or department key, or a lifecycle event's key, as it is (issue 14)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from bot import lifecycle
from bot.config import Settings
from bot.handed import HANDED_SETTLED, SETTLED_EVENTS
from bot.lifecycle import Action
from bot.lookup import MessageLine
from bot.models import Direction, Ticket, TicketMessage, TicketStatus
from bot.texts import TEMPLATES, Texts, configured_names
from tests.conftest import MONDAY_9AM

LANGUAGES = ("zh", "en")
LATER = MONDAY_9AM + timedelta(hours=4)
# The events of a ticket's log (bot/lifecycle.py) with the data their flows record.
EVENTS: dict[str, dict[str, Any]] = {
    lifecycle.OPENED: {
        "category": "fault_report",
        "priority": "urgent",
        "department": "general",
        "keywords": ["停水"],
    },
    Action.CLAIM: {"owner_id": 100101},
    Action.ASSIGN: {"owner_id": 100102, "previous_owner_id": 100101, "reason": "请假"},
    Action.TRANSFER: {"to": "utilities"},
    Action.ACCEPT: {"department": "utilities", "handoff_id": 1},
    Action.RETURN: {"handoff_id": 1, "reason": "不属本科"},
    Action.RESOLVE: {"summary": "已恢复供水"},
    Action.REOPEN: {"reason": "水还是黄的"},
    Action.CONFIRM: {"score": 5},
    Action.AUTO_CLOSE: {},
    Action.WITHDRAW: {},
    Action.RESTORE: {},
    lifecycle.PRIORITY_CHANGED: {"priority": "high", "reason": "surge"},
    lifecycle.LINKED: {"incident_id": 3},
    lifecycle.HANDOFF_DUE_MOVED: {
        "handoff_id": 1,
        "due_at": LATER.isoformat(),
        "before": MONDAY_9AM.isoformat(),
    },
    lifecycle.DANGER_TOLD: {"kinds": ["trapped", "plea"], "words": ["被困"]},
    # A complaint of the handling, about its owner then (bot/complaints.py).
    lifecycle.COMPLAINT_RAISED: {"about": 100301, "words": "一直拖着不办,我要投诉"},
    # A complaint said alone beside it, asked about first (bot/complaints.py).
    lifecycle.COMPLAINT_ASKED: {"words": "我要投诉"},
    # A step of the escalation ladder (bot/escalation_steps.py).
    "escalation": {
        "deadline": "first_response",
        "step": 3,
        "overdue": True,
        "notify": ["department_supervisors", "management"],
    },
}
STAFF_EVENTS = (
    "resolved",
    "rated",
    "confirmed",
    "reopened",
    "note",
    "assigned",
    "priority",
    "proposed",
    "unreachable",
    "asked_again",
    "answered_elsewhere",
    "noted_elsewhere",
    "undelivered",
    "claimed_by_reply",
    "recurred",
    "complaint_withheld",
    "withdrawn",
    "taken_back",
)
HANDOFF_EVENTS = (
    "sent",
    "accepted",
    "returned",
    "copy",
    "requester",
    "return_usage",
    "asked",
    "handed_to_us",
    "answered",
    "copy_returned",
    "requester_returned",
    "returned_by_you",
)
BUTTONS = (
    "assign",
    "priority",
    "approve",
    "reject",
    "lang_zh",
    "lang_en",
    "solved",
    "not_solved",
    "none",
    "human",
    "claim",
    "reopen",
    "accept",
    "return",
    "withdraw",
    "keep_open",
    "about_ticket",
    "new_matter",
    "post_update",
)
# Command syntax names the keys and commands to type: the departments /transfer takes (each
# shown with its name), the priorities /priority takes, the command menus. Not checked.
TYPED = {
    ("handoff_event", "usage"),
    ("usage", ""),
    ("menu_requester", ""),
    ("menu_staff", ""),
    ("menu_supervisor", ""),
    ("unknown_command", ""),  # the staff menu's lines
    ("ticket_command_where", ""),  # the command's usage line
}


def _ticket() -> Ticket:
    return Ticket(
        id=7,
        status=TicketStatus.CLAIMED,
        category="fault_report",
        priority="urgent",
        department_key="general",
        handling_department_key="utilities",
        question="幸福路23号门口路灯坏了三天",
    )


def _history(language_statuses: dict[str, str]) -> dict[str, Any]:
    """/ticket N's values as handlers/lookup.py gives them: every kind of event."""
    events = [
        {"at": MONDAY_9AM, "kind": str(kind), "who": "王芳", "data": data, "owner": "李强"}
        for kind, data in EVENTS.items()
    ]
    # A late handoff form's step of the ladder (bot/ladder_handoffs.py): the receiving
    # department by name.
    handed = {"deadline": "handoff", "step": 2, "overdue": True, "department": "utilities"}
    handed["notify"] = ["owner", "department_supervisors"]
    events.append({"at": MONDAY_9AM, "kind": "escalation", "who": None, "data": handed})
    # Taken out of its incident by staff (bot/incident_links.py).
    left = {"incident_id": None, "by_staff": True, "left": 3}
    events.append({"at": MONDAY_9AM, "kind": lifecycle.LINKED, "who": "王芳", "data": left})
    messages = [
        TicketMessage(created_at=MONDAY_9AM, direction=d, text="", content_type=kind)
        for d, kind in [(Direction.IN, "photo"), (Direction.IN, "voice"), (Direction.OUT, "text")]
    ] + [
        MessageLine(MONDAY_9AM, "bot", "社保卡丢了怎么补办", "text"),
        # Who wrote each: an officer's reply and note by name, the bot's own note.
        MessageLine(MONDAY_9AM, "out", "请问您家几口人?", "text", author="王芳"),
        MessageLine(MONDAY_9AM, "note", "已电话联系", "text", author="王芳"),
        MessageLine(MONDAY_9AM, "note", "诉求人已屏蔽", "text"),
        # The bot's notes of what became of the requester's chat (bot/kinds.py chat_event).
        MessageLine(MONDAY_9AM, "event", "unreachable", "text"),
        MessageLine(MONDAY_9AM, "event", "reachable", "text", {"sent_again": 2}),
        MessageLine(MONDAY_9AM, "event", "reachable", "text", {"sent_again": 1, "unblocked": 1}),
        # An update posted to every requester of a mass incident (bot/kinds.py).
        MessageLine(MONDAY_9AM, "incident", "维修人员已到场", "text", {"incident_id": 3}, "孙伟"),
        # A question about a handoff from the department it went to, and the answer to it.
        MessageLine(
            MONDAY_9AM, "handoff", "收入证明?", "text", {"asked": True, "department": "utilities"}
        ),
        MessageLine(
            MONDAY_9AM, "handoff", "已提交", "text", {"asked": False, "department": "utilities"}
        ),
    ]
    # The first inquiry turn by turn (bot/intake/inquiry.py), an offer rejected among them,
    # and the later turns the card shows (bot/intake/later.py).
    inquiry = [
        {"by": "requester", "text": "路灯坏了"},
        {"by": "bot", "did": "suggest", "offered": ["路灯坏了找谁修"], "rejected": True},
        {"by": "requester", "asked": "none_fitted"},
        {"by": "bot", "did": "answer", "offered": ["水管漏水了"], "ask_for": ["地址"]},
        {"by": "bot", "did": "answer", "offered": ["停水"], "rejected": True},
        # matched, not sent: a vulnerable person in a cold home heard the urgent ticket
        {"by": "bot", "did": "answer", "offered": ["暖气不热"], "withheld": "exposed"},
        # matched, not sent: a report of an open incident heard its update (bot/incidents.py)
        {"by": "bot", "did": "answer", "offered": ["停水"], "withheld": "incident"},
        {"by": "bot", "did": "answer", "offered": ["停电"], "withheld": "incident_known"},
        {"by": "requester", "asked": "person"},
        {"by": "bot", "did": "recurrence", "ticket_id": 2, "question": "停水", "owner": "王芳"},
        # Said after a low rating of it, asked what went wrong (bot/intake/dissatisfied.py).
        {"by": "bot", "did": "recurrence", "ticket_id": 2, "question": "停水", "rated": 1},
        # Written of its matter again (bot/intake/said_again.py, bot/intake/invited_back.py).
        {"by": "bot", "did": "recurrence", "ticket_id": 2, "question": "停水", "said": True},
        {"by": "incident", "name": "孙伟", "incident_id": 3, "text": "已到场", "later": True},
    ]
    return {
        "ticket": _ticket(),
        "events": events,
        "messages": messages,
        "inquiry": inquiry,
        "owner": "王芳",
        "statuses": language_statuses,
    }


def _values(statuses: dict[str, str]) -> dict[str, Any]:
    """Values for every template: what the flows pass, keys where they pass keys."""
    return {
        # A notice's values about its ticket (bot/notices.py ticket_values).
        "ticket_id": 7,
        "place": "幸福路12号",  # carried_place: the place of the ticket just confirmed
        "own_case": True,  # ticket_opened: their case's state asked (close_status)
        "status": "claimed",
        "category": "fault_report",
        "priority": "urgent",
        "question": "幸福路23号门口路灯坏了三天",
        "owner": "王芳",
        "owner_name": "王芳",
        "owner_staff_number": "G-0101",
        "first_response_due_at": MONDAY_9AM,
        "resolution_due_at": LATER,
        "latest_update": "已派人查看",
        "latest_update_at": MONDAY_9AM,
        # What the kinds add.
        "words": ["停水"],
        "incident_id": 3,
        # How many tickets report an incident, how many still open (bot/incident_reports.py).
        "incident_reports": 5,
        "incident_open": 4,
        "ticket_ids": [7, 8, 9, 10, 11],
        "summary": "多处停水",
        "answer": "请拨打 12345。",
        "card": "🆕 #7",
        "deadline": "first_response",
        "deadline_at": LATER,
        "overdue": True,
        "step": 2,
        "steps": 3,  # the ladder's (a late handoff: bot/ladder_handoffs.py)
        "name": "张三",
        "meant": "resolve",  # unknown_command: the command most likely meant
        "office_name": "市民服务中心",
        "from_department": "general",
        "to_department": "utilities",
        "department": "utilities",
        "handling": "general",
        "new_ticket_id": 8,
        "departments": ["general", "social_security", "utilities"],
        "due_at": LATER,
        "handoff_due_at": LATER,
        # A handoff's deadline moved (bot/handoff_deadlines.py).
        "before": MONDAY_9AM,
        "sooner": False,
        "suggested": "请核实",
        "reason": "不属本科",
        "text": "今晚恢复供水",
        "error": "Bad Request: message is too long",
        "reached": 7,
        "by": "张主任",
        "due": LATER,
        "score": 5,
        "notice_due_at": LATER,
        "asked_at": MONDAY_9AM,  # the requester asked again (bot/due.py `follow_up`)
        "count": 3,
        "limit": 20,
        "banned": True,
        "user_id": 900100,
        "approved": True,
        "who": "张主任",
        "template_id": "water_outage",
        "similar": ["water_outage_2"],
        "questions": ["停水了怎么办"],
        "decided": "",
        "attempts": ["停水怎么办"],
        "earlier": [{"id": 5, "status": "closed"}],
        "statuses": statuses,
        "tickets": [
            {
                "id": 7,
                "status": "claimed",
                "owner": "王芳",
                "due": LATER,
                "latest": "已派人查看",
                "question": "路灯坏了",
                "priority": "high",
                "urgent": True,
                "overdue": True,
                "dangers": ["gas", "danger"],  # bot/dangers.py
                "incident": 3,  # linked to a mass incident (bot/lookup.py)
            },
            # An officer's long word, by its start (bot/lookup.py `latest_shown`).
            {"id": 8, "status": "claimed", "owner": "王芳", "due": LATER, "question": "停水"}
            | {"latest": "我们已联系供水公司…", "latest_length": 240, "priority": "normal"}
            | {"urgent": False, "overdue": False},
            # The officer's question, answered (bot/asking.py `question_answered`).
            {"id": 9, "status": "claimed", "owner": "王芳", "due": LATER, "question": "停水"}
            | {"latest": "请问几号楼?", "answered": True, "priority": "normal"}
            | {"urgent": False, "overdue": False},
            # Closed: why and when, no promise (bot/lookup.py `closing`).
            *(
                {"id": 6, "status": "closed", "owner": None, "due": LATER, "question": "停水"}
                | {"latest": None, "priority": "normal", "urgent": False, "overdue": False}
                | {"closed": reason, "closed_at": LATER}
                for reason in ("withdrawn", "timeout", "confirmed")
            ),
        ],
        "title": "我负责的工单:",
        "empty": "-",
        "start": MONDAY_9AM,
        "end": LATER,
        "rows": [{"name": "综合服务窗口", **dict.fromkeys(_REPORT_FIELDS, "1")}],
        "usage": "/priority [N] normal|high|urgent",
        "commands": ["note - 内部备注", "resolve - 办结并写明结果"],
        "forum": True,
        "numbered": True,
        # A reply by the department a ticket was handed to (bot/staff_replies.py speaking).
        "speaker": "孙伟",
        "speaker_department": "utilities",
        "sent_again": 2,
        "superseded": 1,
        "until": LATER,
        "action": "claim",
        "detail": "-",
        # The report's summary (bot/reports/render.py summary_values).
        "ticket_count": 12,
        "sla": "90%",
        "first_response": "12m",
        "handoffs_late": 1,
        "slowest": {
            "from": "综合服务窗口",
            "to": "公用事业科",
            "delay": "3.0h",
            "returned": 2,
            "pending": 1,
            "waiting": "2.7h",
        },
        "passed_around": 2,
        "failing": 3,
        "worst": {"count": 4, "example": "小区电梯坏了", "ticket_id": 12},
        "breaches": 5,
        "kind": "poll",
        "described": "哪天能办?\n• 周一\n• 周二",
        "origin_kind": "user",
        "origin_name": "李四",
        "remark": "师傅把地弄脏了",
        "old_chat_id": -4001,
        "new_chat_id": -1004001,
        "chat_id": -1004001,
        "management": False,
        "was": None,
        "form": "📨 #7",
        "decided_by": "张主任",
        "decided_at": LATER,
        "numbers": [{"name": "火警", "number": "119"}],
        "template_title": "闻到煤气味怎么办",
        "part": "我家猫的疫苗证明在哪里开?",
        "said": "一直拖着不办,我要投诉",  # a complaint of the handling (bot/complaints.py)
    }


_REPORT_FIELDS = (
    "tickets",
    "claimed_in_time",
    "first_response",
    "resolution",
    "sla",
    "notices",
    "notices_on_time",
    "transfers",
    "reopen",
    "rating",
    "breaches",
    "remarks",
)


def _variants(template: str) -> list[tuple[str, dict[str, Any]]]:
    """Each way a template is rendered: its events, reasons or keys."""
    if template == "staff_event":
        unlike = {"event": "other_language", "theirs": "en", "written": "zh"}
        return [
            *((e, {"event": e}) for e in STAFF_EVENTS),
            ("other_language", {**unlike, "resolution": False}),
            ("other_language_resolution", {**unlike, "resolution": True}),
            ("other_language_elsewhere", {**unlike, "resolution": False, "elsewhere": True}),
            ("priority_by", {"event": "priority", "by": "张主任"}),  # a person changed it
            # A lowering (bot/priority.py `priority_event`): said as one, by a person or not.
            ("priority_lowered", {"event": "priority", "lowered": True, "was": "urgent"}),
            (
                "priority_lowered_by",
                {"event": "priority", "lowered": True, "was": "urgent", "by": "张主任"},
            ),
            # A confidential complaint's, written in a group: answered in private.
            ("resolved_apart", {"event": "resolved_apart", "ticket_id": 7}),
            ("noted_apart", {"event": "noted_apart", "ticket_id": 7}),
            ("transferred_apart", {"event": "transferred_apart", "ticket_id": 7}),
        ]
    if template == "card_closed":
        reasons = ("withdrawn", "timeout", "confirmed")
        return [
            (f"{r}{o}", {"reason": r, "at": LATER, "owner": owner})
            for r in reasons
            for o, owner in (("", "王芳"), ("_unclaimed", None))
        ]
    if template == "handoff_event":
        capped = ("sent_capped", {"event": "sent", "capped": True})  # due with the ticket
        return [*((e, {"event": e}) for e in (*HANDOFF_EVENTS, "usage")), capped]
    if template == "handoff_card":
        kept = ("confidential", {"confidential": True})  # a complaint about staff (supervised)
        return [("", {}), ("due_with_ticket", {"due_with_ticket": True}), kept]
    if template == HANDED_SETTLED:
        return [(e, {"event": e}) for e in SETTLED_EVENTS]
    if template == "buttons":
        return [(k, {"key": k}) for k in BUTTONS]
    if template == "escalation":
        incident = ("incident", {"incident_id": 2, "incident_reports": 29, "incident_open": 29})
        handed = [  # another department handles it, or the form waits to be accepted
            ("handled", {"deadline": "resolution", "handling": "utilities"}),
            ("transferring", {"deadline": "resolution", "status": "transferring"}),
        ]
        return [
            *((d, {"deadline": d}) for d in ("first_response", "resolution")),
            incident,
            *handed,
        ]
    if template == "staff_group_paused":
        reasons = [(r, {"reason": r}) for r in ("kicked", "left", "no_topic_rights", "not_found")]
        back = ("back_without_topics", {"reason": "no_topic_rights", "was": "kicked"})
        return [*reasons, back]
    if template in ("staff_group_moved", "staff_group_back"):
        return [("groups", {}), ("management", {"management": True})]
    if template in ("relay_origin", "forwarded_words"):
        return [(o, {"origin_kind": o}) for o in ("user", "hidden_user", "chat", "channel")]
    if template == "handoff_decided":
        return [(d, {"decision": d}) for d in ("accepted", "returned")]
    if template == "no_words":  # bot/intake/wordless.py
        kinds = ("empty", "puzzled", "puzzled_after_answer", "symbols", "not_words")
        waiting = ("clarify", "about", "matter")  # the bot's question asked again
        asked = [(f"{k}-{w}", {"kind": k, "waiting": w}) for k in kinds for w in waiting]
        # The second in a row (`wordless.in_a_row`): said otherwise, with config's values.
        window = {"office_name": "市民服务中心", "hotline": "12345", "office_hours": "9:00-17:00"}
        again = [(f"{k}-again", {"kind": k, "again": True, **window}) for k in kinds]
        bare = [(f"{k}-again-bare", {"kind": k, "again": True}) for k in kinds]
        waits = [(f"{w}-again", {"kind": "puzzled", "waiting": w, "again": True}) for w in waiting]
        return [*((k, {"kind": k}) for k in kinds), *asked, *again, *bare, *waits]
    if template == "greeting":  # handlers/greeting.py: someone new, or back with tickets
        return [("back", {}), ("new", {"tickets": []})]
    if template == "reachable":  # bot/delivery.py: they wrote again, or unblocked the bot
        return [("wrote", {}), ("unblocked", {"unblocked": True})]
    if template == "confirmed_said":  # bot/closure.py: a remark on the service, or none
        other = {"remark": "", "other": "我家的燃气表不走字了"}  # another matter taken apart
        return [("remark", {}), ("plain", {"remark": ""}), ("other", other)]
    if template == "group_not_served":
        return [("group", {"bot_username": "shouwen_bot"})]
    if template == "incident_update":
        dated = ("late", {"posted_at": MONDAY_9AM})  # heard by a ticket that joined later
        return [("theirs", {}), ("other", {"written_in": "zh"}), dated]
    if template == "incident_resolved":
        left = {"ticket_ids": [1, 2], "left": [3]}
        dangers = {"ticket_ids": [1], "left": [], "dangers": [2]}
        return [("all", {"ticket_ids": [1, 2], "left": []}), ("left", left), ("danger", dangers)]
    if template == "incident_update_staff":
        corrected = {"poster": "孙伟", "corrected": True}  # bot/update_corrections.py
        return [("poster", {"poster": "孙伟"}), ("unknown", {"poster": None}), ("fix", corrected)]
    if template == "progress_notice":  # the latest word an update, or the officer's question
        return [("update", {}), ("asks", {"latest_asks": True})]
    if template == "sent_without_words":  # bot/intake/recurrence.py: what was sent
        spoke = {"kind": "voice", "count": 3, "listen": True}  # bot/intake/spoken.py
        kinds = ("photo", "document", "voice", "unknown")
        return [*((k, {"kind": k}) for k in kinds), ("spoken", spoke)]
    if template == "promise_missed":  # bot/due.py: which promise, and who the ladder told
        told = {"told_owner": True, "told_supervisors": True}
        return [(d, {"deadline": d, **told}) for d in ("first_response", "resolution")] + [
            ("nobody", {"deadline": "resolution", "told_owner": False, "told_supervisors": False}),
            (
                "supervisors",
                {"deadline": "resolution", "told_owner": False, "told_supervisors": True},
            ),
        ]
    if template == "incident_posted":
        return [("all", {}), ("unlike", {"written_in": "zh", "unlike": {"en": [8, 9]}})]
    if template == "update_correction":  # bot/update_corrections.py
        dated = ("late", {"posted_at": MONDAY_9AM})  # heard by a ticket that joined later
        return [("theirs", {}), ("other", {"written_in": "zh"}), dated]
    if template == "update_corrected":  # whom an edited update's correction reached
        return [("sent", {}), ("unchanged", {"ticket_ids": []})]
    if template == "incident_linked":  # handlers/incidents.py link_command
        joined = {"left": False, "ticket_ids": [3, 7]}
        return [("joined", joined), ("new", {**joined, "new": True}), ("left", {"left": True})]
    if template == "alert_surge_joined":
        other = {"told": False, "summary_in": "en", "incident_open": 0}  # all settled but it
        return [("told", {"told": True}), ("before", {"told": False}), ("other", other)]
    if template == "alert_surge":  # its summary: a requester's words in another language
        cut = {"cut": "water"}  # the supply cut the reports tell, named for the category
        return [("theirs", {}), ("other", {"summary_in": "en"}), ("cut", cut)]
    if template == "complaint_heard":  # bot/complaints.py
        late = {"resolution_overdue": True, "first_response_overdue": True}
        return [
            ("owned", {}),
            ("unclaimed", {"owner": None}),
            ("again", {"again": True}),
            ("late", late),
            ("unclaimed_late", {**late, "owner": None}),
            ("accused", {"accused": "李强"}),  # bot/intake/staff_complaint.py
            ("accused_supervisor", {"accused": "张主任", "owner": None, "management": True}),
        ]
    if template == "alert_complaint":
        accused = {"accused_name": "李强", "accused_staff_number": "G-0102"}
        accused["accused_department"] = "general"
        return [
            ("owned", {}),
            ("unclaimed", {"owner_name": None}),
            ("angry", {"owner_name": None, "angry": True}),  # bot/intake/ignored_heard.py
            ("late", {"resolution_overdue": True}),
            ("accused", accused),
            ("accused_unowned", {**accused, "owner_name": None}),
            ("accused_supervisor", {**accused, "owner_name": None, "management": True}),
        ]
    if template == "part_unanswered":
        return [(w, {"way": w}) for w in ("ticket", "category", "refused")]
    if template == "emergency_advice":
        only = {"raised": True, "alerted_only": True}
        advised = {"dangers": ["dependent", "person"]}  # safety advice for the first kind
        return [
            ("opened", {}),
            ("raised", {"raised": True}),
            ("alerted_only", only),
            ("advised", advised),
            ("ask_place", {**advised, "ask_place": True}),  # no place told: where, exactly
        ]
    # A danger to people told (bot/dangers.py): its kinds named, the numbers told first.
    danger = {
        "dangers": ["trapped", "plea"],
        "numbers": [{"name": "电梯困人救援", "number": "96333"}],
    }
    if template == "alert_keyword":
        again = {"again": True, "said": "人还困着"}
        exposed = ("exposed", {"exposed": True})  # a vulnerable person without heating
        return [("raised", {}), ("again", again), ("danger", {**again, **danger}), exposed]
    if template == "flood_heard":  # in danger over the flood limit (bot/flood_heard.py)
        unnamed = {"dangers": [], "in_ticket": False}
        return [("filed", {**danger, "in_ticket": True}), ("no_ticket", {**danger, **unnamed})]
    if template == "ticket_card":  # their words in a language the desk does not write
        confidential = ("confidential", {"confidential": True})  # bot/supervised.py
        return [
            ("", {}),
            ("danger", {"dangers": ["gas"]}),
            ("tongue", {"tongue": "fr"}),
            confidential,
        ]
    if template == "other_tongue":  # bot/intake/language.py: a language seen, or a rare one
        return [("fr", {"tongue": "fr"}), ("unnamed", {"tongue": "xx"})]
    if template == "clarify":
        return [("", {}), ("again", {"again": True})]
    if template == "which_ticket":  # a rating typed: which resolution (bot/rated_choice.py)
        return [("", {}), ("rating", {"rating": True}), ("withdrawing", {"withdrawing": True})]
    if template == "courtesy":
        return [("thanks", {"thanks": True}), ("ok", {"thanks": False})]
    if template == "ticket_opened":  # opened apart from a ticket in hand (second_matter.py)
        exposed = ("exposed", {"exposed": True})  # urgent: a vulnerable person in the cold
        spoken = ("spoken", {"spoken": True})  # voice notes alone (bot/intake/spoken.py)
        known = ("incident", {"incident": True})  # a report of an incident already known
        sorry = ("sorry", {"sorry": True})  # their words complained of the service
        supervised = ("supervised", {"supervised": True})  # anger: the supervisors told
        both = ("sorry_supervised", {"sorry": True, "supervised": True})
        return [
            ("", {}),
            ("apart", {"apart_from": 3}),
            exposed,
            spoken,
            known,
            sorry,
            supervised,
            both,
        ]
    if template == "incident_left":  # bot/incident_links.py: unlinked after its update
        return [("owned", {"owner": "王芳"}), ("unclaimed", {"owner": None})]
    if template == "rating_typed":
        return [(r, {"rated": r}) for r in ("answer", "answer_low", "asked", "none")]
    if template == "ask_matter":
        upset = ("upset", {"person": False, "upset": True})  # anger alone (openers.outburst)
        return [("person", {"person": True}), ("service", {"person": False}), upset]
    if template == "category_waiting":
        reasons = ("filler", "again", "plain", "added", "forwarded", "forwarded_more", "edited")
        return [(r, {"reason": r, "fallback": "咨询"}) for r in reasons]
    if template == "new_question":
        kept = ("forward", "person", "service")
        unowned = ("unowned", {"kept": "", "ticket_id": 3, "owner": None})
        return [("", {"kept": ""}), *((k, {"kept": k, "ticket_id": 3}) for k in kept), unowned]
    if template == "edit_passed_on":  # handlers/asking.py: to its owner, or for whoever takes it
        return [("owned", {"owned": True}), ("unowned", {"owned": False})]
    if template == "added_to_ticket":  # and asked how it stands (bot/progress_words.py)
        return [
            ("owned", {}),
            ("unowned", {"owner": None}),
            ("handed", {"handling": "utilities"}),
            ("progress", {"progress": True, "latest_update": "已派人", "latest_asks": False}),
            ("asks", {"progress": True, "latest_update": "请问几号楼?", "latest_asks": True}),
            # The officer's question, answered (bot/asking.py `question_answered`).
            (
                "answered",
                {"progress": True, "latest_update": "请问几号楼?", "latest_answered": True},
            ),
            ("overdue", {"progress": True, "owner": None, "resolution_overdue": True}),
            ("danger", danger),
            ("danger_unnamed", {**danger, "dangers": ["danger"], "progress": True}),
            # Other tickets in hand: reached by a reply (bot/acknowledgements.py).
            ("others", {"others": [3]}),
            ("others_two", {"others": [3, 5], "progress": True}),
        ]
    if template in (
        "ticket_in_hand",
        "resolution",
        "withdrawn",
        "withdraw_kept",
        "withdrawal_taken_back",
    ):
        return [("owned", {}), ("unowned", {"owner": None})]
    if template == "answer":  # a follow-up's excerpt under its title (bot/intake/asked_more.py)
        return [("", {}), ("excerpt", {"title": "居住证怎么办理"})]
    if template == "ask_about":
        return [
            (f"{first}{kind}", {"more": more, "typed": typed})
            for first, more in (("first", False), ("more", True))
            for kind, typed in (("", False), ("_typed", True))
        ]
    if template == "kept_as_note":
        reasons = ("owned", "reassign", "other_department", "unclaimed", "handoff_over")
        return [(r, {"reason": r, "department": "utilities"}) for r in reasons]
    if template == "alert_note_kept":
        incident = {"incident_id": 1, "ticket_ids": [9, 10], "owner": None}
        owned, unclaimed = {"incident_id": None}, {"incident_id": None, "owner": None}
        return [("owned", owned), ("unclaimed", unclaimed), ("incident", incident)]
    if template == "claimed_notice":
        return [
            ("one", {}),
            ("several", {"several": True, "matter": "幸福路23号门口路灯坏了三天"}),
        ]
    if template == "stale_button":
        reasons = ("in_ticket", "no_longer_open", "ticket_status", "filed")
        return [("", {}), *((r, {"reason": r}) for r in reasons)]
    if template == "refused":
        reasons = ["illegal_move", "unknown_priority", "unknown_category", "unknown_department"]
        reasons += ["not_department_staff", "no_staff", "accused", "confidential"]
        reasons += ["confidential_in_group"]  # bot/supervised.py: read in private only
        reasons += ["confidential_template"]  # bot/proposals.py: never a template
        missing = {"reason": "form_incomplete", "missing": ["department", "summary", "suggested"]}
        empty = [(f, {"reason": "empty_text", "field": f}) for f in ("summary", "return_reason")]
        used = [  # a picker pressed once the ticket moved on (bot/errors.py PickerUsed)
            ("picker_used_owner", {"reason": "picker_used"}),
            ("picker_used_nobody", {"reason": "picker_used", "owner": None}),
            ("picker_used_priority", {"reason": "picker_used", "priority": "high"}),
            ("handoff_over", {"reason": "handoff_over"}),  # bot/guards.py
        ]
        named = [(r, {"reason": r}) for r in reasons]
        return [*named, ("form_incomplete", missing), *empty, *used]
    if template == "staff_help":  # what works where, per role; a command that does not exist
        keys = {"priorities": ["normal", "high", "urgent"]}
        roles = [(r, {"role": r, **keys}) for r in ("officer", "supervisor", "management")]
        return [*roles, ("unknown", {"role": "officer", "unknown": "foo", **keys})]
    if template == "rated":  # a low rating: what went wrong asked (bot/intake/dissatisfied.py)
        return [("", {}), ("asks_why", {"asks_why": True})]
    if template == "low_rating":  # its words; the recurrence they opened
        said = {"score": 1, "said": "师傅修完灯还是不亮"}
        return [("", said), ("recurrence", {**said, "recurrence": 8})]
    if template == "written_at":  # before a message released late (bot/delivery.py)
        return [("", {"at": MONDAY_9AM})]
    if template == "staff_reply_numbered":
        return [("", {}), ("written_at", {"written_at": MONDAY_9AM, "numbered": False})]
    if template == "assigned_to_you":  # a recurrence said after a low rating, or a reply
        return [
            ("", {}),
            ("recurrence", {"recurrence_of": 5}),
            ("rated", {"recurrence_of": 5, "rated": 1}),
            ("said", {"recurrence_of": 5, "said": True}),
        ]
    if template == "reassigned_away":
        return [("reason", {}), ("no_reason", {"reason": ""})]
    if template == "claim_refused":  # a confidential complaint's Claim (bot/supervised.py)
        return [("", {}), ("confidential", {"owner": None, "confidential": True})]
    if template == "whose_matter":  # the tickets in hand offered beside a new matter
        asked = ("complaint", {"ticket_ids": [7], "complaint": True})  # bot/complaints.py
        return [("one", {"ticket_ids": [7]}), ("several", {}), asked]
    return [("", {})]


def _keys(settings: Settings, language: str) -> list[str]:
    """The keys no text may show. In English, the event keys that are English words (claim,
    confirm) are words of its prose: there /ticket N's lines are checked one by one instead
    (`_history_lines`)."""
    names = configured_names(settings)
    events = [str(k) for k in EVENTS if language != "en" or "_" in str(k)]
    return sorted({*names["category"], *names["priority"], *names["department"], *events})


def _history_lines(text: str) -> list[str]:
    """What each event line of /ticket N says happened: the words after its time."""
    return re.findall(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} ([^(\n(]*)", text, re.MULTILINE)


def _bare(key: str, text: str) -> bool:
    """`key` as a word of its own (not inside a word, nor a command such as /transfer).
    ASCII boundaries: Python's \\w counts Chinese characters as word characters."""
    return re.search(rf"(?<![A-Za-z0-9_/]){re.escape(key)}(?![A-Za-z0-9_])", text) is not None


def _covered() -> list[str]:
    """Every template kind: those of the first language, which each language ships."""
    kinds = [sorted(p.stem for p in (TEMPLATES / language).glob("*.j2")) for language in LANGUAGES]
    assert all(k == kinds[0] for k in kinds) and len(kinds[0]) > 50
    return kinds[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_template_shows_a_configured_key_or_an_event_key(
    settings: Settings, language: str
) -> None:
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}
    keys = _keys(settings, language)
    rendered = 0
    for template in _covered():
        for variant, extra in _variants(template):
            values = {**_values(statuses), **extra}
            if template == "ticket_history":
                values = _history(statuses)
            if template == "statuses":
                values = {"status": "claimed"}
            text = texts.render(template, language, **values)
            rendered += 1
            if (template, variant) in TYPED:
                continue
            shown = [key for key in keys if _bare(key, text)]
            if template == "ticket_history":
                said = _history_lines(text)
                # every event, a handoff step, an incident left, every message
                assert len(said) == len(EVENTS) + 15
                shown += [line for line in said if line.strip() in {str(k) for k in EVENTS}]
            assert not shown, f"{language}/{template} {variant}: {shown} in {text!r}"
    assert rendered > 80


@pytest.mark.parametrize("language", LANGUAGES)
def test_keys_become_the_configured_names_of_the_language(
    settings: Settings, language: str
) -> None:
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    alert = texts.render(
        "alert_keyword",
        language,
        ticket_id=7,
        words=["停水"],
        priority="high",
        category="fault_report",
        question="停水了",
        owner_name=None,
        owner_staff_number=None,
    )
    surge = texts.render(
        "alert_surge",
        language,
        incident_id=3,
        ticket_ids=[1, 2, 3, 4, 5],
        category="fault_report",
        summary="停水",
    )
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}
    history = texts.render("ticket_history", language, **_history(statuses))
    expected = {
        "zh": (["紧急"], ["故障报修"], ["公用事业科", "认领", "关联群体性事件 #3", "[图片]"]),
        "en": (["High"], ["Fault report"], ["Utilities", "claimed", "incident #3", "[photo]"]),
    }[language]
    for text, names in zip((alert, surge, history), expected, strict=True):
        assert all(name in text for name in names), text


def test_a_name_already_given_and_an_unknown_key_pass_as_they_are(settings: Settings) -> None:
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    assert texts.name("priority", "urgent", "en") == "Urgent"
    assert texts.name("priority", "特急", "en") == "特急"  # a flow that passed the name
    assert texts.name("department", "nowhere", "zh") == "nowhere"
    assert texts.name("category", None, "zh") is None
    assert texts.name("category", "fault_report", "fr") == "故障报修"  # the default language


@pytest.mark.parametrize(
    ("language", "marked"),
    [
        ("zh", ["消息:", "诉求人:[图片] 合同", "诉求人:[联系人]", "诉求人:[视频消息]"]),
        (
            "en",
            ["Messages:", "requester: [photo] 合同", "requester: [contact]", "[video message]"],
        ),
    ],
)
def test_ticket_n_marks_each_kind_by_name_and_heads_no_empty_list(
    settings: Settings, language: str, marked: list[str]
) -> None:
    """A captioned photo is still a photo, a contact a contact; no heading over no messages."""
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}
    values = _history(statuses)
    values["messages"] = [
        MessageLine(MONDAY_9AM, "in", text, kind)
        for kind, text in [("photo", "合同"), ("contact", ""), ("video_note", "")]
    ]
    history = texts.render("ticket_history", language, **values)
    assert all(line in history for line in marked), history
    assert "其他消息" not in history and "other message" not in history
    values["messages"] = []
    empty = texts.render("ticket_history", language, **values)
    assert marked[0] not in empty and not empty.endswith("\n\n")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_wording_rendered_once_reads_as_rendered_each_time(
    settings: Settings, language: str
) -> None:
    """`render_fixed` (buttons' labels, statuses' names on every card) remembers each label
    in each language: asked in turns, every answer is the one `render` gives."""
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    other = "en" if language == "zh" else "zh"
    for key in ("claim", "accept", "solved", "human"):
        for asked in (language, other, language):
            fixed = texts.render_fixed("buttons", asked, key=key)
            assert fixed == texts.render("buttons", asked, key=key)
    for status in TicketStatus:
        fixed = texts.render_fixed("statuses", language, status=status.value)
        assert fixed == texts.render("statuses", language, status=status.value)
    assert texts.render_fixed("buttons", "zh", key="claim") != texts.render_fixed(
        "buttons", "en", key="claim"
    )


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "zh",
            [
                "首问经过:",
                "· 诉求人:路灯坏了",
                "· 机器人提供选项:路灯坏了找谁修(诉求人否定了这些选项)",
                "· 诉求人表示所给的选项都不符合",
                "· 机器人答复:水管漏水了;请其提供:地址",
                "· 机器人答复:停水(诉求人表示没有解决)",
                "· 机器人未发送匹配到的答复:暖气不热(家中有需要照顾的人受冻:不先给自助建议,"
                "只告知工单特急处理、工作人员会联系上门)",
                "· 诉求人要求转人工",
                "· 孙伟 发布群体性事件 #3 的进展(开单后,发给该事件全部诉求人):已到场",
                "2026-11-30 09:00 孙伟 向群体性事件 #3 的全部诉求人发布进展:维修人员已到场",
                "2026-11-30 09:00 工作人员(公用事业科)就转办单提问(诉求人看不到):收入证明?",
                "2026-11-30 09:00 工作人员 就转办单答复公用事业科(诉求人看不到):已提交",
                "2026-11-30 09:00 诉求人撤回(王芳)",
            ],
        ),
        (
            "en",
            [
                "First inquiry:",
                "· Requester: 路灯坏了",
                "· Bot offered: 路灯坏了找谁修 (the requester rejected these)",
                "· Requester: none of the suggested answers fitted",
                "· Bot answered: 水管漏水了; asked for: 地址",
                "· Bot answered: 停水 (the requester said it did not solve it)",
                "· Bot withheld the matched answer: 暖气不热 (a vulnerable person is in a cold"
                " home: no self-help advice; told only that the ticket is top priority and an"
                " officer will call and visit)",
                "· Requester asked for a person",
                "· 孙伟 posted an update on incident #3 (after the ticket opened, to all its"
                " requesters): 已到场",
                "2026-11-30 09:00 孙伟 posted an update on incident #3 to all its requesters:"
                " 维修人员已到场",
                "2026-11-30 09:00 staff (Utilities) asked about the handoff (not seen by the"
                " requester): 收入证明?",
                "2026-11-30 09:00 staff answered Utilities about the handoff (not seen by the"
                " requester): 已提交",
                "2026-11-30 09:00 withdrawn by the requester (王芳)",
            ],
        ),
    ],
)
def test_ticket_n_shows_each_turn_and_an_incident_update_for_what_it_was(
    settings: Settings, language: str, lines: list[str]
) -> None:
    """Answers given, suggestions offered, those rejected, an incident's update: each says
    what it was (issue 14), none as a reply of its poster's to the requester."""
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}
    history = texts.render("ticket_history", language, **_history(statuses)).split("\n")
    assert all(line in history for line in lines), history


@pytest.mark.parametrize("language", LANGUAGES)
def test_ticket_n_shows_no_default_stored_in_another_language(
    settings: Settings, language: str
) -> None:
    """/ticket N of a log written by earlier versions, which stored English defaults as the
    reason of an assignment made without one and of the "not solved" button ("指派 孙伟 负
    责:assigned by a supervisor"): each event worded by the template alone; a Chinese record's
    event lines hold no English word, those of every kind of event included."""
    texts = Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}
    values = _history(statuses)
    legacy = {str(Action.ASSIGN): "assigned by a supervisor", str(Action.REOPEN): "not solved"}
    values["events"] = [
        *values["events"],
        *(
            {
                "at": MONDAY_9AM,
                "kind": kind,
                "who": "周科长",
                "data": {"reason": reason},
                "owner": "孙伟",
            }
            for kind, reason in legacy.items()
        ),
        {
            "at": MONDAY_9AM,
            "kind": str(Action.ASSIGN),
            "who": "周科长",
            "data": {},
            "owner": "孙伟",
        },
    ]
    history = texts.render("ticket_history", language, **values)
    assert not [r for r in legacy.values() if r in history.replace("is not solved", "")]
    if language == "zh":
        lines = _history_lines(history)
        assert not [line for line in lines if re.search(r"[A-Za-z]{2,}", line)], lines


def test_no_template_calls_a_chat_user_a_caller() -> None:
    """The requester writes in a chat, never calls: "诉求人" (a requester), never "诉求人" (a
    caller), in every template (issue 14, a fresh tester)."""
    callers = [p.name for p in (TEMPLATES / "zh").glob("*.j2") if "来电人" in p.read_text()]
    assert not callers, callers
