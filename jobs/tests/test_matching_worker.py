"""Match refresh on real Celery workers over the real Redis and PostgreSQL (.ci/test): the status
moves through its states as the worker runs, and two refreshes requested at once run once."""

import os
import re
import subprocess
import sys
import threading
import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from careerhub.celery import app as celery_app
from jobs.matching import refresh_state
from jobs.models import Match
from jobs.tests import matching_factories as f

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="needs the PostgreSQL and Redis that .ci/test starts (a worker cannot share SQLite's in-memory test database)",
    ),
]

REFRESH = "/api/v1/matches/refresh"
REFRESH_STATUS = "/api/v1/matches/refresh/status"
WORKER_START_SECONDS = 30
JOBS = 30
RECEIVED = re.compile(r"Task jobs\.refresh_matches\[[0-9a-f-]+\] received")


def _database_url() -> str:
    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _start(name: str, log_path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerhub.settings.base",
        "DATABASE_URL": _database_url(),
        # The worker's cache (state and lock) must be the one this test process reads.
        "REDIS_URL": settings.CACHES["default"]["LOCATION"],
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "ANTHROPIC_API_KEY": "",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "careerhub", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name],
        cwd=str(settings.BASE_DIR), env=env, stdout=open(log_path, "wb"), stderr=subprocess.STDOUT,
    )


@pytest.fixture
def workers(request, tmp_path):
    """`count` real worker processes (indirect parameter, default 1); yields their log files."""
    count = getattr(request, "param", 1)
    celery_app.control.purge()  # no leftovers from earlier tests
    names = [f"matching-test-{uuid.uuid4().hex[:8]}@localhost" for _ in range(count)]
    logs = [tmp_path / f"worker-{n}.log" for n in range(count)]
    processes = [_start(name, log) for name, log in zip(names, logs, strict=True)]
    try:
        deadline = time.monotonic() + WORKER_START_SECONDS
        for name, process, log in zip(names, processes, logs, strict=True):
            while not celery_app.control.ping(destination=[name], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"a worker did not start: {log.read_text()[-3000:]}")
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        yield logs
        celery_app.conf.task_always_eager = eager
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("the condition did not become true in time")


def status_of(client) -> dict:
    return client.get(REFRESH_STATUS).json()


@pytest.fixture
def candidate_with_jobs(user):
    f.profile(user)
    f.jobs(JOBS - 1)
    return f.match(user, f.job(), score=1.0)


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
    assert Match.objects.filter(user=user, score=98.0).count() == JOBS


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
    wait_for(lambda: cache.get(refresh_state.lock_key(user.pk)) is None)
    assert client.post(REFRESH).json()["status"] == "processing"
