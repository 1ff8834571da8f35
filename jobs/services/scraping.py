"""Scrape runs: a ScrapeLog per run, one task per source (or per company board), one run of each at a time."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime

from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, transaction
from django.db.models import Sum
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from careerhub.tasks import enqueue_on_commit
from jobs import cache_keys
from jobs.matching.fanout import matches_fanout_request
from jobs.models import ATS_SOURCES, FINISHED_STATUSES, CompanyBoard, ScrapeLog, ScrapeStatus, ScrapeTrigger
from jobs.services.closing import jobs_close_missing, postings_closed_changed_emit
from jobs.services.ingest import jobs_ingest
from jobs.sources import enabled_source_names, get_source
from jobs.sources.base import BoardOutcome, CompanyBoardSource, SourceBatch

logger = logging.getLogger(__name__)

# A run holds its source's lock at most this long (longer than the task's hard time limit),
# so a worker killed mid-run never blocks the source for good.
SCRAPE_TIME_LIMIT_SECONDS = 15 * 60
SCRAPE_SOFT_TIME_LIMIT_SECONDS = 14 * 60
LOCK_TTL_SECONDS = SCRAPE_TIME_LIMIT_SECONDS + 60
# Retries of an unreachable source wait JOB_SCRAPE_RETRY_BACKOFF_SECONDS, doubling each time, at most this long.
SCRAPE_RETRY_BACKOFF_MAX_SECONDS = 30 * 60
MAX_ERROR_LINES = 50


class SourceUnavailable(Exception):
    """Nothing could be fetched from a source for a reason that may pass; the task retries, after at
    least `retry_after` seconds when the source asked for a wait (`Retry-After`)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _lock_name(log: ScrapeLog) -> str:
    """A source runs once at a time; a one-board run is locked on its own, so a user's newly watched board
    is not turned away while its source's scheduled run goes on."""
    return f"{log.source}:board:{log.company_board_id}" if log.trigger == ScrapeTrigger.BOARD else log.source


def _lock_acquire(source: str) -> str | None:
    """A token if this run may scrape `source` now; None if another run holds it."""
    token = uuid.uuid4().hex
    try:
        return token if cache.add(cache_keys.scrape_lock_key(source), token, timeout=LOCK_TTL_SECONDS) else None
    except Exception as exc:  # noqa: BLE001 - no cache, whatever its backend raised: run anyway rather than never scraping
        logger.warning("Scrape lock for %s unavailable, running without it: %r", source, exc)
        return token


def _lock_release(source: str, token: str) -> None:
    try:
        if cache.get(cache_keys.scrape_lock_key(source)) == token:
            cache.delete(cache_keys.scrape_lock_key(source))
    except Exception as exc:  # noqa: BLE001 - the lock expires by itself; the run has finished either way
        logger.warning("Scrape lock for %s not released (it expires by itself): %r", source, exc)


@transaction.atomic
def scrape_run_request(
    *, trigger: str, requested_by: User | None = None, sources: list[str] | None = None, enqueue: bool = True
) -> tuple[ScrapeLog, list[str]]:
    """Open a run of `sources` (default: every enabled one): a parent log and one child per source.

    With `enqueue` each child's task is published once the transaction commits; the
    management command runs the children itself instead.
    """
    names = list(sources) if sources is not None else enabled_source_names()
    parent = ScrapeLog.objects.create(source=ScrapeLog.ALL_SOURCES, trigger=trigger, requested_by=requested_by)
    for name in names:
        child = ScrapeLog.objects.create(source=name, parent=parent, trigger=trigger, requested_by=requested_by)
        if enqueue:
            enqueue_on_commit("jobs.scrape_source", child.pk)
    if not names:
        now = timezone.now()
        parent.status = ScrapeStatus.SKIPPED
        parent.error = "No job source is enabled and configured (JOB_SOURCES, REMOTEOK_API_URL, WWR_FEED_URLS, ...)."
        parent.started_at = parent.finished_at = now
        parent.save(update_fields=["status", "error", "started_at", "finished_at"])
    return parent, names


def scrape_run_start(
    *, trigger: str, requested_by: User | None = None, sources: list[str] | None = None
) -> tuple[ScrapeLog, list[str]]:
    """Open a run of `sources` (default: every enabled one), publish its tasks, and return the run as it stands then.

    Called outside a transaction, the run's tasks are published as it commits. With a worker the
    run returned is still pending; on the embedded default (eager Celery) they have already run
    in-process, so the run returned is finished and its outcome and counts are known.
    """
    parent, names = scrape_run_request(trigger=trigger, requested_by=requested_by, sources=sources)
    parent.refresh_from_db()
    return parent, names


def _finish(log: ScrapeLog, *, status: str, error: str = "", **counts: int) -> None:
    log.status = status
    log.error = error
    log.finished_at = timezone.now()
    for name, value in counts.items():
        setattr(log, name, value)
    log.save(update_fields=["status", "error", "finished_at", *counts])
    if log.parent_id:
        scrape_parent_refresh(parent_id=log.parent_id)


@transaction.atomic
def scrape_parent_refresh(*, parent_id: int) -> None:
    """When every child of a run has finished, sum them into the parent."""
    parent = ScrapeLog.objects.select_for_update().filter(pk=parent_id).first()
    if parent is None or parent.is_finished:
        return
    children = list(ScrapeLog.objects.filter(parent_id=parent_id))
    if not children:
        return
    if any(child.status not in FINISHED_STATUSES for child in children):
        if parent.status == ScrapeStatus.PENDING:
            parent.status = ScrapeStatus.RUNNING
            parent.started_at = parent.started_at or timezone.now()
            parent.save(update_fields=["status", "started_at"])
        return
    totals = ScrapeLog.objects.filter(parent_id=parent_id).aggregate(
        found=Sum("jobs_found"),
        created=Sum("jobs_created"),
        updated=Sum("jobs_updated"),
        failed=Sum("jobs_failed"),
        closed=Sum("jobs_closed"),
    )
    statuses = {child.status for child in children}
    if statuses == {ScrapeStatus.SUCCESS}:
        status = ScrapeStatus.SUCCESS
    elif statuses <= {ScrapeStatus.FAILED, ScrapeStatus.SKIPPED}:
        status = ScrapeStatus.FAILED if ScrapeStatus.FAILED in statuses else ScrapeStatus.SKIPPED
    else:
        status = ScrapeStatus.PARTIAL
    parent.status = status
    parent.jobs_found = totals["found"] or 0
    parent.jobs_created = totals["created"] or 0
    parent.jobs_updated = totals["updated"] or 0
    parent.jobs_failed = totals["failed"] or 0
    parent.jobs_closed = totals["closed"] or 0
    parent.error = "\n".join(f"[{child.source}] {child.error}" for child in children if child.error)[:20_000]
    parent.started_at = parent.started_at or min((c.started_at for c in children if c.started_at), default=timezone.now())
    parent.finished_at = timezone.now()
    parent.save()


def scrape_source_run(
    *, scrape_log_id: int, final_attempt: bool = True, progress: Callable[[int, int], None] | None = None
) -> ScrapeLog | None:
    """Run one source for its ScrapeLog. Safe to call twice: a finished log is left as it is.

    A source that could not be reached for a reason that may pass raises SourceUnavailable
    (the task retries with backoff) unless this is the final attempt, which records the failure.
    A database error mid-run is re-raised for the task to retry the same way. Any other error,
    and those two on the final attempt, finishes the log as failed with the error: a log never
    stays "running" after its run is over.
    """
    log = ScrapeLog.objects.select_related("company_board").filter(pk=scrape_log_id).first()
    if log is None or log.is_finished:
        return log
    if log.trigger == ScrapeTrigger.BOARD and log.company_board is None:
        _finish(log, status=ScrapeStatus.SKIPPED, error="The company board was deleted before its run.")
        return log
    lock = _lock_name(log)
    token = _lock_acquire(lock)
    if token is None:
        _finish(log, status=ScrapeStatus.SKIPPED, error=f"Another run of {lock} was in progress.")
        return log
    try:
        return _scrape_source_attempt(log, final_attempt=final_attempt, progress=progress)
    except (SourceUnavailable, SoftTimeLimitExceeded):
        raise  # already recorded as retrying / closed by the task with its own message
    except OperationalError as exc:
        if not final_attempt:
            raise  # the database itself failed: the task retries the whole run with backoff
        logger.warning("Scrape of %s (log %s) failed on a database error: %r", log.source, log.pk, exc)
        return scrape_log_fail(scrape_log_id=log.pk, error=f"Database error: {exc}") or log
    except Exception as exc:
        # A bug or a shape of data nothing foresaw. Retrying would fail the same way, so the run
        # ends here, with the error where operators look (the log) and the traceback in the logs.
        logger.exception("Scrape of %s (log %s) stopped on an unexpected error", log.source, log.pk)
        return scrape_log_fail(scrape_log_id=log.pk, error=f"Unexpected error: {type(exc).__name__}: {exc}") or log
    finally:
        _lock_release(lock, token)


def _scrape_source_attempt(
    log: ScrapeLog, *, final_attempt: bool, progress: Callable[[int, int], None] | None
) -> ScrapeLog:
    """One attempt at a run, under the source's lock."""
    log.status = ScrapeStatus.RUNNING
    log.attempts += 1
    log.started_at = log.started_at or timezone.now()
    log.save(update_fields=["status", "attempts", "started_at"])
    if log.parent_id:
        scrape_parent_refresh(parent_id=log.parent_id)

    batch = _collect(log)
    company_boards_record_scrape(ats=log.source, outcomes=batch.boards, at=timezone.now())
    if batch.unreachable and not batch.postings:
        error = "\n".join(batch.errors[:MAX_ERROR_LINES])
        if not final_attempt:
            log.status = ScrapeStatus.RETRYING
            log.error = error
            log.save(update_fields=["status", "error"])
            raise SourceUnavailable(error, retry_after=batch.retry_after)
        _finish(log, status=ScrapeStatus.FAILED, error=error, jobs_failed=batch.failed_items, jobs_found=batch.failed_items)
        return log

    total = len(batch.postings)
    seen_at = timezone.now()
    counts = jobs_ingest(
        postings=batch.postings, progress=(lambda done: progress(done, total)) if progress else None, seen_at=seen_at
    )
    closing = jobs_close_missing(source=log.source, batch=batch, seen_at=seen_at)
    if counts.reopened:
        postings_closed_changed_emit(job_ids=counts.reopened, closed_at=None)
    # New jobs are scored for every user with a profile, in chunks on the workers (jobs.matching.fanout).
    matches_fanout_request(job_ids=counts.created_ids)
    errors = batch.errors + counts.errors
    stored = counts.created + counts.updated
    if not errors:
        status = ScrapeStatus.SUCCESS
    elif stored:
        status = ScrapeStatus.PARTIAL
    else:
        status = ScrapeStatus.FAILED
    _finish(
        log,
        status=status,
        error="\n".join(errors[:MAX_ERROR_LINES]) + (f"\n... and {len(errors) - MAX_ERROR_LINES} more" if len(errors) > MAX_ERROR_LINES else ""),
        jobs_found=total + batch.failed_items,
        jobs_created=counts.created,
        jobs_updated=counts.updated,
        jobs_failed=counts.failed + batch.failed_items,
        jobs_closed=closing.closed,
    )
    return log


def _collect(log: ScrapeLog) -> SourceBatch:
    """What the run reads: the whole source, or the one company board of a board run."""
    source = get_source(log.source)
    if log.trigger != ScrapeTrigger.BOARD:
        return source.collect()
    if not isinstance(source, CompanyBoardSource):
        raise TypeError(f"{log.source} has no company boards")
    return source.collect(boards=[source.board(log.company_board.board)])


def company_boards_record_scrape(*, ats: str, outcomes: dict[str, BoardOutcome], at: datetime) -> None:
    """After a run of `ats`, each watched board it covered shows when it was last read (and the company its
    postings name), or why it could not be read. Boards only a setting lists have no row and are passed by."""
    by_key = {key.lower(): outcome for key, outcome in outcomes.items()}
    if ats not in ATS_SOURCES or not by_key:
        return
    boards = list(CompanyBoard.objects.annotate(key=Lower("board")).filter(ats=ats, key__in=list(by_key)))
    for board in boards:
        outcome = by_key[board.board.lower()]
        if outcome.read:
            board.last_scraped_at, board.last_error = at, ""
            board.company_name = outcome.company[:200] or board.company_name
        else:
            board.last_error = outcome.error[:2000]
    CompanyBoard.objects.bulk_update(boards, ["last_scraped_at", "last_error", "company_name"])


@transaction.atomic
def company_board_scrape_request(*, board: CompanyBoard, requested_by: User | None = None) -> ScrapeLog:
    """Scrape one company board soon (a user just watched it, or an operator asked): its own ScrapeLog,
    its task published once the transaction commits. Later runs of its source include it anyway."""
    log = ScrapeLog.objects.create(
        source=board.ats, trigger=ScrapeTrigger.BOARD, company_board=board, requested_by=requested_by
    )
    enqueue_on_commit("jobs.scrape_source", log.pk)
    return log


def scrape_retry_delay(*, retries: int, retry_after: float | None) -> float:
    """Seconds before a retry of an unreachable source: the task's backoff (exponential, with jitter), or
    longer when the source asked for a longer wait (`Retry-After`), though never past the next scheduled
    run (JOB_SCRAPE_INTERVAL_HOURS), which tries again anyway."""
    backoff = get_exponential_backoff_interval(
        factor=settings.JOB_SCRAPE_RETRY_BACKOFF_SECONDS,
        retries=retries,
        maximum=SCRAPE_RETRY_BACKOFF_MAX_SECONDS,
        full_jitter=True,
    )
    if retry_after is None:
        return backoff
    return max(backoff, min(retry_after, settings.JOB_SCRAPE_INTERVAL_HOURS * 3600))


def scrape_log_fail(*, scrape_log_id: int, error: str) -> ScrapeLog | None:
    """Close a run that was stopped (time limit, an error), after what its log already says; a finished log stays."""
    log = ScrapeLog.objects.filter(pk=scrape_log_id).first()
    if log is not None and not log.is_finished:
        _finish(log, status=ScrapeStatus.FAILED, error=(f"{log.error}\n{error}" if log.error else error)[:20_000])
    return log


def scrape_all_sources_request() -> ScrapeLog:
    parent, _ = scrape_run_request(trigger=ScrapeTrigger.SCHEDULE)
    return parent
