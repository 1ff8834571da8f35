"""Writes for matching: a match's status, scoring one job, and running refreshes.

Applying to a match (seed 004 "applied") also puts the job in the user's application tracker.
`tracker` is a sibling app that jobs does not import, so `match_status_set` emits
`jobs.match_applied` with everything the tracker needs, and the tracker's own task (subscribed
in TrackerConfig.ready()) creates the application once per match. With a worker that is
eventually consistent (the application appears when the task has run, normally within a
second); in the embedded default's eager mode it is there when the request returns.

A completed refresh and a match entering or leaving `rejected`/`hidden` change the set of the user's
open matches: `matches_changed` gives that set a new stamp, which whoever cached something computed
from it (the insights app's skill insights) compares with theirs (jobs.matching.selectors.matches_stamp_get).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from accounts.days import user_today
from careerhub import events
from careerhub.cache import delete_pattern, safe_set, safe_set_many
from careerhub.services import model_update
from careerhub.tasks import enqueue_on_commit
from jobs import cache_keys
from jobs.events import MATCH_APPLIED
from jobs.matching import refresh_state as state
from jobs.matching import scoring
from jobs.matching.blocklist import match_blocklist_add_company
from jobs.matching.career_impact import career_impact_forget
from jobs.matching.features import job_features_of
from jobs.matching.feedback import learned_preferences_recompute
from jobs.matching.refresh import (
    RESCORED_FIELDS,
    Progress,
    RefreshResult,
    matches_refresh,
)
from jobs.matching.selectors import NEVER_RESUGGESTED, candidate_get
from jobs.models import FeedbackReason, Job, Match, MatchStatus

logger = logging.getLogger(__name__)

REFRESH_TASK = "jobs.refresh_matches"
REFRESH_EVERYONE_TASK = "jobs.refresh_everyones_matches"
DESCRIPTION_EXCERPT_LENGTH = 2000
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# The columns setting a match's status writes: the status the user sent, and `applied_at` the first time.
STATUS_FIELDS = ("status", "feedback_reason", "applied_at")


# --- Status --------------------------------------------------------------------------------------


def matches_changed(*, user_id: Any) -> None:
    """Give the user's set of open matches a new stamp (best effort: a cache outage leaves caches to expire)."""
    safe_set(cache_keys.matches_stamp_key(user_id), uuid.uuid4().hex, timeout=None)


def matches_changed_many(*, user_ids: Iterable[Any]) -> None:
    """`matches_changed` for many users in one cache round trip (a fan-out chunk's thousands)."""
    stamps = {cache_keys.matches_stamp_key(user_id): uuid.uuid4().hex for user_id in user_ids}
    if stamps:
        safe_set_many(stamps, timeout=None)


def career_impact_forget_all(*, user_id: Any) -> int:
    """Drop every cached career-impact score of the user (SCAN, never KEYS); errors propagate for the task to retry."""
    return delete_pattern(cache_keys.career_impact_pattern(user_id))


def match_applied_payload(match: Match) -> dict[str, Any]:
    """What the tracker needs to record the application, as JSON-able values."""
    job = match.job
    return {
        "user_id": str(match.user_id),
        "match_id": str(match.pk),
        "company": job.company,
        "title": job.title,
        "url": job.url,
        "location": job.location,
        "description": job.description[:DESCRIPTION_EXCERPT_LENGTH],
        "salary_min": job.salary_min,
        "salary_max": job.salary_max,
        "salary_currency": job.salary_currency,
        "remote_type": job.remote_type,
        "job_type": job.job_type,
        # the day the user marked it applied, in their time zone (as every tracker date is)
        "applied_date": user_today(match.user, now=match.applied_at).isoformat(),
        # the posting may already have closed (a match on it is then listed by status only)
        "posting_closed_at": job.closed_at.isoformat() if job.closed_at else None,
    }


REASONED_STATUSES = frozenset({MatchStatus.HIDDEN, MatchStatus.REJECTED})


def _check_reason(status: str, reason: str | None) -> None:
    if reason is None:
        return
    if reason not in FeedbackReason.values:
        raise ValidationError(
            {"reason": [f"'{reason}' is not a valid reason. Allowed values: {', '.join(FeedbackReason.values)}."]},
            code="invalid_choice",
        )
    if status not in REASONED_STATUSES:
        raise ValidationError({"reason": ["A reason goes only with hidden or rejected."]}, code="invalid")


@transaction.atomic
def match_status_set(*, match: Match, status: str, reason: str | None = None) -> Match:
    """Set the user's status on a match, with an optional reason for `hidden` or `rejected`.

    A reason is recorded on the match (jobs.models.FeedbackReason); `company` also puts the job's
    company on the user's blocklist, and every reason recomputes what repeated reasons teach the
    score (jobs.matching.feedback). Leaving hidden/rejected clears the reason.

    `applied` stamps `applied_at` the first time only, and emits `jobs.match_applied` every
    time: the tracker creates the application only if the match has none, so marking a match
    applied again after deleting its application brings the application back, and repeating
    `applied` never makes a second one. Leaving `applied` keeps the application (it records
    that the user applied). `rejected`/`hidden` keep the job out of refreshes; entering or
    leaving them changes the user's open matches, so their skill insights are recomputed.
    """
    if status not in MatchStatus.values:
        raise ValidationError(
            {"status": [f"'{status}' is not a valid status. Allowed values: {', '.join(MatchStatus.values)}."]},
            code="invalid_choice",
        )
    _check_reason(status, reason)
    match = Match.objects.select_for_update().select_related("job").get(pk=match.pk)
    was_closed = match.status in NEVER_RESUGGESTED
    had_reason = bool(match.feedback_reason)
    changes: dict[str, Any] = {
        "status": status,
        "feedback_reason": reason or (match.feedback_reason if status in REASONED_STATUSES else ""),
    }
    if status == MatchStatus.APPLIED and match.applied_at is None:
        changes["applied_at"] = timezone.now()
    model_update(instance=match, fields=STATUS_FIELDS, data=changes)
    if status == MatchStatus.APPLIED:
        events.emit(MATCH_APPLIED, **match_applied_payload(match))
    if reason == FeedbackReason.COMPANY:
        match_blocklist_add_company(user_id=match.user_id, company=match.job.company)
    if reason is not None or had_reason != bool(match.feedback_reason):
        learned_preferences_recompute(user_id=match.user_id)
    if was_closed != (status in NEVER_RESUGGESTED):
        user_id = match.user_id
        transaction.on_commit(lambda: matches_changed(user_id=user_id))
    return match


# --- Scoring one job -----------------------------------------------------------------------------


def match_score_one(*, user_id: Any, job: Job) -> None:
    """Score one job for one user now and upsert their match (a job they just added or edited).

    The status and the generated texts of an existing match stay as they are.
    """
    candidate = candidate_get(user_id=user_id)
    if candidate is None:
        return
    why = scoring.reasoning(candidate.features, job_features_of(job))
    row = Match(
        user_id=user_id,
        job_id=job.pk,
        score=why["overall_score"],
        reasoning=why,
        analysis=scoring.analysis(why),
        scoring_version=candidate.scoring_version,
    )
    Match.objects.bulk_create([row], update_conflicts=True, unique_fields=["user", "job"], update_fields=RESCORED_FIELDS)
    # Dropped now and again after commit, so a view that recomputed it from the old row meanwhile cannot outlive the edit.
    career_impact_forget(user_id=user_id, job_id=job.pk)
    transaction.on_commit(lambda: career_impact_forget(user_id=user_id, job_id=job.pk))


# --- Refreshes -----------------------------------------------------------------------------------


def match_refresh_request(*, user_id: Any) -> bool:
    """Queue a refresh of the user's matches; False when one is already queued or running.

    Raises ServiceUnavailable (503) when the cache that holds the lock cannot be reached.
    """
    token = state.refresh_lock_acquire(user_id=user_id)
    if token is None:
        return False
    state.refresh_state_set(user_id=user_id, status=state.PENDING, message="Match refresh queued.", progress=0)
    enqueue_on_commit(REFRESH_TASK, user_id=str(user_id), token=token)
    return True


def match_refresh_everyone_request() -> None:
    """Staff: queue a refresh for every active user with a profile (fanned out by a task)."""
    enqueue_on_commit(REFRESH_EVERYONE_TASK)


def matches_refresh_everyone() -> int:
    """Queue one refresh per active user with a profile (skipping those already refreshing); how many were queued."""
    users = get_user_model().objects.filter(is_active=True, profile__isnull=False).order_by("pk")
    return sum(1 for user_id in users.values_list("pk", flat=True).iterator() if match_refresh_request(user_id=user_id))


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return "Match refresh failed: it took longer than its time limit"
    if isinstance(exc, DatabaseError):
        return "Match refresh failed: Database connection error"
    return "Match refresh failed: unexpected error"


def match_refresh_run(
    *, user_id: Any, token: str | None = None, final_attempt: bool = True, on_progress: Progress | None = None
) -> RefreshResult | None:
    """Run one user's refresh, reporting its progress in the refresh state.

    `token` is the lock taken by whoever queued the run; without one the run takes the lock
    itself (the management command, which also follows `on_progress`). A run whose lock is held by another run does nothing and
    returns None. A transient database error is re-raised for the task to retry (the lock and
    the `pending` state stay) unless this is the final attempt; every other failure is recorded
    as `failed` and releases the lock.
    """
    if token is None:
        token = state.refresh_lock_acquire(user_id=user_id)
        if token is None:
            return None
    elif not state.refresh_lock_holds(user_id=user_id, token=token):
        logger.info("Match refresh of %s skipped: another run holds the lock", user_id)
        return None

    def report(percentage: int, message: str) -> None:
        state.refresh_state_set(user_id=user_id, status=state.PROCESSING, message=message, progress=percentage)
        if on_progress is not None:
            on_progress(percentage, message)

    report(0, "Calculating matches against all jobs...")
    try:
        result = matches_refresh(user_id=user_id, progress=report)
    except TRANSIENT_ERRORS as exc:
        if not final_attempt:
            state.refresh_state_set(
                user_id=user_id, status=state.PENDING, message="Database unavailable; the refresh will be retried.", progress=0
            )
            raise
        logger.warning("Match refresh of %s failed: %r", user_id, exc)
        state.refresh_state_set(user_id=user_id, status=state.FAILED, message=_failure_message(exc))
        state.refresh_lock_release(user_id=user_id, token=token)
        return None
    except Exception as exc:
        logger.exception("Match refresh of %s failed", user_id)
        state.refresh_state_set(user_id=user_id, status=state.FAILED, message=_failure_message(exc))
        state.refresh_lock_release(user_id=user_id, token=token)
        return None
    if result is None:
        state.refresh_state_set(user_id=user_id, status=state.FAILED, message="Match refresh failed: the user no longer exists")
    else:
        # Before `completed` is visible, so a client that sees it never reads insights of the old matches.
        matches_changed(user_id=user_id)
        total = result.matches_created + result.matches_updated
        state.refresh_state_set(
            user_id=user_id,
            status=state.COMPLETED,
            message=f"Found {total} matches ({result.matches_created} new)",
            result=result.as_dict(),
            progress=100,
        )
    state.refresh_lock_release(user_id=user_id, token=token)
    return result
