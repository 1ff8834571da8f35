"""The user's standalone records: contacts, reminders, tags, saved jobs and the activity log."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from rest_framework.exceptions import NotFound

from accounts.models import User
from tracker.models import ActivityLog, Contact, Reminder, SavedJob, Tag


def contacts_for(*, user: User) -> QuerySet[Contact]:
    return Contact.objects.filter(user=user).order_by("name", "id")


def contact_get(*, user: User, contact_id: UUID) -> Contact:
    contact = contacts_for(user=user).filter(pk=contact_id).first()
    if contact is None:
        raise NotFound("Contact not found.")
    return contact


def reminders_for(*, user: User) -> QuerySet[Reminder]:
    return Reminder.objects.filter(user=user).order_by("remind_at", "id")


def reminders_upcoming(*, user: User) -> QuerySet[Reminder]:
    """Incomplete reminders: the ones still ahead first (soonest first), then the overdue ones."""
    now = timezone.now()
    return (
        Reminder.objects.filter(user=user, is_completed=False)
        .annotate(_overdue=Case(When(remind_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("_overdue", "remind_at", "id")
    )


def reminder_get(*, user: User, reminder_id: UUID) -> Reminder:
    reminder = reminders_for(user=user).filter(pk=reminder_id).select_related("application").first()
    if reminder is None:
        raise NotFound("Reminder not found.")
    return reminder


def tags_for(*, user: User) -> QuerySet[Tag]:
    return Tag.objects.filter(user=user).order_by("name", "id")


def tag_get(*, user: User, tag_id: UUID) -> Tag:
    tag = tags_for(user=user).filter(pk=tag_id).first()
    if tag is None:
        raise NotFound("Tag not found.")
    return tag


def saved_jobs_for(*, user: User) -> QuerySet[SavedJob]:
    return SavedJob.objects.filter(user=user).order_by("-created_at", "-id")


def saved_job_get(*, user: User, saved_job_id: UUID) -> SavedJob:
    saved_job = saved_jobs_for(user=user).filter(pk=saved_job_id).first()
    if saved_job is None:
        raise NotFound("Saved job not found.")
    return saved_job


def activity_for(*, user: User) -> QuerySet[ActivityLog]:
    """The user's activity timeline, newest first (filters.ActivityFilter narrows it to one application)."""
    return ActivityLog.objects.filter(user=user).order_by("-created_at", "-id")
