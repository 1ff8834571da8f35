"""The user's standalone records: contacts, reminders, tags, saved jobs and the activity log."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from accounts.models import User
from careerhub.selectors import get_or_404
from tracker.models import ActivityLog, Contact, Reminder, SavedJob, Tag


def contact_list(*, user: User) -> QuerySet[Contact]:
    return Contact.objects.filter(user=user).order_by("name", "id")


def reminder_list(*, user: User) -> QuerySet[Reminder]:
    return Reminder.objects.filter(user=user).order_by("remind_at", "id")


def reminder_upcoming_list(*, user: User) -> QuerySet[Reminder]:
    """Incomplete reminders: the ones still ahead first (soonest first), then the overdue ones."""
    now = timezone.now()
    return (
        Reminder.objects.filter(user=user, is_completed=False)
        .annotate(_overdue=Case(When(remind_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("_overdue", "remind_at", "id")
    )


def tag_list(*, user: User) -> QuerySet[Tag]:
    return Tag.objects.filter(user=user).order_by("name", "id")


def tag_get(*, user: User, tag_id: UUID) -> Tag:
    return get_or_404(tag_list(user=user), detail="Tag not found.", pk=tag_id)


def saved_job_list(*, user: User) -> QuerySet[SavedJob]:
    return SavedJob.objects.filter(user=user).order_by("-created_at", "-id")


def activity_list(*, user: User) -> QuerySet[ActivityLog]:
    """The user's activity timeline, newest first (api.filters.ActivityFilter narrows it to one application)."""
    return ActivityLog.objects.filter(user=user).order_by("-created_at", "-id")
