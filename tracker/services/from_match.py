"""Applications created from a job match the user marked "applied" (event `jobs.match_applied`).

The jobs app sends everything needed in the event payload (tracker does not read jobs' tables).
Exactly one application per match: the user's row is locked while checking for one, and
`Application.source_match_id` is unique, so a redelivered or concurrent task finds the
application already there instead of adding a second.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from accounts.days import user_today
from accounts.models import User
from careerhub.vocabulary import EmploymentType, WorkMode
from tracker.models import Application, ApplicationStatus, Source
from tracker.services.applications import application_create

UNKNOWN_COMPANY = "Unknown company"
# The job fields of the event payload this service reads (anything else in it is ignored).
PAYLOAD_FIELDS = (
    "company", "title", "url", "location", "description", "salary_min", "salary_max", "salary_currency",
    "remote_type", "job_type", "applied_date", "posting_closed_at",
)


def _text(value: Any, limit: int) -> str | None:
    text = (value or "").strip() if isinstance(value, str) else ""
    return text[:limit] or None


def _salary(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _applied_date(value: Any, *, user: User) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return user_today(user)


@transaction.atomic
def application_create_from_match(
    *,
    user_id: UUID | str,
    match_id: UUID | str,
    company: str | None = None,
    title: str | None = None,
    url: str | None = None,
    location: str | None = None,
    description: str | None = None,
    salary_min: int | None = None,
    salary_max: int | None = None,
    salary_currency: str | None = None,
    remote_type: str | None = None,
    job_type: str | None = None,
    applied_date: str | None = None,
    posting_closed_at: str | None = None,
) -> Application | None:
    """The application for this match, created (status Applied, source Job Board) if it does not exist yet.

    None when the user no longer exists.
    """
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        return None
    existing = Application.objects.filter(source_match_id=match_id).first()
    if existing is not None:
        return existing
    low, high = _salary(salary_min), _salary(salary_max)
    if low is not None and high is not None and low > high:
        low, high = high, low
    link = _text(url, 500) if len(url or "") <= 500 else None  # a cut URL would be a broken one
    data: dict[str, Any] = {
        "company_name": _text(company, 255) or UNKNOWN_COMPANY,
        "role_title": _text(title, 255) or "Untitled position",
        "url": link,
        "location": _text(location, 255),
        "description": _text(description, 100_000),
        "job_type": job_type if job_type in EmploymentType.values else None,
        "work_mode": remote_type if remote_type in WorkMode.values else None,
        "salary_min": low,
        "salary_max": high,
        "applied_source": Source.JOB_BOARD,
        "applied_date": _applied_date(applied_date, user=user),
        "status": ApplicationStatus.APPLIED,
    }
    currency = _text(salary_currency, 3)
    if currency and len(currency) == 3:
        data["salary_currency"] = currency.upper()
    application = application_create(
        user=user, data=data, origin="job_match", extra_metadata={"match_id": str(match_id)}
    )
    application.source_match_id = match_id
    application.posting_closed_at = _moment(posting_closed_at)
    application.save(update_fields=["source_match_id", "posting_closed_at", "updated_at"])
    return application


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


@transaction.atomic
def applications_posting_closed_set(*, match_ids: list[str], closed_at: str | None) -> int:
    """Record on the applications made from these matches that their job posting closed (or reopened:
    `closed_at` None). Idempotent; returns how many applications it changed."""
    moment = _moment(closed_at)
    applications = Application.objects.filter(source_match_id__in=match_ids)
    if moment is None:
        return applications.exclude(posting_closed_at=None).update(posting_closed_at=None, updated_at=timezone.now())
    return applications.filter(posting_closed_at=None).update(posting_closed_at=moment, updated_at=timezone.now())
