"""Celery entry points for scraping and matching (DESIGN §5): ids in, a service call, a retry policy."""

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from careerhub.cache import OUTAGE_ERRORS
from jobs.matching import fanout
from jobs.matching import services as matching_services
from jobs.services import digests, scraping


def _can_retry_later(task: Task) -> bool:
    """Whether a failure can be handed back to Celery to retry with backoff.

    Only a worker can wait. Run in-process (the embedded default's eager mode), Celery retries
    at once and inside the request that published the task, whether or not errors propagate:
    a down board was asked four times within one POST /jobs/refresh. Such a run records its
    failure at once instead, and the next scheduled run tries again.
    """
    return not task.request.is_eager


@shared_task(
    bind=True,
    name="jobs.scrape_source",
    autoretry_for=(OperationalError,),
    retry_backoff=settings.JOB_SCRAPE_RETRY_BACKOFF_SECONDS,
    retry_backoff_max=scraping.SCRAPE_RETRY_BACKOFF_MAX_SECONDS,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=scraping.SCRAPE_SOFT_TIME_LIMIT_SECONDS,
    time_limit=scraping.SCRAPE_TIME_LIMIT_SECONDS,
    ignore_result=True,
)
def scrape_source(self: Task, scrape_log_id: int) -> None:
    """Scrape the source (or the one company board) of a ScrapeLog. Running it again for a finished log does nothing.

    A source that could not be reached is retried with the same backoff as a database error, or
    after the source's own `Retry-After` when that is longer (scraping.scrape_retry_delay).
    """
    final_attempt = self.request.retries >= self.max_retries or not _can_retry_later(self)
    try:
        scraping.scrape_source_run(scrape_log_id=scrape_log_id, final_attempt=final_attempt)
    except scraping.SourceUnavailable as exc:
        delay = scraping.scrape_retry_delay(retries=self.request.retries, retry_after=exc.retry_after)
        raise self.retry(exc=exc, countdown=delay) from None
    except SoftTimeLimitExceeded:
        scraping.scrape_log_fail(scrape_log_id=scrape_log_id, error="Stopped: the run exceeded its time limit.")


@shared_task(name="jobs.scrape_all_sources", ignore_result=True, time_limit=60, soft_time_limit=50)
def scrape_all_sources() -> int:
    """Beat, every JOB_SCRAPE_INTERVAL_HOURS: open a run of every enabled source."""
    return scraping.scrape_all_sources_request().pk


# --- Matching ------------------------------------------------------------------------------------

REFRESH_SOFT_TIME_LIMIT_SECONDS = 240
REFRESH_TIME_LIMIT_SECONDS = 300
# A chunk of 5,000 users × 1,000 jobs takes seconds (bench/fanout.py); the limits leave room for a busy worker.
FANOUT_SOFT_TIME_LIMIT_SECONDS = 540
FANOUT_TIME_LIMIT_SECONDS = 600


@shared_task(
    bind=True,
    name="jobs.refresh_matches",
    autoretry_for=matching_services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=REFRESH_SOFT_TIME_LIMIT_SECONDS,
    time_limit=REFRESH_TIME_LIMIT_SECONDS,
    acks_late=True,
    ignore_result=True,
)
def refresh_matches(self: Task, user_id: str, token: str | None = None) -> dict | None:
    """Recompute one user's matches (state in `match-refresh:{user_id}`). Idempotent: a second
    run rescores the same rows; a run whose lock another run holds does nothing."""
    final_attempt = self.request.retries >= self.max_retries or not _can_retry_later(self)
    result = matching_services.match_refresh_run(user_id=user_id, token=token, final_attempt=final_attempt)
    return result.as_dict() if result is not None else None


@shared_task(
    name=fanout.FANOUT_TASK,
    autoretry_for=matching_services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=FANOUT_SOFT_TIME_LIMIT_SECONDS,
    time_limit=FANOUT_TIME_LIMIT_SECONDS,
    acks_late=True,
    ignore_result=True,
)
def fanout_new_jobs(job_id_runs: list[list[int]], first_user_id: str, last_user_id: str) -> dict:
    """Score new jobs ([first, last] id runs) for one range of users (jobs.matching.fanout). Idempotent: a second run writes nothing."""
    job_ids = fanout.ids_of_runs(job_id_runs)
    return fanout.matches_fanout_chunk(job_ids=job_ids, first_user_id=first_user_id, last_user_id=last_user_id).as_dict()


@shared_task(name="jobs.refresh_everyones_matches", ignore_result=True, soft_time_limit=300, time_limit=330)
def refresh_everyones_matches() -> int:
    """Staff's "refresh everyone": queue one refresh per active user with a profile."""
    return matching_services.matches_refresh_everyone()


@shared_task(
    name="jobs.forget_career_impact",
    autoretry_for=OUTAGE_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def forget_career_impact(user_id: str) -> int:
    """On profiles.scoring_inputs_changed: drop the user's cached career-impact scores. Idempotent."""
    return matching_services.career_impact_forget_all(user_id=user_id)


# --- Saved-search digests --------------------------------------------------------------------------


@shared_task(
    name="jobs.send_saved_search_digests",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=600,
    time_limit=660,
    ignore_result=True,
)
def send_saved_search_digests() -> dict:
    """Beat, every SAVED_SEARCH_DIGEST_SECONDS: plan and send the due digests. Two runs at once never
    send one twice (jobs.services.digests); a run repeated finds nothing left to do."""
    result = digests.digests_run()
    return {"planned": result.planned, "sent": result.sent, "failed": result.failed}
