"""Applications: create, update (with the seed's status auto-transitions), delete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.days import user_today
from accounts.models import User
from careerhub import events
from careerhub.selectors import get_or_404
from careerhub.services import model_update
from profiles.models import ResumeVersion
from tracker import events as tracker_events
from tracker.models import ActivityAction, Application, ApplicationStatus
from tracker.services.bookkeeping import activity_record, tracker_write_done

APPLICATION_FIELDS = (
    "company_name",
    "role_title",
    "url",
    "description",
    "location",
    "job_type",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "applied_source",
    "applied_date",
    "follow_up_date",
    "priority",
    "notes",
    "status",
    "resume_version_id",
)


def salary_range_check(low: int | None, high: int | None, *, high_field: str) -> None:
    if low is not None and high is not None and low > high:
        raise ValidationError({high_field: ["The maximum salary must be greater than or equal to the minimum."]})


def _resume_version_check(*, user: User, resume_version_id: UUID | None) -> None:
    if resume_version_id is not None:
        get_or_404(ResumeVersion.objects.filter(user=user), detail="Resume version not found.", pk=resume_version_id)


def _values(*, user: User, data: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: data[name] for name in APPLICATION_FIELDS if name in data}
    if "resume_version_id" in values:
        _resume_version_check(user=user, resume_version_id=values["resume_version_id"])
    return values


def application_status_set(*, user: User, application: Application, status: str, auto: bool) -> None:
    """Move an application to `status` and log it; the caller saves the row."""
    old_status = application.status
    if old_status == status:
        return
    application.status = status
    activity_record(
        user=user,
        application=application,
        action=ActivityAction.STATUS_CHANGED,
        description=f"Status changed from {old_status} to {status}" + (" automatically" if auto else ""),
        metadata={"old_status": old_status, "new_status": status, "auto": auto},
    )


def application_lock(*, application: Application) -> Application:
    """Re-read the application under a row lock, so concurrent status changes serialise."""
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_create(
    *, user: User, data: Mapping[str, Any], origin: str = "api", extra_metadata: dict[str, Any] | None = None
) -> Application:
    """Create an application. Created as `Applied` without a date → applied today."""
    values = _values(user=user, data=data)
    values.setdefault("status", ApplicationStatus.SAVED)
    if values["status"] == ApplicationStatus.APPLIED and not values.get("applied_date"):
        values["applied_date"] = user_today(user)
    salary_range_check(values.get("salary_min"), values.get("salary_max"), high_field="salary_max")
    application = Application.objects.create(user=user, **values)
    activity_record(
        user=user,
        application=application,
        action=ActivityAction.APPLICATION_CREATED,
        description=f"Added {application.role_title} at {application.company_name}",
        metadata={"status": application.status, "origin": origin, **(extra_metadata or {})},
    )
    tracker_write_done(user=user)
    events.emit(tracker_events.APPLICATION_CREATED, user_id=str(user.pk))
    return application


@transaction.atomic
def application_update(*, user: User, application: Application, data: Mapping[str, Any]) -> Application:
    """Update only the fields sent. `Saved` → `Applied` sets applied_date to today unless one is set."""
    application = application_lock(application=application)
    values = _values(user=user, data=data)
    new_status = values.pop("status", application.status)
    salary_range_check(
        values.get("salary_min", application.salary_min),
        values.get("salary_max", application.salary_max),
        high_field="salary_max",
    )
    # Saved with the status and the automatic applied date below, in one write.
    changed = model_update(instance=application, fields=APPLICATION_FIELDS, data=values, save=False)
    if (
        application.status == ApplicationStatus.SAVED
        and new_status == ApplicationStatus.APPLIED
        and application.applied_date is None
    ):
        application.applied_date = user_today(user)
    application_status_set(user=user, application=application, status=new_status, auto=False)
    application.save()
    if changed:
        activity_record(
            user=user,
            application=application,
            action=ActivityAction.APPLICATION_UPDATED,
            description=f"Updated {', '.join(sorted(changed))}",
            metadata={"fields": sorted(changed)},
        )
    tracker_write_done(user=user)
    return application


@transaction.atomic
def application_delete(*, user: User, application: Application) -> None:
    """Delete with everything hanging off it (stages, outcome, reflection, documents, contacts,
    reminders, tag assignments, activity entries) in one transaction."""
    application.delete()
    tracker_write_done(user=user)
