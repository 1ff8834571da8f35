"""Retrying a source that could not be reached: the task's backoff, or the source's Retry-After when longer."""

import pytest
from django.db import transaction

from careerhub.testing import celery_workers, needs_real_services, wait_for
from jobs.models import ScrapeLog
from jobs.services import scraping
from jobs.tests.conftest import payload

ACME = "/greenhouse/v1/boards/acme/jobs?content=true"


def test_without_a_retry_after_the_delay_is_the_jittered_backoff(settings):
    settings.JOB_SCRAPE_RETRY_BACKOFF_SECONDS = 60
    delays = {scraping.scrape_retry_delay(retries=1, retry_after=None) for _ in range(50)}
    assert all(0 <= delay <= 120 for delay in delays) and len(delays) > 1


def test_a_retry_after_longer_than_the_backoff_is_the_delay(settings):
    settings.JOB_SCRAPE_RETRY_BACKOFF_SECONDS = 10
    assert {scraping.scrape_retry_delay(retries=0, retry_after=900.0) for _ in range(20)} == {900.0}


def test_a_retry_after_shorter_than_the_backoff_leaves_the_backoff(settings):
    settings.JOB_SCRAPE_RETRY_BACKOFF_SECONDS = 600
    delays = [scraping.scrape_retry_delay(retries=0, retry_after=1.0) for _ in range(50)]
    assert all(1.0 <= delay <= 600 for delay in delays) and max(delays) > 1.0


def test_a_retry_after_past_the_next_scheduled_run_waits_for_that_run_only(settings):
    settings.JOB_SCRAPE_INTERVAL_HOURS = 6
    settings.JOB_SCRAPE_RETRY_BACKOFF_SECONDS = 1
    assert scraping.scrape_retry_delay(retries=0, retry_after=24 * 3600.0) == 6 * 3600


@pytest.mark.django_db
def test_a_throttled_source_is_unavailable_with_the_wait_it_asked_for(board):
    # given the only board answering 429 with Retry-After
    board.route(ACME, '{"error": "slow down"}', status=429, headers={"Retry-After": "120"})
    log = ScrapeLog.objects.create(source="greenhouse", trigger="api")
    # when / then
    with pytest.raises(scraping.SourceUnavailable) as raised:
        scraping.scrape_source_run(scrape_log_id=log.pk, final_attempt=False)
    assert raised.value.retry_after == 120.0
    log.refresh_from_db()
    assert log.status == "retrying"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@needs_real_services()
def test_a_worker_retries_a_throttled_source_after_its_retry_after(board, tmp_path):
    # given a board that answers 429 asking for 3 s, where the backoff alone would wait at most 1 s
    board.route(ACME, '{"error": "slow down"}', status=429, headers={"Retry-After": "3"})
    env = {
        "GREENHOUSE_API_URL": f"{board.url}/greenhouse/v1",
        "GREENHOUSE_BOARDS": "acme",
        "JOB_SOURCES": "greenhouse",
        "JOB_SCRAPE_RETRY_BACKOFF_SECONDS": "1",
    }
    with celery_workers("scrape-retry", tmp_path, env=env):
        # when a run is requested
        with transaction.atomic():
            parent, _ = scraping.scrape_run_request(trigger="api", sources=["greenhouse"])
        wait_for(lambda: board.requests)
        # and the board serves its jobs from now on
        board.route(ACME, payload("greenhouse_acme.json"))
        child = parent.children.get()
        wait_for(lambda: ScrapeLog.objects.get(pk=child.pk).is_finished, seconds=30)
    # then the retry came after the wait the board asked for, and the run stored the jobs
    first, second = board.requests[:2]
    assert second["at"] - first["at"] >= 2.9
    child.refresh_from_db()
    assert (child.status, child.attempts, child.jobs_created) == ("partial", 2, 2)
