"""A short load test on the real stack: locust in its own process against gunicorn (production
settings, 3 workers) and a Celery worker on the PostgreSQL and Redis that .ci/test starts.

A few thousand jobs and a few dozen job seekers (applications, stages, matches from the real
refresh) are seeded first; then locust runs the mix of bench/_locustfile.py (sign-up and sign-in,
listing, opening and creating applications, adding stages, searching and browsing jobs, listing
matches, the dashboard) for a bounded time. Zero errors is the bar: no failed request on the
client, no 5xx and no traceback or worker timeout on the server, and every task enqueued during
the run is taken by the worker. Latencies and throughput are printed, never asserted (the longer
run is a benchmark: bench/load.py, docs/performance.md).
"""

import pytest
from django.conf import settings
from django.db import connection

from careerhub.tests.hardening import loadstack

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="needs the PostgreSQL and Redis that .ci/test starts (gunicorn cannot share SQLite's in-memory test database)",
    ),
]

JOBS = 3000
JOB_SEEKERS = 30
USERS = 20
SPAWN_RATE = 10
SECONDS = 18
DRAIN_SECONDS = 60


def _report(result: loadstack.LoadResult, memory: list[dict], statuses) -> str:
    lines = [
        f"load: {result.users} users for {result.seconds} s: {result.total.requests} requests, "
        f"{result.total.rps:.1f} req/s, p50 {result.total.p50:.0f} ms, p95 {result.total.p95:.0f} ms",
        *(f"  {row.name}: {row.requests} requests, p50 {row.p50:.0f} ms, p95 {row.p95:.0f} ms" for row in result.endpoints),
        "  server statuses: " + ", ".join(f"{status}×{count}" for status, count in sorted(statuses.items())),
        "  worker memory (MiB): " + ", ".join(f"RSS {m['rss']:.0f} / USS {m['uss']:.0f}" for m in memory),
    ]
    return "\n".join(lines)


def test_the_stack_serves_a_realistic_mix_under_load_without_a_single_error(tmp_path, capsys):
    # given a stack with data: jobs, job seekers with applications and matches
    loadstack.seed_jobs(JOBS)
    seekers = loadstack.seed_job_seekers(JOB_SEEKERS)
    accounts = loadstack.accounts_file(seekers, tmp_path)
    redis_url = settings.CACHES["default"]["LOCATION"]
    loadstack.purge_broker(settings.CELERY_BROKER_URL)
    environment = loadstack.stack_environment(
        database=loadstack.database_url(),
        redis=redis_url,
        workdir=tmp_path,
        signing_key=loadstack.signing_key(),
        extra={"CELERY_BROKER_URL": settings.CELERY_BROKER_URL, "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND},
    )
    with loadstack.celery_worker(environment=environment, workdir=tmp_path), \
            loadstack.gunicorn(environment=environment, workdir=tmp_path, workers=3) as server:
        # when locust drives the mix for a bounded time
        result = loadstack.run_locust(
            host=server.url, accounts=accounts, workdir=tmp_path, users=USERS, spawn_rate=SPAWN_RATE, seconds=SECONDS
        )
        memory = server.worker_memory()
        statuses = server.statuses()
        server_errors = server.server_errors()
        backlog, _ = loadstack.wait_for_backlog(settings.CELERY_BROKER_URL, seconds=DRAIN_SECONDS)
    with capsys.disabled():  # the figures are recorded in the test log, pass or fail
        print("\n" + _report(result, memory, statuses))

    # then every request succeeded, on both sides of the wire
    assert result.total.requests > 0, result.output
    assert result.failures == [] and result.total.failures == 0, result.failures
    assert result.exceptions == [], result.exceptions
    assert server_errors == [], server_errors[:20]
    assert not any(status >= 500 for status in statuses), statuses
    # every endpoint of the mix was exercised
    exercised = {row.name for row in result.endpoints if row.requests}
    assert exercised >= {"GET /applications", "POST /applications", "POST /applications/{id}/stages", "GET /jobs?search=",
                         "GET /matches", "GET /analytics/dashboard", "POST /auth/register", "POST /auth/login"}, exercised
    # and the work the requests enqueued was all taken by the worker
    assert backlog == 0
    assert loadstack.worker_task_counts(tmp_path)["failed"] == 0
