"""Storing scraped postings: upsert by (source, source_id), and link the same posting seen on two boards."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.utils import timezone

from jobs.matching.features import job_feature_values
from jobs.models import Job
from jobs.normalize import dedupe_key, repost_key
from jobs.sources.base import Posting

logger = logging.getLogger(__name__)

# Fields a re-scrape overwrites; `duplicate_of` and `created_at` stay as first recorded.
SCRAPED_FIELDS = (
    "url", "title", "company", "description", "salary_min", "salary_max", "salary_currency", "location",
    "remote_type", "job_type", "tags", "eligible_regions", "visa_sponsorship", "posted_at", "raw_data",
    "source_attribution",
)


@dataclass
class IngestCounts:
    created: int = 0
    updated: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    # Jobs this run created (a scrape fans them out to every user: jobs.matching.fanout).
    created_ids: list[int] = field(default_factory=list)
    # Jobs that had closed and were listed again (jobs.services.closing tells the apps that care).
    reopened: list[int] = field(default_factory=list)


def _values(posting: Posting) -> dict:
    values = {name: getattr(posting, name) for name in SCRAPED_FIELDS}
    # The matching features follow the text they are computed from.
    values.update(
        job_feature_values(
            title=posting.title,
            description=posting.description,
            tags=posting.tags,
            company=posting.company,
            location=posting.location,
            remote_type=posting.remote_type,
            job_type=posting.job_type,
            eligible_regions=posting.eligible_regions,
            visa_sponsorship=posting.visa_sponsorship,
        )
    )
    return values


def _primary_for(*, source: str, key: str, seen_at: datetime) -> Job | None:
    """The first-seen listing of the same posting on another board, within the de-duplication window."""
    if not key:
        return None
    window_start = seen_at - timedelta(days=settings.JOB_DEDUPE_WINDOW_DAYS)
    return (
        Job.objects.filter(
            owner__isnull=True, duplicate_of__isnull=True, closed_at__isnull=True, dedupe_key=key, scraped_at__gte=window_start
        )
        .exclude(source=source)
        .order_by("id")
        .only("id")
        .first()
    )


def _earlier_listing(*, key: str, seen_at: datetime) -> Job | None:
    """The latest earlier listing of the same posting (company, title, place) seen within the repost window."""
    if not key:
        return None
    window_start = seen_at - timedelta(days=settings.JOB_REPOST_WINDOW_DAYS)
    return (
        Job.objects.filter(owner__isnull=True, duplicate_of__isnull=True, repost_key=key, last_seen_at__gte=window_start)
        .order_by("-first_seen_at", "-id")
        .only("id", "repost_count")
        .first()
    )


def _created(posting: Posting, values: dict, seen_at: datetime) -> Job:
    """A new row: a duplicate of the same posting open on another board, else maybe a repost of an earlier listing."""
    primary = _primary_for(source=posting.source, key=values["dedupe_key"], seen_at=seen_at)
    earlier = None if primary is not None else _earlier_listing(key=values["repost_key"], seen_at=seen_at)
    return Job.objects.create(
        source=posting.source,
        source_id=posting.source_id,
        duplicate_of=primary,
        repost_of=earlier,
        repost_count=earlier.repost_count + 1 if earlier is not None else 0,
        first_seen_at=seen_at,
        **values,
    )


def job_upsert_from_posting(*, posting: Posting, seen_at: datetime | None = None) -> tuple[Job, bool]:
    """Create or refresh the Job for a posting; returns (job, created). Re-scraping never duplicates.

    Being listed is being open: a refresh stamps `last_seen_at`, clears the count of complete
    listings that missed it, and reopens a job that had closed (the caller sees `closed_at` was set
    on the job it passed in through `job.reopened`).
    """
    seen_at = seen_at or timezone.now()
    values = {
        **_values(posting),
        "scraped_at": seen_at,
        "last_seen_at": seen_at,
        "missed_listings": 0,
        "closed_at": None,
        "dedupe_key": dedupe_key(posting.company, posting.title),
        "repost_key": repost_key(posting.company, posting.title, posting.location),
    }
    if posting.board:
        values["board"] = posting.board
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(source=posting.source, source_id=posting.source_id).first()
        if job is None:
            try:
                with transaction.atomic():
                    job = _created(posting, values, seen_at)
                job.reopened = False
                return job, True
            except IntegrityError:
                # Stored meanwhile by another writer: fall through to the update.
                job = Job.objects.select_for_update().get(source=posting.source, source_id=posting.source_id)
        reopened = job.closed_at is not None
        for name, value in values.items():
            setattr(job, name, value)
        job.save(update_fields=[*values, "updated_at"])
        job.reopened = reopened
        return job, False


def jobs_ingest(
    *, postings: Iterable[Posting], progress: Callable[[int], None] | None = None, seen_at: datetime | None = None
) -> IngestCounts:
    """Store every posting; one that fails is counted and logged, and the rest still go in."""
    counts = IngestCounts()
    seen_at = seen_at or timezone.now()
    for done, posting in enumerate(postings, start=1):
        try:
            job, created = job_upsert_from_posting(posting=posting, seen_at=seen_at)
        except OperationalError:
            raise  # the database itself is down: the whole run retries
        except (DatabaseError, ValueError) as exc:
            logger.warning("Could not store %s posting %s: %r", posting.source, posting.source_id, exc)
            counts.failed += 1
            counts.errors.append(f"{posting.source} {posting.source_id}: could not be stored ({type(exc).__name__})")
        else:
            if created:
                counts.created += 1
                counts.created_ids.append(job.pk)
            else:
                counts.updated += 1
            if job.reopened:
                counts.reopened.append(job.pk)
        if progress is not None:
            progress(done)
    return counts
