"""Who is staff: the directory from config, and its copy in the database."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Person, Settings
from bot.errors import NotFound
from bot.models import Department, Officer, StaffRole
from bot.written import written_in


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    department_key: str
    role: StaffRole
    name: str
    staff_number: str
    also_known_as: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name they go by: name, staff number, the other spellings configured."""
        return (self.name, self.staff_number, *self.also_known_as)

    def name_in(self, language: str) -> str:
        """Their name as a requester writing `language` reads it: the first of their name and
        its other spellings (`also_known_as`) written in that language ("Sun Wei": English,
        bot/written.py), else their name as configured."""
        return next(
            (n for n in (self.name, *self.also_known_as) if written_in(n, at_least=1) == language),
            self.name,
        )


class Directory:
    """Staff by Telegram user id, read from config (the only source of who is staff)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._members: dict[int, StaffMember] = {}
        self._management = {p.user_id: p for p in settings.management.people}
        for department in settings.departments:
            for role, people in (
                (StaffRole.OFFICER, department.officers),
                (StaffRole.SUPERVISOR, department.supervisors),
            ):
                for person in people:
                    self._members[person.user_id] = StaffMember(
                        person.user_id,
                        department.key,
                        role,
                        person.name,
                        person.staff_number,
                        tuple(person.also_known_as),
                    )
        # Each member's spellings folded once (`named_in` reads every requester's words):
        # names, then the staff number without its hyphen ("G0101").
        self._spellings = [
            (
                member,
                tuple(
                    spelling
                    for spelling in (
                        *(_folded(name) for name in member.names),
                        _folded(member.staff_number).replace(" ", ""),
                    )
                    if spelling
                ),
            )
            for member in self._members.values()
        ]
        self._shown_in = self._in_languages()  # `shown_in_languages`

    def get(self, user_id: int | None) -> StaffMember | None:
        return None if user_id is None else self._members.get(user_id)

    def is_supervisor(self, user_id: int, department_key: str | None = None) -> bool:
        member = self._members.get(user_id)
        return (
            member is not None
            and member.role is StaffRole.SUPERVISOR
            and department_key in (None, member.department_key)
        )

    def is_management(self, user_id: int) -> bool:
        return user_id in self._settings.management.user_ids

    def is_staff(self, user_id: int) -> bool:
        """Staff of a department (officers, supervisors) or management (configured apart, in
        no department): whoever the desk answers as staff, never as a requester."""
        return user_id in self._members or self.is_management(user_id)

    def supervisors_of(self, department_key: str) -> list[int]:
        return [
            m.user_id
            for m in self._members.values()
            if m.department_key == department_key and m.role is StaffRole.SUPERVISOR
        ]

    def officers_of(self, department_key: str) -> list[StaffMember]:
        """The officers (not supervisors) of a department, in configuration order."""
        return [
            m
            for m in self._members.values()
            if m.department_key == department_key and m.role is StaffRole.OFFICER
        ]

    def find(self, words: str) -> StaffMember | None:
        """A member named by Telegram user id, staff number or name (case-insensitive)."""
        wanted = words.strip().casefold()
        for member in self._members.values():
            if wanted in (
                str(member.user_id),
                member.staff_number.casefold(),
                member.name.casefold(),
            ):
                return member
        return None

    def named_in(self, text: str) -> list[StaffMember]:
        """The members of departments whose name, staff number or other spelling `text`
        names (case, spaces and the hyphen of "Li-Qiang" ignored; a staff number also
        without its hyphen, "G0101"), in configuration order."""
        folded = _folded(text)
        return [
            member
            for member, spellings in self._spellings
            # (a plain `in` first: most words name nobody, and it costs no regex)
            if any(spelling in folded and _said(spelling, folded) for spelling in spellings)
        ]

    def named(self, words: str) -> StaffMember:
        """The member `find` finds; NotFound (`no_staff`, naming the words) if none."""
        member = self.find(words)
        if member is None:
            raise NotFound(f"no staff member named {words!r}", "no_staff", name=words.strip())
        return member

    def shown_as(self, user_id: int | None) -> str | None:
        """How a member of staff is named (to requesters, and as the author of what they
        write on a ticket): name or staff number, per privacy config. Management are named
        too (issue 14: a manager's note read "- 的内部备注" and "机器人备注"): by the name
        `management.people` gives, else by their Telegram user id. None for anyone else."""
        member = self.get(user_id)
        if member is None:
            if user_id is None or not self.is_management(user_id):
                return None
            person = self._management.get(user_id)
            if person is None:
                return str(user_id)  # named all the same: whose words these are
            member = _managing(person)
        if self._settings.privacy.show_officer_as == "staff_number":
            return member.staff_number
        return member.name

    def shown_in_languages(self) -> dict[str, dict[str, str]]:
        """How each member of staff shown by name (`shown_as`: departments' and management's)
        is named in each supported language (`StaffMember.name_in`), by that name: what the
        wording's `staff_name` filter reads (bot/texts.py), so a requester reads staff named
        in their language. Empty when staff are shown by staff number, the same in any."""
        return self._shown_in

    def _in_languages(self) -> dict[str, dict[str, str]]:
        if self._settings.privacy.show_officer_as == "staff_number":
            return {}
        languages = self._settings.languages.supported
        named: dict[str, dict[str, str]] = {}
        for member in [
            *self._members.values(),
            *(_managing(p) for p in self._settings.management.people),
        ]:
            # Two of one name: the first's spellings (a name shown names one person).
            named.setdefault(member.name, {lang: member.name_in(lang) for lang in languages})
        return named


def _managing(person: Person) -> StaffMember:
    """A manager (`management.people`) as a member of staff, in no department."""
    return StaffMember(
        person.user_id,
        "",
        StaffRole.SUPERVISOR,
        person.name,
        person.staff_number,
        tuple(person.also_known_as),
    )


def _folded(text: str) -> str:
    """`text` casefolded, its spaces, hyphens and dots as one space ("Li-Qiang": "li qiang")."""
    return re.sub(r"[\s\-_.·]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _said(name: str, text: str) -> bool:
    """Whether the folded `name` is in the folded `text`: a word of Latin letters or digits
    whole ("Sun Wei", not in "sun weighed"), any other as it is."""
    if not name:
        return False
    return re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", text) is not None


async def sync_staff(*, session: AsyncSession, settings: Settings) -> None:
    """Make the departments and officers tables match config; people who left become inactive."""
    departments = {d.key: d for d in (await session.scalars(select(Department))).all()}
    for configured in settings.departments:
        row = departments.get(configured.key)
        if row is None:
            session.add(
                Department(key=configured.key, staff_group_chat_id=configured.staff_group_chat_id)
            )
        else:
            row.staff_group_chat_id = configured.staff_group_chat_id
    await session.flush()
    officers = {o.user_id: o for o in (await session.scalars(select(Officer))).all()}
    directory = Directory(settings)
    seen: set[int] = set()
    for configured in settings.departments:
        for person in [*configured.officers, *configured.supervisors]:
            member = directory.get(person.user_id)
            assert member is not None
            seen.add(person.user_id)
            officer = officers.get(person.user_id)
            if officer is None:
                officer = Officer(user_id=person.user_id)
                session.add(officer)
            officer.department_key = member.department_key
            officer.role = member.role
            officer.name = member.name
            officer.staff_number = member.staff_number
            officer.active = True
    for user_id, officer in officers.items():
        if user_id not in seen:
            officer.active = False
    await session.flush()
