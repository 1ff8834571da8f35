"""Jobs a user pasted in (seed 004 "User-Submitted Jobs")."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from careerhub.services import model_update
from jobs.matching.features import job_feature_values
from jobs.matching.services import match_score_one
from jobs.models import Job, JobSource

# Fields a user may set on their own job (canonical values; the serializer maps seed 004's spelling).
# jobs.api.serializers.user_jobs.UserJobInputSerializer declares exactly these (a test checks).
USER_JOB_FIELDS = (
    "title", "company", "description", "url", "location", "remote_type", "job_type", "salary_min", "salary_max",
    "salary_currency", "tags", "eligible_regions", "visa_sponsorship",
)
DUPLICATE_MESSAGE = "You have already added this job (same company and title)."
# Fields the matching features are computed from.
FEATURE_SOURCES = frozenset(
    {"title", "company", "description", "tags", "location", "remote_type", "job_type", "eligible_regions", "visa_sponsorship"}
)
# What null stores for an optional field (the others store null itself).
CLEARED = {"company": "", "url": "", "location": "", "salary_currency": "", "tags": [], "eligible_regions": []}


def _check_not_duplicate(*, user: User, company: str, title: str, exclude_id: int | None = None) -> None:
    duplicates = Job.objects.annotate(company_lower=Lower("company"), title_lower=Lower("title")).filter(
        owner=user, company_lower=(company or "").lower(), title_lower=title.lower()
    )
    if exclude_id is not None:
        duplicates = duplicates.exclude(pk=exclude_id)
    if duplicates.exists():
        raise ValidationError(DUPLICATE_MESSAGE, code="duplicate_job")


def _check_salary_range(salary_min: int | None, salary_max: int | None) -> None:
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        raise ValidationError({"salary_min": ["salary_min cannot be greater than salary_max."]})


def user_job_create(*, user: User, title: str, description: str, **fields: Any) -> Job:
    """Store the user's job and open their match for it, scored at once (seed 004: "creates a match with min_score=0")."""
    values = {name: fields[name] for name in USER_JOB_FIELDS if name in fields and fields[name] is not None}
    values.update(title=title, description=description)
    values["company"] = values.get("company") or ""
    values.update(
        job_feature_values(
            title=title,
            description=description,
            tags=values.get("tags") or [],
            company=values["company"],
            location=values.get("location") or "",
            remote_type=values.get("remote_type"),
            job_type=values.get("job_type"),
            eligible_regions=values.get("eligible_regions") or (),
            visa_sponsorship=values.get("visa_sponsorship"),
        )
    )
    _check_salary_range(values.get("salary_min"), values.get("salary_max"))
    _check_not_duplicate(user=user, company=values["company"], title=title)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                owner=user,
                source=JobSource.USER_SUBMITTED,
                source_id=uuid.uuid4().hex,
                scraped_at=timezone.now(),
                **values,
            )
            match_score_one(user_id=user.pk, job=job)
    except IntegrityError:
        # A concurrent request stored the same company + title first.
        raise ValidationError(DUPLICATE_MESSAGE, code="duplicate_job") from None
    return job


def _cleared(fields: dict[str, Any]) -> dict[str, Any]:
    """The given fields with null as each one stores it; title and description cannot be null."""
    values = {}
    for name in USER_JOB_FIELDS:
        if name not in fields:
            continue
        if fields[name] is None and name in {"title", "description"}:
            raise ValidationError({name: ["This field may not be null."]})
        values[name] = CLEARED.get(name) if fields[name] is None else fields[name]
    return values


def user_job_update(*, job: Job, **fields: Any) -> Job:
    """Partial update: only the fields given change; null clears an optional field.

    The matching features follow the text they are computed from, and the owner's match is
    rescored when anything changed (its status and generated texts stay).
    """
    values = _cleared(fields)
    current = {name: values.get(name, getattr(job, name)) for name in USER_JOB_FIELDS}
    _check_salary_range(current["salary_min"], current["salary_max"])
    if "title" in values or "company" in values:
        _check_not_duplicate(user=job.owner, company=current["company"], title=current["title"], exclude_id=job.pk)
    features = {}
    if FEATURE_SOURCES & values.keys():
        features = job_feature_values(
            title=current["title"],
            description=current["description"],
            tags=current["tags"] or [],
            company=current["company"],
            location=current["location"],
            remote_type=current["remote_type"],
            job_type=current["job_type"],
            eligible_regions=current["eligible_regions"] or (),
            visa_sponsorship=current["visa_sponsorship"],
        )
    try:
        with transaction.atomic():
            if model_update(instance=job, fields=[*USER_JOB_FIELDS, *features], data={**values, **features}):
                match_score_one(user_id=job.owner_id, job=job)
    except IntegrityError:
        raise ValidationError(DUPLICATE_MESSAGE, code="duplicate_job") from None
    return job


def user_job_delete(*, job: Job) -> None:
    """The job and the user's match for it go together (the match cascades)."""
    job.delete()
