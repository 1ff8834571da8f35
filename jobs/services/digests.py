"""Saved-search digests: one email per user listing the jobs new for their due saved searches (issue 18).

Each beat run plans, then sends.

Planning, per user with a due search (daily or weekly, counted from its last digest, or from its
creation): a `SavedSearchDigest` row is the claim. At most one pending digest per user is allowed
(a partial unique index), so when two runs plan the same user at once the second one's insert
waits for the first and then fails, and it moves on. The winner locks the user's searches, checks
again that they are due, and records as items the jobs each search finds that were first seen since
its last digest, are open, reach its `min_match_score`, and that no digest of that search listed
before (unique per search and job: a job is in at most one digest per search). Then it moves each
search's `last_digest_at` on. All of that is one transaction.

Sending takes each pending digest whose time has come with `SELECT ... FOR UPDATE SKIP LOCKED`,
so two runs never hold the same one, sends the email while holding it, and marks it sent in the
same transaction. A failed send leaves it pending with the error and a later `next_attempt_at`:
the next run sends the same email (the same items), never a second digest of those jobs. After
DIGEST_MAX_ATTEMPTS it is marked failed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from jobs.freshness import freshness_of
from jobs.matching.career_impact import career_impacts
from jobs.matching.selectors import candidate_get
from jobs.models import (
    DigestFrequency,
    DigestStatus,
    Job,
    SavedSearch,
    SavedSearchDigest,
    SavedSearchDigestItem,
)
from jobs.selectors import saved_search_job_list
from jobs.services.saved_searches import unsubscribe_url

logger = logging.getLogger(__name__)

# Jobs listed in one email; the rest are counted ("and 12 more").
DIGEST_MAX_JOBS = 20
# Jobs of one search considered for one digest (newest first).
DIGEST_MAX_CANDIDATES = 1000
PERIODS = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
# A scrape stamps a job's first_seen_at when the run starts and stores it a little later: a digest
# looks this far behind its search's last digest, for jobs stored after it (items keep them unique).
LATE_STORE_GRACE = timedelta(hours=1)
PLAN_BATCH_USERS = 200
SEND_BATCH = 100
DIGEST_MAX_ATTEMPTS = 6
RETRY_BACKOFF = (timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1), timedelta(hours=3), timedelta(hours=6))
# Sent or failed digests (and their items) are kept this long, then deleted.
DIGEST_RETENTION = timedelta(days=90)


@dataclass
class DigestRunResult:
    planned: int = 0
    sent: int = 0
    failed: int = 0


def _due(now: datetime) -> Q:
    """Searches whose period has passed since their last digest (or creation), give or take one beat interval."""
    slack = timedelta(seconds=settings.SAVED_SEARCH_DIGEST_SECONDS)
    return Q(frequency=DigestFrequency.DAILY, since__lte=now - PERIODS[DigestFrequency.DAILY] + slack) | Q(
        frequency=DigestFrequency.WEEKLY, since__lte=now - PERIODS[DigestFrequency.WEEKLY] + slack
    )


def _due_searches(now: datetime) -> QuerySet[SavedSearch]:
    return (
        SavedSearch.objects.filter(user__is_active=True)
        .alias(since=Coalesce("last_digest_at", "created_at"))
        .filter(_due(now))
    )


# --- Planning ------------------------------------------------------------------------------------


def _new_jobs(search: SavedSearch, now: datetime) -> list[Job]:
    """Open jobs the search finds, first seen since its last digest, that no digest of it listed yet; newest first."""
    since = search.last_digest_at - LATE_STORE_GRACE if search.last_digest_at else search.created_at
    listed = SavedSearchDigestItem.objects.filter(search=search).values("job_id")
    jobs = (
        saved_search_job_list(search=search)
        .filter(closed_at__isnull=True, first_seen_at__gt=since, first_seen_at__lte=now)
        .exclude(pk__in=listed)
        .order_by("-first_seen_at", "-id")
    )
    return list(jobs[:DIGEST_MAX_CANDIDATES])


def _scored(searches: list[SavedSearch], user_id: Any, now: datetime) -> dict[Any, list[tuple[Job, float | None]]]:
    """search id → its new jobs with the user's score for each, those under its minimum score left out."""
    candidate = candidate_get(user_id=user_id)
    found: dict[Any, list[tuple[Job, float | None]]] = {}
    for search in searches:
        jobs = _new_jobs(search, now)
        scores = career_impacts(candidate=candidate, jobs=jobs) if candidate is not None and jobs else {}
        pairs = [(job, scores[job.pk]["score"] if job.pk in scores else None) for job in jobs]
        if search.min_match_score is not None:
            pairs = [(job, score) for job, score in pairs if score is not None and score >= search.min_match_score]
        found[search.pk] = pairs
    return found


def _shown_counts(sizes: list[int], budget: int) -> list[int]:
    """How many jobs of each search the email lists: one from each in turn until `budget` is spent."""
    shown = [0] * len(sizes)
    while budget > 0 and any(shown[i] < sizes[i] for i in range(len(sizes))):
        for i, size in enumerate(sizes):
            if budget > 0 and shown[i] < size:
                shown[i] += 1
                budget -= 1
    return shown


def _items(digest: SavedSearchDigest, searches: list[SavedSearch], found: dict) -> list[SavedSearchDigestItem]:
    shown = _shown_counts([len(found[search.pk]) for search in searches], DIGEST_MAX_JOBS)
    items = []
    for search, listed in zip(searches, shown, strict=True):
        for position, (job, score) in enumerate(found[search.pk]):
            items.append(
                SavedSearchDigestItem(
                    digest=digest, search=search, job=job, score=score, shown=position < listed, position=position
                )
            )
    return items


def _claim(user_id: Any, now: datetime) -> SavedSearchDigest | None:
    """The user's new pending digest, or None when another one is pending (another run is on it)."""
    try:
        with transaction.atomic():
            return SavedSearchDigest.objects.create(user_id=user_id, next_attempt_at=now)
    except IntegrityError:
        return None


@transaction.atomic
def digest_plan_for_user(*, user_id: Any, now: datetime | None = None) -> SavedSearchDigest | None:
    """Plan the user's digest of their due searches; None when another run has it or there is nothing new.

    Due searches with nothing new still move on (their next digest counts from now).
    """
    now = now or timezone.now()
    digest = _claim(user_id, now)
    if digest is None:
        return None
    searches = list(
        _due_searches(now).filter(user_id=user_id).select_for_update(of=("self",)).select_related("user").order_by("created_at", "id")
    )
    found = _scored(searches, user_id, now) if searches else {}
    SavedSearch.objects.filter(pk__in=[search.pk for search in searches]).update(last_digest_at=now)
    items = _items(digest, searches, found)
    if not items:
        digest.delete()
        return None
    SavedSearchDigestItem.objects.bulk_create(items)
    return digest


def digests_plan(*, now: datetime | None = None) -> int:
    """Plan a digest for each user with a due search and no digest pending; returns how many were planned."""
    now = now or timezone.now()
    pending = SavedSearchDigest.objects.filter(status=DigestStatus.PENDING).values("user_id")
    user_ids = list(
        _due_searches(now).exclude(user_id__in=pending).order_by("user_id").values_list("user_id", flat=True).distinct()[:PLAN_BATCH_USERS]
    )
    return sum(1 for user_id in user_ids if digest_plan_for_user(user_id=user_id, now=now) is not None)


# --- Sending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestLine:
    title: str
    company: str
    location: str
    url: str
    score: float | None
    freshness: str


@dataclass(frozen=True)
class DigestSection:
    name: str
    lines: list[DigestLine]
    more: int
    unsubscribe_url: str


def _job_url(job: Job) -> str:
    return job.url or f"{settings.PUBLIC_BASE_URL}/api/v1/jobs/{job.pk}"


def _sections(digest: SavedSearchDigest, now: datetime) -> list[DigestSection]:
    items = list(
        SavedSearchDigestItem.objects.filter(digest=digest)
        .select_related("search", "job")
        .defer("job__description", "job__raw_data", "job__eligibility")
        .order_by("search__created_at", "search_id", "position")
    )
    by_search: dict[Any, list[SavedSearchDigestItem]] = defaultdict(list)
    for item in items:
        by_search[item.search_id].append(item)
    sections = []
    for search_items in by_search.values():
        search = search_items[0].search
        lines = [
            DigestLine(
                title=item.job.title,
                company=item.job.company,
                location=item.job.location,
                url=_job_url(item.job),
                score=round(item.score) if item.score is not None else None,
                freshness=freshness_of(item.job, now=now).label,
            )
            for item in search_items
            if item.shown
        ]
        more = sum(1 for item in search_items if not item.shown)
        sections.append(DigestSection(name=search.name, lines=lines, more=more, unsubscribe_url=unsubscribe_url(search)))
    return sections


def digest_message(digest: SavedSearchDigest, *, now: datetime | None = None) -> EmailMultiAlternatives:
    """The email of a digest, text and HTML, built from its items (the same email every time it is sent)."""
    sections = _sections(digest, now or timezone.now())
    total = sum(len(section.lines) + section.more for section in sections)
    shown = sum(len(section.lines) for section in sections)
    if len(sections) == 1:
        subject = f"{total} new job{'s' if total != 1 else ''} for your saved search '{sections[0].name}'"
    else:
        subject = f"{total} new job{'s' if total != 1 else ''} for your saved searches"
    context = {"sections": sections, "total": total, "shown": shown, "more": total - shown, "site": settings.PUBLIC_BASE_URL}
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string("jobs/email/saved_search_digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={"List-Unsubscribe": ", ".join(f"<{section.unsubscribe_url}>" for section in sections)},
    )
    message.attach_alternative(render_to_string("jobs/email/saved_search_digest.html", context), "text/html")
    return message


def _retry_later(digest: SavedSearchDigest, error: str, now: datetime) -> bool:
    """Record a failed send; True when it gave up for good."""
    digest.attempts += 1
    digest.error = error[:2000]
    if digest.attempts >= DIGEST_MAX_ATTEMPTS:
        digest.status = DigestStatus.FAILED
    else:
        digest.next_attempt_at = now + RETRY_BACKOFF[min(digest.attempts, len(RETRY_BACKOFF)) - 1]
    digest.save(update_fields=["attempts", "error", "status", "next_attempt_at"])
    return digest.status == DigestStatus.FAILED


@transaction.atomic
def digest_send(*, digest_id: Any, now: datetime | None = None) -> str | None:
    """Send one pending digest if no other run holds it: "sent", "retrying", "failed", or None (not ours)."""
    now = now or timezone.now()
    digest = (
        SavedSearchDigest.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .filter(pk=digest_id, status=DigestStatus.PENDING, next_attempt_at__lte=now)
        .first()
    )
    if digest is None:
        return None
    try:
        digest_message(digest, now=now).send()
    except Exception as exc:  # noqa: BLE001 - an SMTP refusal, a mail outage or a bad address: recorded, retried later
        logger.warning("Saved-search digest %s not sent (attempt %s): %r", digest.pk, digest.attempts + 1, exc)
        return "failed" if _retry_later(digest, f"{type(exc).__name__}: {exc}", now) else "retrying"
    digest.status = DigestStatus.SENT
    digest.attempts += 1
    digest.sent_at = now
    digest.error = ""
    digest.save(update_fields=["status", "attempts", "sent_at", "error"])
    return "sent"


def digests_send_due(*, now: datetime | None = None) -> DigestRunResult:
    now = now or timezone.now()
    result = DigestRunResult()
    due = (
        SavedSearchDigest.objects.filter(status=DigestStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:SEND_BATCH]
    )
    for digest_id in list(due):
        outcome = digest_send(digest_id=digest_id, now=now)
        result.sent += outcome == "sent"
        result.failed += outcome == "failed"
    return result


def digests_run(*, now: datetime | None = None) -> DigestRunResult:
    """The beat task's work: plan the due digests, send what is pending, forget old digests."""
    now = now or timezone.now()
    planned = digests_plan(now=now)
    result = digests_send_due(now=now)
    result.planned = planned
    SavedSearchDigest.objects.filter(
        status__in=(DigestStatus.SENT, DigestStatus.FAILED), created_at__lt=now - DIGEST_RETENTION
    ).delete()
    return result
