"""How fresh a job is (issue 18): new, active, stale or closed, and whether it is a repost.

Computed when a job is shown, from the dates the scrapes keep (jobs.services.ingest and
jobs.services.closing), so it needs no periodic job of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from jobs.models import Job

# First seen this recently: new.
NEW_FOR = timedelta(days=3)
# Posted, or last seen listed, longer ago than this: stale.
STALE_AFTER = timedelta(days=30)


class FreshnessStatus:
    NEW = "new"
    ACTIVE = "active"
    STALE = "stale"
    CLOSED = "closed"
    ALL = ("new", "active", "stale", "closed")


@dataclass(frozen=True)
class Freshness:
    status: str
    reposted: bool
    repost_count: int

    @property
    def label(self) -> str:
        """For emails: "new", "stale, reposted 2×"."""
        return f"{self.status}, reposted {self.repost_count}×" if self.reposted else self.status


def freshness_of(job: Job, *, now: datetime | None = None) -> Freshness:
    """Closed wins; then stale (an old posting is old, however recently careerhub found it); then new."""
    now = now or timezone.now()
    if job.closed_at is not None:
        status = FreshnessStatus.CLOSED
    elif (job.posted_at is not None and job.posted_at < now - STALE_AFTER) or job.last_seen_at < now - STALE_AFTER:
        status = FreshnessStatus.STALE
    elif job.first_seen_at >= now - NEW_FOR:
        status = FreshnessStatus.NEW
    else:
        status = FreshnessStatus.ACTIVE
    return Freshness(status=status, reposted=job.repost_count > 0, repost_count=job.repost_count)
