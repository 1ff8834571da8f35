"""Jobs a user pasted in (seed 004 "User-Submitted Jobs")."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from jobs.matching.features import job_feature_values, job_feature_values_of
from jobs.matching.services import match_score_one
from jobs.models import Job, JobSource

# Fields a user may set on their own job (canonical values; the serializer maps seed 004's spelling).
USER_JOB_FIELDS = (
    "title", "company", "description", "url", "location", "remote_type", "job_type", "salary_min", "salary_max",
    "salary_currency", "tags", "eligible_regions", "visa_sponsorship",
)
DUPLICATE_MESSAGE = "You have already added this job (same company and title)."
# Fields the matching features are computed from.
FEATURE_SOURCES = frozenset(
    {"title", "company", "description", "tags", "location", "remote_type", "job_type", "eligible_regions", "visa_sponsorship"}
)


def _check_not_duplicate(*, user: Any, company: str, title: str, exclude_id: int | None = None) -> None:
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


def user_job_create(*, user: Any, title: str, description: str, **fields: Any) -> Job:
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


def user_job_update(*, job: Job, **fields: Any) -> Job:
    """Partial update: only the fields given change; null clears an optional field."""
    changed: dict = {}
    for name in USER_JOB_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if value is None and name in {"title", "description"}:
            raise ValidationError({name: ["This field may not be null."]})
        if value is None:
            value = {"company": "", "url": "", "location": "", "salary_currency": "", "tags": [], "eligible_regions": []}.get(name)
        changed[name] = value
    if not changed:
        return job
    _check_salary_range(changed.get("salary_min", job.salary_min), changed.get("salary_max", job.salary_max))
    if "title" in changed or "company" in changed:
        _check_not_duplicate(
            user=job.owner, company=changed.get("company", job.company), title=changed.get("title", job.title), exclude_id=job.pk
        )
    for name, value in changed.items():
        setattr(job, name, value)
    if FEATURE_SOURCES & changed.keys():
        features = job_feature_values_of(job)
        for name, value in features.items():
            setattr(job, name, value)
        changed.update(features)
    try:
        with transaction.atomic():
            job.save(update_fields=[*changed, "updated_at"])
            # The owner's match follows the job (its status and generated texts stay).
            match_score_one(user_id=job.owner_id, job=job)
    except IntegrityError:
        raise ValidationError(DUPLICATE_MESSAGE, code="duplicate_job") from None
    return job


def user_job_delete(*, job: Job) -> None:
    """The job and the user's match for it go together (the match cascades)."""
    job.delete()
