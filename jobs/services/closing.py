"""Closing the postings that left their board, and telling the apps that care (issue 18).

A board's listing is complete when the source read it to its end without an error
(jobs.sources.base.SourceBatch.complete_boards). A scraped job that a complete listing of its
board does not list has missed it; the second complete listing in a row that misses it closes it.
A listing that does list it resets the count and reopens it (jobs.services.ingest). A scrape that
failed, or a board with any error, says nothing about its jobs: it neither counts nor resets a miss.
User-submitted jobs belong to no board and never close by themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F, Q

from careerhub import events
from jobs.events import POSTINGS_CLOSED_CHANGED
from jobs.models import Job, Match
from jobs.sources.base import SourceBatch

logger = logging.getLogger(__name__)

# Complete listings in a row that must miss a job before it closes.
MISSES_TO_CLOSE = 2
# Match ids per event (the payload stays small whatever closes at once).
EVENT_BATCH_SIZE = 500


@dataclass
class ClosingCounts:
    missed: int = 0
    closed: int = 0


def _open_jobs_of_complete_boards(source: str, batch: SourceBatch) -> list[tuple[int, str, int]]:
    """(id, source_id, missed_listings) of the open scraped jobs whose board this run listed completely.

    A job stored before jobs knew their board (`board` empty) belongs to a complete listing only
    when every board the run read was complete.
    """
    complete = batch.complete_boards
    if not complete:
        return []
    boards = Q(board__in=complete)
    if complete >= set(batch.listings):
        boards |= Q(board="")
    return list(
        Job.objects.filter(boards, source=source, owner__isnull=True, closed_at__isnull=True)
        .values_list("id", "source_id", "missed_listings")
    )


def _promote_duplicates(closed_ids: list[int]) -> None:
    """The same posting still open on another board is listed in place of the one that closed."""
    duplicates = (
        Job.objects.filter(duplicate_of_id__in=closed_ids, closed_at__isnull=True)
        .order_by("duplicate_of_id", "id")
        .values_list("id", "duplicate_of_id")
    )
    new_primary: dict[int, int] = {}
    for job_id, old_primary in duplicates:
        if old_primary not in new_primary:
            new_primary[old_primary] = job_id
            Job.objects.filter(pk=job_id).update(duplicate_of=None)
        else:
            Job.objects.filter(pk=job_id).update(duplicate_of_id=new_primary[old_primary])


@transaction.atomic
def jobs_close_missing(*, source: str, batch: SourceBatch, seen_at: datetime) -> ClosingCounts:
    """Count a miss for every open job of `source` that a complete board listing left out; close those
    missed twice in a row (at `seen_at`). Run after the batch's postings were stored."""
    counts = ClosingCounts()
    if batch.unreachable:
        return counts
    listed: set[str] = set().union(*batch.listings.values()) if batch.listings else set()
    missing = [(job_id, missed) for job_id, source_id, missed in _open_jobs_of_complete_boards(source, batch) if source_id not in listed]
    closing = [job_id for job_id, missed in missing if missed + 1 >= MISSES_TO_CLOSE]
    first_miss = [job_id for job_id, missed in missing if missed + 1 < MISSES_TO_CLOSE]
    if first_miss:
        Job.objects.filter(pk__in=first_miss).update(missed_listings=F("missed_listings") + 1)
    if closing:
        Job.objects.filter(pk__in=closing).update(missed_listings=F("missed_listings") + 1, closed_at=seen_at)
        _promote_duplicates(closing)
        postings_closed_changed_emit(job_ids=closing, closed_at=seen_at)
        logger.info("%s: %s jobs closed (missing from two complete listings in a row)", source, len(closing))
    counts.missed, counts.closed = len(first_miss), len(closing)
    return counts


def postings_closed_changed_emit(*, job_ids: Iterable[int], closed_at: datetime | None) -> None:
    """Emit POSTINGS_CLOSED_CHANGED for the matches users marked applied on these jobs (on commit)."""
    match_ids = [
        str(match_id)
        for match_id in Match.objects.filter(job_id__in=list(job_ids), applied_at__isnull=False).values_list("id", flat=True)
    ]
    stamp = closed_at.isoformat() if closed_at is not None else None
    for start in range(0, len(match_ids), EVENT_BATCH_SIZE):
        events.emit(POSTINGS_CLOSED_CHANGED, match_ids=match_ids[start : start + EVENT_BATCH_SIZE], closed_at=stamp)
