"""Recomputing the stored matching columns of existing jobs (`manage.py reextract_jobs`, and the
migration that introduced the eligibility columns).

Jobs are read in primary-key batches and written back with one `bulk_update` per batch, each in
its own transaction, so a run over a large table holds no long lock and can be interrupted and
started again (it recomputes from the job's own fields, so running it twice changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from jobs.matching.features import FEATURE_FIELDS, job_feature_values_of
from jobs.models import Job

REEXTRACT_BATCH_SIZE = 500
# The fields a job's features are recomputed from.
SOURCE_FIELDS = (
    "id", "title", "description", "tags", "company", "location", "remote_type", "job_type", "eligible_regions", "visa_sponsorship",
)


def jobs_reextract(
    *, batch_size: int = REEXTRACT_BATCH_SIZE, progress: Callable[[int, int], None] | None = None, queryset: object = None
) -> int:
    """Recompute every job's matching columns (skills, years, industries, eligibility); how many jobs were rewritten.

    `progress(done, total)` is called after each batch. `queryset` narrows the jobs (default: all).
    """
    jobs = (queryset if queryset is not None else Job.objects.all()).only(*SOURCE_FIELDS)
    total = jobs.count()
    done = 0
    last_id = 0
    while True:
        batch = list(jobs.filter(pk__gt=last_id).order_by("pk")[:batch_size])
        if not batch:
            break
        last_id = batch[-1].pk
        for job in batch:
            for name, value in job_feature_values_of(job).items():
                setattr(job, name, value)
        with transaction.atomic():
            Job.objects.bulk_update(batch, list(FEATURE_FIELDS))
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return done
