"""Saved jobs: bookmarks that can be promoted to an application exactly once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from careerhub.api.errors import Conflict
from careerhub.selectors import get_or_404
from careerhub.services import model_update
from tracker.models import ActivityAction, Application, ApplicationStatus, SavedJob, SavedJobStatus, Source
from tracker.services.applications import application_create, salary_range_check
from tracker.services.bookkeeping import activity_record, tracker_write_done

SAVED_JOB_FIELDS = (
    "company_name",
    "role_title",
    "url",
    "company_website",
    "location",
    "job_type",
    "work_mode",
    "salary_range_min",
    "salary_range_max",
    "salary_currency",
    "priority",
    "source",
    "notes",
    "deadline",
    "excitement_level",
)
# An update may also move the status (within SETTABLE_STATUSES, see _status_check).
SAVED_JOB_UPDATE_FIELDS = (*SAVED_JOB_FIELDS, "status")
SETTABLE_STATUSES = (SavedJobStatus.ACTIVE, SavedJobStatus.ARCHIVED)
_SOURCES_BY_LOWER = {value.lower(): value for value in Source.values}


@transaction.atomic
def saved_job_create(*, user: User, data: Mapping[str, Any]) -> SavedJob:
    values = {name: data[name] for name in SAVED_JOB_FIELDS if name in data}
    salary_range_check(values.get("salary_range_min"), values.get("salary_range_max"), high_field="salary_range_max")
    saved_job = SavedJob.objects.create(user=user, **values)
    activity_record(
        user=user,
        action=ActivityAction.SAVED_JOB_ADDED,
        description=f"Saved {saved_job.role_title or 'a job'} at {saved_job.company_name}",
        metadata={"saved_job_id": str(saved_job.pk)},
    )
    tracker_write_done(user=user)
    return saved_job


def _status_check(saved_job: SavedJob, status: str) -> None:
    """Status may be set to Active or Archived only; Converted is reached through saved_job_convert
    and never left."""
    if status == saved_job.status:
        return
    if status not in SETTABLE_STATUSES:
        raise ValidationError({"status": ["Status may only be set to Active or Archived; use /convert to convert."]})
    if saved_job.status == SavedJobStatus.CONVERTED:
        raise ValidationError({"status": ["This saved job has been converted; its status can no longer change."]})


@transaction.atomic
def saved_job_update(*, user: User, saved_job: SavedJob, data: Mapping[str, Any]) -> SavedJob:
    """Update the fields sent (see _status_check for the status)."""
    saved_job = SavedJob.objects.select_for_update().get(pk=saved_job.pk)
    if "status" in data:
        _status_check(saved_job, data["status"])
    salary_range_check(
        data.get("salary_range_min", saved_job.salary_range_min),
        data.get("salary_range_max", saved_job.salary_range_max),
        high_field="salary_range_max",
    )
    model_update(instance=saved_job, fields=SAVED_JOB_UPDATE_FIELDS, data=data)
    tracker_write_done(user=user)
    return saved_job


@transaction.atomic
def saved_job_delete(*, user: User, saved_job: SavedJob) -> None:
    saved_job.delete()
    tracker_write_done(user=user)


def _notes_with_carried_over(saved_job: SavedJob, *, source_mapped: bool) -> str | None:
    """The saved job's notes, plus a line for what the application has no field for.

    A free-text source that is not a Source value, the deadline, the excitement level and the
    company website would otherwise be lost on conversion; only the values that are set are
    written, so a saved job without them converts to exactly its own notes.
    """
    carried = []
    source = (saved_job.source or "").strip()
    if source and not source_mapped:
        carried.append(f"source {source}")
    if saved_job.deadline is not None:
        carried.append(f"deadline {saved_job.deadline.isoformat()}")
    if saved_job.excitement_level is not None:
        carried.append(f"excitement {saved_job.excitement_level}/5")
    if saved_job.company_website and saved_job.company_website.strip():
        carried.append(f"website {saved_job.company_website.strip()}")
    if not carried:
        return saved_job.notes
    line = "From saved job: " + " · ".join(carried)
    return f"{saved_job.notes}\n\n{line}" if saved_job.notes else line


@transaction.atomic
def saved_job_convert(*, user: User, saved_job: SavedJob, data: Mapping[str, Any] | None = None) -> Application:
    """Promote a saved job to an application, all or nothing.

    The saved job's row is locked first, so of two concurrent converts the second waits and
    then finds it Converted (409, DESIGN §2): one saved job never yields two applications.
    `data` may carry the new application's `status` and `applied_date` (default: Saved).
    What the application has no field for is appended to its notes (_notes_with_carried_over).
    """
    locked = get_or_404(SavedJob.objects.select_for_update().filter(user=user), detail="Saved job not found.", pk=saved_job.pk)
    if locked.status == SavedJobStatus.CONVERTED:
        raise Conflict("This saved job has already been converted to an application.", code="already_converted")
    if not locked.role_title:
        raise ValidationError({"role_title": ["Give the saved job a role title before converting it."]})
    data = data or {}
    applied_source = _SOURCES_BY_LOWER.get((locked.source or "").strip().lower())
    application = application_create(
        user=user,
        data={
            "company_name": locked.company_name,
            "role_title": locked.role_title,
            "url": locked.url,
            "location": locked.location,
            "job_type": locked.job_type,
            "work_mode": locked.work_mode,
            "salary_min": locked.salary_range_min,
            "salary_max": locked.salary_range_max,
            "salary_currency": locked.salary_currency,
            "priority": locked.priority,
            "notes": _notes_with_carried_over(locked, source_mapped=applied_source is not None),
            "applied_source": applied_source,
            "status": data.get("status") or ApplicationStatus.SAVED,
            "applied_date": data.get("applied_date"),
        },
        origin="saved_job",
        extra_metadata={"saved_job_id": str(locked.pk)},
    )
    locked.status = SavedJobStatus.CONVERTED
    locked.converted_to_application = application
    locked.save(update_fields=["status", "converted_to_application", "updated_at"])
    return application

