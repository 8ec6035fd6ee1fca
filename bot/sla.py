"""Service levels: deadlines, escalation-ladder points and when a ticket next needs the sweep.
Who may act (the staff directory) is bot/staff.py's; bot/rules.py puts the two together."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import WorkingCalendar
from bot.config import EscalationStep, ServiceLevel, Settings
from bot.models import ACTIVE_STATUSES, DeadlineKind, Ticket, TicketStatus


def kept_promise(
    promised: datetime, from_start: datetime, from_now: datetime, now: datetime
) -> datetime:
    """The deadline a ticket keeps when its priority changes (a person was told `promised`).

    The new priority's deadline counts from when its clock started (`from_start`); if that is
    already past it counts from `now` (`from_now`). A deadline is never made later: the
    earlier of the one promised and the new one holds, whether the priority rose or fell. A
    deadline already missed stays missed (issue 14: moving it later hid the breach from the
    escalation and told the requester a new time as if none had passed; they hear it is
    overdue, with an apology, and the ladder runs on)."""
    new = from_start if from_start > now else from_now
    return min(promised, new)


class ServiceLevels:
    """The configured service levels (SPEC rules 5 and 8): deadlines by category and priority
    on the working calendar (built once), the escalation ladder, progress notices, the
    auto-close, and when each ticket next needs the sweep."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calendar = WorkingCalendar(settings.office_hours, settings.zone)
        self.ladder: list[EscalationStep] = list(settings.escalation.ladder)
        # The ladder step that is the deadline itself: passing it is a breach.
        self.deadline_step = [step.at for step in self.ladder].index(1.0)

    def level(self, ticket: Ticket) -> ServiceLevel:
        return self.settings.service_level(ticket.category, ticket.priority)

    def set_deadlines(self, ticket: Ticket) -> None:
        """(Re)compute the deadlines from the ticket's category and priority. Once someone
        has claimed it, its first-response deadline is history and stays as it was."""
        level = self.level(ticket)
        if ticket.claimed_at is None:
            ticket.first_response_due_at = self.calendar.deadline(
                ticket.opened_at, level, level.first_response
            )
        ticket.resolution_due_at = self.calendar.deadline(
            ticket.resolution_started_at, level, level.resolution
        )

    def change_deadlines(self, ticket: Ticket, now: datetime) -> None:
        """The deadlines after a change of priority (`kept_promise`): each still unmet one
        (the first response while nobody has claimed it, the resolution) is the earlier of
        the one promised and the new priority's; one already missed stays as it was."""
        level = self.level(ticket)
        if ticket.claimed_at is None:
            ticket.first_response_due_at = kept_promise(
                ticket.first_response_due_at,
                self.calendar.deadline(ticket.opened_at, level, level.first_response),
                self.calendar.deadline(now, level, level.first_response),
                now,
            )
        ticket.resolution_due_at = kept_promise(
            ticket.resolution_due_at,
            self.calendar.deadline(ticket.resolution_started_at, level, level.resolution),
            self.calendar.deadline(now, level, level.resolution),
            now,
        )

    def step_due_at(self, ticket: Ticket, deadline: DeadlineKind, step: int) -> datetime:
        """When ladder step `step` of `deadline` comes due for this ticket: the deadline the
        ticket holds is the step at 1.0 (it may differ from what its priority's span from the
        start gives, after a change of priority: `change_deadlines`); the other steps lie the
        same distance before or after it as on the span counted from the start."""
        level = self.level(ticket)
        fraction = self.ladder[step].at
        if deadline is DeadlineKind.FIRST_RESPONSE:
            start, span, held = (
                ticket.opened_at,
                level.first_response,
                ticket.first_response_due_at,
            )
        else:
            start, span, held = (
                ticket.resolution_started_at,
                level.resolution,
                ticket.resolution_due_at,
            )
        nominal = self.calendar.deadline(start, level, span)
        return held + (self.calendar.deadline(start, level, span, fraction) - nominal)

    def watched_deadline(self, ticket: Ticket) -> tuple[DeadlineKind, int] | None:
        """The deadline whose ladder runs now, and its next step, if any step remains: an
        open ticket's first response (its claim) while nobody owns it and its ladder has
        steps left, then its resolution's.

        A word to the requester before anyone claims it (an /incident update to the tickets
        of a mass incident, a question under its card) is their first response, as the
        figures count it (`bot.ledger.record_late_first_response`), but makes nobody its
        owner: the unclaimed ticket still escalates for its claim (SPEC: never without an
        owner after its claim deadline without an escalation)."""
        if ticket.status is TicketStatus.OPEN and ticket.first_response_steps < len(self.ladder):
            kind, done = DeadlineKind.FIRST_RESPONSE, ticket.first_response_steps
        elif ticket.status in (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.TRANSFERRING):
            kind, done = DeadlineKind.RESOLUTION, ticket.resolution_steps
        else:
            return None
        return (kind, done) if done < len(self.ladder) else None

    @property
    def notice_interval(self) -> timedelta:
        return self.settings.notices.interval

    def reminder_due_at(self, ticket: Ticket) -> datetime | None:
        """When the owner is asked for an update before the next notice, if still to be asked."""
        if (
            ticket.owner_id is None
            or ticket.next_notice_due_at is None
            or ticket.reminded_for_notice_at == ticket.next_notice_due_at
        ):
            return None
        return ticket.next_notice_due_at - self.settings.notices.owner_reminder_before

    def auto_close_at(self, ticket: Ticket) -> datetime | None:
        """When a resolution the requester has not answered closes (SPEC rule 10): the
        configured time after it; never once they were asked again (`asked_again`)."""
        if ticket.status is not TicketStatus.RESOLVED or ticket.resolved_at is None:
            return None
        if self.asked_again(ticket):
            return None
        return ticket.resolved_at + self.settings.closure.auto_close_after

    @staticmethod
    def asked_again(ticket: Ticket) -> bool:
        """Whether the requester answered this resolution with words neither "solved" nor
        "not solved" and was asked again (bot/closure.py `words_after_resolution_and_tell`):
        their silence after that is no confirmation, the ticket awaits their word and its
        owner follows it up (`follow_up_at`)."""
        asked, resolved = ticket.confirmation_asked_at, ticket.resolved_at
        return (
            ticket.status is TicketStatus.RESOLVED
            and asked is not None
            and resolved is not None
            and asked >= resolved
        )

    def follow_up_at(self, ticket: Ticket) -> datetime | None:
        """When the owner of a resolution asked again (`asked_again`) is reminded to follow
        the requester up: when it would have closed by itself, counted from the last asking;
        None once reminded for that asking (`reminded_for_notice_at` holds the instant: no
        notice is owed on a resolved ticket, the column is free)."""
        if not self.asked_again(ticket):
            return None
        assert ticket.confirmation_asked_at is not None
        due = ticket.confirmation_asked_at + self.settings.closure.auto_close_after
        return None if ticket.reminded_for_notice_at == due else due

    def next_check(self, ticket: Ticket) -> datetime | None:
        """The earliest instant at which something about the ticket is due; None if nothing."""
        candidates: list[datetime] = []
        watched = self.watched_deadline(ticket)
        if watched is not None:
            candidates.append(self.step_due_at(ticket, *watched))
        if ticket.status in ACTIVE_STATUSES and ticket.next_notice_due_at is not None:
            candidates.append(ticket.next_notice_due_at)
            reminder = self.reminder_due_at(ticket)
            if reminder is not None:
                candidates.append(reminder)
        for closing in (self.auto_close_at(ticket), self.follow_up_at(ticket)):
            if closing is not None:
                candidates.append(closing)
        return min(candidates, default=None)

    def reschedule(self, ticket: Ticket) -> None:
        ticket.next_check_at = self.next_check(ticket)

    def contacted(self, ticket: Ticket, now: datetime) -> None:
        """The requester just heard from the service: the notice clock starts again."""
        ticket.last_contact_at = now
        if ticket.status in ACTIVE_STATUSES:
            ticket.next_notice_due_at = now + self.notice_interval
        else:
            ticket.next_notice_due_at = None
