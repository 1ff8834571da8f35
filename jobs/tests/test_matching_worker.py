"""Match refresh on real Celery workers over the real Redis and PostgreSQL (.ci/test): the status
moves through its states as the worker runs, and two refreshes requested at once run once."""

import re
import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from careerhub.testing import celery_workers, needs_real_services, wait_for
from jobs import cache_keys
from jobs.models import Match
from jobs.tests import factories as f

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_real_services()]

REFRESH = "/api/v1/matches/refresh"
REFRESH_STATUS = "/api/v1/matches/refresh/status"
JOBS = 30
RECEIVED = re.compile(r"Task jobs\.refresh_matches\[[0-9a-f-]+\] received")


@pytest.fixture
def workers(request, tmp_path):
    """`count` real worker processes (indirect parameter, default 1); yields their log files."""
    with celery_workers("matching-test", tmp_path, count=getattr(request, "param", 1)) as logs:
        yield logs


def status_of(client) -> dict:
    return client.get(REFRESH_STATUS).json()


@pytest.fixture
def candidate_with_jobs(user):
    f.candidate_profile(user)
    f.jobs(JOBS - 1, f.STRONG_JOB)
    return f.match(user, f.job(f.STRONG_JOB), score=1.0)


def test_the_status_moves_from_pending_through_processing_to_completed(auth_client, user, candidate_with_jobs, workers):
    # given a transaction elsewhere holding the user's existing match row, so the worker's write waits
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Match.objects.select_for_update().get(pk=candidate_with_jobs.pk)
                locked.set()
                release.wait(timeout=60)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    assert locked.wait(timeout=10)
    try:
        # when a refresh is requested: queued until the request's transaction commits
        with transaction.atomic():
            assert auth_client.post(REFRESH).json()["status"] == "processing"
            assert status_of(auth_client)["status"] == "pending"
        # then the worker scores every job and waits to write
        processing = wait_for(lambda: (s := status_of(auth_client))["status"] == "processing" and s["progress"] == 60 and s)
        assert processing["message"] == f"Scored {JOBS} of {JOBS} jobs..." and processing["updated_at"]
        assert auth_client.post(REFRESH).json()["status"] == "already_processing"
    finally:
        release.set()
        holder.join(timeout=30)
    # and completes once the row is free
    done = wait_for(lambda: (s := status_of(auth_client))["status"] == "completed" and s)
    assert done["result"] == {"matches_created": JOBS - 1, "matches_updated": 1, "total_jobs_processed": JOBS}
    assert (done["message"], done["progress"]) == (f"Found {JOBS} matches ({JOBS - 1} new)", 100)
    assert Match.objects.filter(user=user, score=99.2).count() == JOBS


@pytest.mark.parametrize("workers", [2], indirect=True)
def test_two_refreshes_requested_at_once_run_once_with_two_workers(client_for, user, candidate_with_jobs, workers):
    # given two requests released together, each on its own connection
    barrier = threading.Barrier(2)
    answers: list[str] = []

    def request_refresh():
        try:
            client = client_for(user)
            barrier.wait(timeout=10)
            answers.append(client.post(REFRESH).json()["status"])
        finally:
            connection.close()

    threads = [threading.Thread(target=request_refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # then one started and one was told a refresh is running
    assert sorted(answers) == ["already_processing", "processing"]
    client = client_for(user)
    done = wait_for(lambda: (s := status_of(client))["status"] == "completed" and s)
    assert done["result"]["matches_created"] == JOBS - 1
    # and exactly one task reached a worker
    received = sum(len(RECEIVED.findall(log.read_text())) for log in workers)
    assert received == 1, [log.read_text()[-2000:] for log in workers]
    # once it finished and let go of the lock, the next request starts a new refresh
    wait_for(lambda: cache.get(cache_keys.match_refresh_lock_key(user.pk)) is None)
    assert client.post(REFRESH).json()["status"] == "processing"
