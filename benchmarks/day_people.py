"""The people of a simulated service day (benchmarks/service_day.py): requesters, officers and
supervisors, each a coroutine acting through the emulation as a person would: they read what
the bot said in their chats and press its buttons or write back. They read the database only
to find their way (which ticket a topic is, whether a handoff was decided), never to measure.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.desk import Desk
from bot.models import Handoff, HandoffStatus, Ticket, TicketStatus
from emulator import kinds
from emulator.objects import Entry
from emulator.server import Emulator

TICKET_NUMBER = re.compile(r"#(\d+)")
INCIDENT = re.compile(r"/incident (\d+)")
QUIET = 0.3  # real seconds without a new message from the bot: it has said what it had to say
PATIENCE = 20.0  # real seconds a person waits for the bot before giving up on it


class DayClock:
    """The desk's clock on a compressed day: `speed` simulated seconds pass each real second
    from `start`. The bot reads it as its clock; the people sleep on it."""

    def __init__(self, start: datetime, speed: float) -> None:
        self.start, self.speed = start, speed
        self.began = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self.began) * self.speed)

    def minutes(self) -> float:
        """Simulated minutes since the day began."""
        return (time.monotonic() - self.began) * self.speed / 60

    async def sleep(self, minutes: float) -> None:
        await asyncio.sleep(max(0.0, minutes) * 60 / self.speed)

    async def until(self, minute: float) -> None:
        await self.sleep(minute - self.minutes())


def buttons(entry: Entry) -> list[str]:
    """The callback data of an entry's inline buttons, in order."""
    return [b.get("callback_data", "") for row in entry.buttons for b in row]


@dataclass
class Day:
    """What the people share: the emulation, the desk (to find their way), the clock, the
    configuration's staff, the random source, and the bot's messages as they arrived."""

    emulator: Emulator
    desk: Desk
    clock: DayClock
    chance: random.Random
    arrived: dict[int, list[tuple[float, Entry]]] = field(default_factory=dict)
    ending: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.emulator.world.watchers.append(self._seen)

    def _seen(self, chat_id: int, entry: Entry) -> None:
        self.arrived.setdefault(chat_id, []).append((time.monotonic(), entry))

    def said(self, chat_id: int) -> list[Entry]:
        """What the bot has said in a chat so far, in order (edits show in place)."""
        return [entry for _, entry in self.arrived.get(chat_id, [])]

    async def news(self, chat_id: int, seen: int, patience: float = PATIENCE) -> list[Entry]:
        """The bot's messages in a chat after the first `seen`, once it has said something and
        then nothing for QUIET seconds; [] after `patience` seconds of silence."""
        waited = 0.0
        while len(self.arrived.get(chat_id, [])) <= seen:
            if waited >= patience or self.ending.is_set():
                return []
            await asyncio.sleep(0.05)
            waited += 0.05
        count = -1
        while count != len(self.arrived[chat_id]):
            count = len(self.arrived[chat_id])
            await asyncio.sleep(QUIET)
        return self.said(chat_id)[seen:]

    async def press(self, user_id: int, chat_id: int, entry: Entry, data: str) -> None:
        await self.emulator.world.user_presses(user_id, chat_id, entry.message_id, data)

    async def ticket(self, ticket_id: int) -> Ticket | None:
        async with self.desk.sessions() as session:
            return await session.get(Ticket, ticket_id)

    async def handoffs(self, ticket_id: int) -> tuple[int, bool]:
        """How many handoffs the ticket has had, and whether the latest was decided
        (accepted or returned)."""
        async with self.desk.sessions() as session:
            forms = list(
                await session.scalars(
                    select(Handoff).where(Handoff.ticket_id == ticket_id).order_by(Handoff.id)
                )
            )
        return len(forms), bool(forms) and forms[-1].status is not HandoffStatus.PENDING


# --- requesters --------------------------------------------------------------------------------


@dataclass
class Requester:
    """One requester's day. persona: answerable, unanswerable, vague (opens with words that
    say nothing), photo (sends a photo first), outage (the burst), cluster (the questions no
    template covers), passed (the ticket passed around). What they saw is kept for the
    figures: when their first message went, whether they accepted an answer, their ticket."""

    user_id: int
    language: str
    persona: str
    question: str
    arrives: float  # simulated minutes into the day
    category: str | None = None  # the kind of matter they choose when asked
    first_sent: float | None = None
    accepted_answer: bool = False
    ticket_id: int | None = None


# Openers that say nothing yet (the bot asks what it is about).
OPENERS = {"zh": ["您好", "在吗?", "有人吗", "咨询一下"], "en": ["Hello", "Hi", "excuse me"]}
ADDITIONS = {
    "zh": "补充一下:具体在3号楼2单元门口。",
    "en": "One more detail: it is at building 3.",
}


async def send_photo(day: Day, user_id: int, caption: str = "") -> None:
    content = kinds.content(day.emulator.world, {"kind": "photo", "content": "jpeg"})
    if caption:
        content["caption"] = caption
    await day.emulator.world.user_sends_content(user_id, content)


async def requester_day(day: Day, person: Requester) -> None:
    """Arrive, ask, answer the bot's questions, follow the ticket to its end (or stop
    answering: some never rate the resolution, some never press "solved")."""
    world, chance, chat = day.emulator.world, day.chance, person.user_id
    await day.clock.until(person.arrives)
    if day.ending.is_set():
        return
    seen = len(day.said(chat))
    person.first_sent = time.monotonic()
    if person.persona == "vague":
        await world.user_sends(chat, chance.choice(OPENERS[person.language]))
    elif person.persona == "photo":
        await send_photo(day, chat)
    else:
        await world.user_sends(chat, person.question)
    for _ in range(6):
        news = await day.news(chat, seen)
        if not news:
            return
        seen += len(news)
        if not await _answer_the_bot(day, person, news):
            break
    if person.ticket_id is not None:
        await _follow_ticket(day, person, seen)


async def _answer_the_bot(day: Day, person: Requester, news: list[Entry]) -> bool:
    """React to what the bot just said; False once the intake is over (an answer taken or
    left, a ticket number given)."""
    world, chat = day.emulator.world, person.user_id
    for entry in news:
        found = TICKET_NUMBER.search(entry.text)
        if found and not any(b.startswith("rate:") for b in buttons(entry)):
            person.ticket_id = int(found.group(1))
            return False
    last = news[-1]
    data = buttons(last)
    wants_answer = person.persona == "answerable"
    if any(b.startswith("cat:") for b in data):
        choice = next((b for b in data if b == f"cat:{person.category}"), data[0])
        await day.press(chat, chat, last, choice)
    elif any(b.startswith("kb:") for b in data):
        pick = next(b for b in data if b.startswith("kb:")) if wants_answer else "human"
        await day.press(chat, chat, last, pick if pick in data else data[-1])
    elif "solved" in data:
        if not wants_answer:
            await day.press(chat, chat, last, "human")
            return True
        person.accepted_answer = True
        if day.chance.random() < 0.65:  # the others never answer "did this solve it?"
            await day.press(chat, chat, last, "solved")
        return False
    else:  # asked what it is about: they say it
        await world.user_sends(chat, person.question)
    return True


async def _follow_ticket(day: Day, person: Requester, seen: int) -> None:
    """Add a detail or a photo now and then; rate the resolution, say it is not solved, or
    never answer (the ticket then closes by itself)."""
    chance, chat = day.chance, person.user_id
    if person.persona == "photo" or chance.random() < 0.3:
        await day.clock.sleep(chance.uniform(3, 15))
        if person.persona == "photo":
            await send_photo(day, chat, ADDITIONS[person.language])
        else:
            await day.emulator.world.user_sends(chat, ADDITIONS[person.language])
    reopened = False
    while not day.ending.is_set():
        await asyncio.sleep(0.2)
        entries = day.said(chat)
        asked = [
            e
            for e in entries[seen:]
            if f"rate:{person.ticket_id}:5" in buttons(e)
            or f"reopen:{person.ticket_id}" in buttons(e)
        ]
        if not asked:
            continue
        seen = len(entries)
        roll = chance.random()
        await day.clock.sleep(chance.uniform(1, 10))
        if roll < 0.1 and not reopened:
            reopened = True
            await day.press(chat, chat, asked[-1], f"reopen:{person.ticket_id}")
            continue
        if roll < 0.75:
            stars = chance.choice([3, 4, 5, 5])
            await day.press(chat, chat, asked[-1], f"rate:{person.ticket_id}:{stars}")
        return  # the others never answer: closed by the timeout


# --- staff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manner:
    """How a department works, in simulated minutes: how soon its officers claim a card (and
    the share of cards nobody claims, left to a supervisor), reply, resolve; what it does
    with work handed to it (accept after a delay, or return it)."""

    claim: tuple[float, float]
    never_claims: float
    reply: tuple[float, float]
    resolve: tuple[float, float]
    transfers: float  # the share of its tickets it hands to another department
    returns_work: bool
    accept: tuple[float, float]


RETURN_REASON = "不属于本科室职责范围,请核实后转交对口部门。"
REPLIES = ("您好,您反映的问题已收到,正在为您核实办理。", "已联系相关单位,请耐心等候。")
SUMMARY = "已核实并安排办理,问题已解决。"


@dataclass
class Office:
    """The staff of the desk: each department's officers at work in their group, and a
    supervisor who assigns what nobody claimed and tells an incident's requesters."""

    day: Day
    manners: dict[str, Manner]
    passed: Callable[[], int | None]  # the planted ticket passed around, once it is known
    started: set[tuple[str, int]] = field(default_factory=set)
    incident_posts: dict[int, tuple[str, list[int]]] = field(default_factory=dict)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def spawn(self, work: Any) -> None:
        self.tasks.append(asyncio.create_task(work))

    def _once(self, *key: Any) -> bool:
        if key in self.started:
            return False
        self.started.add(key)  # type: ignore[arg-type]
        return True

    async def watch(self) -> None:
        """Every tenth of a real second: new cards, handoff forms, topics, escalations and
        surge alerts in the staff's chats."""
        settings = self.day.desk.settings
        supervision = [settings.management.chat_id] + [
            p.user_id for d in settings.departments for p in d.supervisors
        ]
        while not self.day.ending.is_set():
            for department in settings.departments:
                group = department.staff_group_chat_id
                for entry in self.day.said(group):
                    for data in buttons(entry):
                        action, _, number = data.partition(":")
                        if action == "claim" and self._once("card", int(number)):
                            self.spawn(self._claim(department.key, group, entry, int(number)))
                        elif action == "accept" and self._once("form", group, entry.message_id):
                            self.spawn(
                                self._decide_handoff(department.key, group, entry, int(number))
                            )
                for topic in list(self.day.emulator.world.chats[group].topics.values()):
                    found = TICKET_NUMBER.match(topic.name)
                    if found and self._once("topic", group, topic.thread_id):
                        self.spawn(
                            self._handle(
                                department.key, group, topic.thread_id, int(found.group(1))
                            )
                        )
            for chat in supervision:
                for entry in self.day.said(chat):
                    for data in buttons(entry):
                        if data.startswith("sv:a:") and self._once("assign", int(data[5:])):
                            self.spawn(self._assign(int(data[5:])))
                    incident = INCIDENT.search(entry.text)
                    if incident and self._once("incident", int(incident.group(1))):
                        self.spawn(self._tell_incident(int(incident.group(1))))
            await asyncio.sleep(0.1)

    def _officers(self, department: str) -> list[Any]:
        return list(self.day.desk.settings.department(department).officers)

    async def _claim(self, department: str, group: int, card: Entry, ticket_id: int) -> None:
        manner, chance = self.manners[department], self.day.chance
        await self.day.clock.sleep(chance.uniform(*manner.claim))
        if ticket_id != self.passed() and chance.random() < manner.never_claims:
            return  # nobody claims it: escalated, then a supervisor assigns it
        officer = chance.choice(self._officers(department))
        await self.day.press(officer.user_id, group, card, f"claim:{ticket_id}")

    async def _handle(self, department: str, group: int, thread: int, ticket_id: int) -> None:
        """The owner at work in the ticket's topic: a first reply, perhaps handoffs, the
        resolution (again, if the requester says it is not solved)."""
        day, manner, chance = self.day, self.manners[department], self.day.chance
        world = day.emulator.world
        ticket = await day.ticket(ticket_id)
        if ticket is None or ticket.owner_id is None or ticket.department_key != department:
            return
        owner = ticket.owner_id
        await day.clock.sleep(chance.uniform(*manner.reply))
        await world.user_sends(owner, chance.choice(REPLIES), group, thread)
        others = [d for d in self.manners if d != department]
        if ticket_id == self.passed():
            targets = [others[0], others[1], others[0]]  # passed around three times
        elif chance.random() < manner.transfers:
            targets = [chance.choice(others)]
        else:
            targets = []
        for target in targets:
            before, _ = await day.handoffs(ticket_id)
            await world.user_sends(
                owner, f"/transfer {target} 请协助核实办理 | 请现场核实后回复 | 1", group, thread
            )
            while not day.ending.is_set():  # until the receiving side accepts or returns it
                await day.clock.sleep(2)
                count, decided = await day.handoffs(ticket_id)
                if count > before and decided:
                    break
        reopened = ticket.reopen_count
        while not day.ending.is_set():
            await day.clock.sleep(chance.uniform(*manner.resolve))
            await world.user_sends(owner, f"/resolve {SUMMARY}", group, thread)
            # Said not solved: it comes back to the same owner, who resolves it again.
            while not day.ending.is_set():
                await day.clock.sleep(5)
                ticket = await day.ticket(ticket_id)
                if ticket is None or ticket.status is TicketStatus.CLOSED:
                    return
                if ticket.reopen_count > reopened:
                    reopened = ticket.reopen_count
                    break

    async def _decide_handoff(
        self, department: str, group: int, form: Entry, ticket_id: int
    ) -> None:
        manner, chance, world = self.manners[department], self.day.chance, self.day.emulator.world
        await self.day.clock.sleep(chance.uniform(*manner.accept))
        officer = chance.choice(self._officers(department))
        if manner.returns_work or ticket_id == self.passed():
            await world.user_sends(officer.user_id, f"/return {ticket_id} {RETURN_REASON}", group)
        else:
            await self.day.press(officer.user_id, group, form, f"accept:{ticket_id}")

    async def _assign(self, ticket_id: int) -> None:
        """A supervisor assigns a ticket nobody claimed to an officer of its department."""
        day = self.day
        await day.clock.sleep(day.chance.uniform(2, 6))
        ticket = await day.ticket(ticket_id)
        if ticket is None or ticket.owner_id is not None or ticket.status is not TicketStatus.OPEN:
            return
        department = day.desk.settings.department(ticket.department_key)
        supervisor = department.supervisors[0]
        officer = day.chance.choice(list(department.officers))
        await day.emulator.world.user_sends(
            supervisor.user_id,
            f"/assign {ticket_id} {officer.staff_number} 无人认领,指派办理",
            department.staff_group_chat_id,
        )

    async def _tell_incident(self, incident_id: int) -> None:
        """A supervisor tells every requester of an incident at once (the requesters linked
        at that moment are kept, to see whether each was reached)."""
        day = self.day
        await day.clock.sleep(day.chance.uniform(3, 8))
        async with day.desk.sessions() as session:
            linked = list(
                await session.scalars(
                    select(Ticket.id).where(
                        Ticket.incident_id == incident_id,
                        Ticket.status.in_(
                            [TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.TRANSFERRING]
                        ),
                    )
                )
            )
        text = f"抢修人员已到现场,预计两小时内恢复供电(事件 {incident_id})。"
        self.incident_posts[incident_id] = (text, linked)
        settings = day.desk.settings
        await day.emulator.world.user_sends(
            settings.management.user_ids[0],
            f"/incident {incident_id} {text}",
            settings.management.chat_id,
        )


def spread(chance: random.Random, count: int, start: float, end: float) -> Iterable[float]:
    """`count` arrival minutes in [start, end), in order."""
    return sorted(chance.uniform(start, end) for _ in range(count))
