"""What goes into a user's calendar: reminders, dated interview stages, offer deadlines and
follow-up dates, from FEED_PAST_DAYS ago onwards (so today's events do not vanish at once)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from accounts.models import User
from careerhub.keyed_hash import keyed_hash_candidates
from careerhub.selectors import get_or_404
from tracker.ical import CalendarEvent, uid
from tracker.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    CalendarFeed,
    Outcome,
    OutcomeStatus,
    Reminder,
)

FEED_PAST_DAYS = 30
REMINDER_MINUTES = 15
STAGE_MINUTES = 60
OPEN_STATUSES = (
    ApplicationStatus.SAVED,
    ApplicationStatus.APPLIED,
    ApplicationStatus.INTERVIEWING,
    ApplicationStatus.OFFER,
)


def _job(application: Application) -> str:
    return f"{application.role_title} at {application.company_name}"


def _lines(*parts: str | None) -> str:
    return "\n".join(part for part in parts if part)


def reminder_event(reminder: Reminder) -> CalendarEvent:
    return CalendarEvent(
        uid=uid("reminder", reminder.pk),
        summary=reminder.title,
        start=reminder.remind_at,
        stamp=reminder.updated_at,
        description=_lines(
            reminder.description,
            f"Application: {_job(reminder.application)}" if reminder.application_id else None,
        ),
        minutes=REMINDER_MINUTES,
        alarm=True,
        categories=reminder.reminder_type,
    )


def stage_event(stage: ApplicationStage) -> CalendarEvent:
    return CalendarEvent(
        uid=uid("stage", stage.pk),
        summary=f"{stage.stage_name}: {_job(stage.application)}",
        # A stage with a time (an invitation read by the inbox, or set by the user) is a timed event.
        start=stage.scheduled_at or stage.stage_date,
        stamp=stage.updated_at,
        description=_lines(
            f"Type: {stage.stage_type}" if stage.stage_type else None,
            f"Interviewers: {stage.interviewer_names}" if stage.interviewer_names else None,
            f"Duration: {stage.duration_minutes} minutes" if stage.duration_minutes else None,
            stage.prep_notes,
        ),
        minutes=stage.duration_minutes or STAGE_MINUTES,
        categories="Interview",
    )


def _offer_deadline_event(outcome: Outcome) -> CalendarEvent:
    return CalendarEvent(
        uid=uid("offer-deadline", outcome.pk),
        summary=f"Offer deadline: {_job(outcome.application)}",
        start=outcome.deadline,
        stamp=outcome.updated_at,
        description=_lines(f"Salary: {outcome.salary} {outcome.salary_currency}" if outcome.salary else None, outcome.notes),
        categories="Deadline",
    )


def _follow_up_event(application: Application) -> CalendarEvent:
    return CalendarEvent(
        uid=uid("follow-up", application.pk),
        summary=f"Follow up: {_job(application)}",
        start=application.follow_up_date,
        stamp=application.updated_at,
        description=_lines(f"Status: {application.status}", application.url),
        categories="Follow-up",
    )


def calendar_event_list(*, user: User) -> list[CalendarEvent]:
    """Four queries, one per kind of event; sorted by start."""
    since = timezone.localdate() - timedelta(days=FEED_PAST_DAYS)
    since_moment = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = [
        *map(
            reminder_event,
            Reminder.objects.filter(user=user, is_completed=False, remind_at__gte=since_moment).select_related("application"),
        ),
        *map(
            stage_event,
            ApplicationStage.objects.filter(
                application__user=user, stage_date__isnull=False, stage_date__gte=since
            ).select_related("application"),
        ),
        *map(
            _offer_deadline_event,
            Outcome.objects.filter(
                application__user=user, status=OutcomeStatus.OFFER, deadline__isnull=False, deadline__gte=since
            ).select_related("application"),
        ),
        *map(
            _follow_up_event,
            Application.objects.filter(
                user=user, status__in=OPEN_STATUSES, follow_up_date__isnull=False, follow_up_date__gte=since
            ),
        ),
    ]

    zone = timezone.get_current_timezone()

    def start_key(event: CalendarEvent) -> tuple[datetime, str]:
        start = event.start
        moment = start if isinstance(start, datetime) else datetime.combine(start, time.min, tzinfo=zone)
        return moment, event.uid

    return sorted(events, key=start_key)


def calendar_feed_user_get(*, token: str) -> User:
    """The owner of a feed token; an unknown or rotated-away token (or a deactivated owner) is simply not found.

    Looked up by its keyed hash, under SECRET_KEY or any of SECRET_KEY_FALLBACKS (careerhub.keyed_hash).
    """
    feed = get_or_404(
        CalendarFeed.objects.filter(user__is_active=True).select_related("user"),
        detail="Calendar feed not found.",
        token_hash__in=keyed_hash_candidates(token, purpose=CalendarFeed.TOKEN_PURPOSE),
    )
    return feed.user


def calendar_reminder_list(*, user: User) -> QuerySet[Reminder]:
    """The user's reminders with their application, which a reminder's event names."""
    return Reminder.objects.filter(user=user).select_related("application").order_by("remind_at", "id")


def stage_with_date(*, stage: ApplicationStage) -> ApplicationStage:
    """A stage for a one-off .ics download; without a date there is nothing to put in a calendar."""
    if stage.stage_date is None:
        raise ValidationError({"stage_date": ["This stage has no date to put in a calendar."]})
    return stage
