"""The realistic mix under load: locust, headless, in its own process, against gunicorn (production
settings, 3 sync workers) and a Celery worker on PostgreSQL and a throwaway Redis.

The mix is bench/_locustfile.py (sign-up and sign-in, listing, opening and creating applications,
adding stages, searching and browsing jobs, matches, the dashboard, token refresh). Its floor is
the same mix driven by one user on the idle stack, just before: per request type, loaded p50 ÷
alone p50 is what the concurrency costs. Memory per gunicorn worker is read after the load.
The same stack and mix run for 18 s in CI (careerhub/tests/hardening/test_load.py), where zero
errors is asserted; here the figures are recorded.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path

TITLE = "Load: a realistic mix against gunicorn on PostgreSQL + Redis (locust)"

JOBS = 5000
JOB_SEEKERS = 60
USERS = 40
SPAWN_RATE = 8
SECONDS = 60
ALONE_SECONDS = 30
WORKERS = 3
DRAIN_SECONDS = 120
TARGET_WORKER_MB = 150


def run(context) -> str:
    from careerhub.tests.hardening import loadstack

    quick = context.quick
    jobs, seekers = (JOBS // 5, JOB_SEEKERS // 6) if quick else (JOBS, JOB_SEEKERS)
    users, seconds, alone_seconds = (10, 15, 10) if quick else (USERS, SECONDS, ALONE_SECONDS)
    print(f"[bench] load: seeding {jobs:,} jobs and {seekers} job seekers (matches by the real refresh)", flush=True)
    loadstack.seed_jobs(jobs)
    people = loadstack.seed_job_seekers(seekers)

    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="careerhub-load.")))
        accounts = loadstack.accounts_file(people, workdir)
        redis = stack.enter_context(loadstack.redis_server(workdir))
        environment = loadstack.stack_environment(
            database=loadstack.database_url(), redis=redis, workdir=workdir, signing_key=loadstack.signing_key()
        )
        stack.enter_context(loadstack.celery_worker(environment=environment, workdir=workdir))
        server = stack.enter_context(loadstack.gunicorn(environment=environment, workdir=workdir, workers=WORKERS))
        idle_memory = server.worker_memory()
        print(f"[bench] load: one user for {alone_seconds} s", flush=True)
        alone_dir = workdir / "alone"
        alone_dir.mkdir()
        alone = loadstack.run_locust(host=server.url, accounts=accounts, workdir=alone_dir, users=1, spawn_rate=1, seconds=alone_seconds)
        print(f"[bench] load: {users} users for {seconds} s", flush=True)
        loaded = loadstack.run_locust(host=server.url, accounts=accounts, workdir=workdir, users=users,
                                      spawn_rate=min(users, SPAWN_RATE), seconds=seconds)
        memory = server.worker_memory()
        statuses = server.statuses()
        server_errors = server.server_errors()
        backlog, drained_in = loadstack.wait_for_backlog(redis, seconds=DRAIN_SECONDS)
        tasks = loadstack.worker_task_counts(workdir)
    print(f"[bench] load: {loaded.total.requests} requests, {loaded.total.rps:.1f}/s, p50 {loaded.total.p50:.0f} ms, "
          f"p95 {loaded.total.p95:.0f} ms, failures {loaded.total.failures}", flush=True)
    return _report(
        jobs=jobs, seekers=seekers, alone=alone, loaded=loaded, idle_memory=idle_memory, memory=memory, statuses=statuses,
        server_errors=server_errors, backlog=backlog, drained_in=drained_in, tasks=tasks,
    )


def _memory(workers: list[dict]) -> str:
    return ", ".join(f"{worker['rss']:.0f} MB ({worker['uss']:.0f})" for worker in workers)


def _report(*, jobs, seekers, alone, loaded, idle_memory, memory, statuses, server_errors, backlog, drained_in, tasks) -> str:
    alone_p50 = {row.name: row.p50 for row in alone.endpoints if row.requests}
    rows = []
    for row in sorted(loaded.endpoints, key=lambda r: -r.requests):
        base = alone_p50.get(row.name)
        ratio = f"{row.p50 / base:.1f}×" if base else "—"
        rows.append(
            f"| `{row.name.split(' ', 1)[1]}` | {row.requests:,} | {row.failures} | {row.rps:.1f} | {row.p50:.0f} / {row.p95:.0f} "
            f"| {f'{base:.0f}' if base else '—'} | {ratio} |"
        )
    total = loaded.total
    errors = total.failures + len(server_errors) + sum(count for status, count in statuses.items() if status >= 500)
    worst = max((m["rss"] for m in memory), default=0.0)
    status_line = ", ".join(f"{status} × {count:,}" for status, count in sorted(statuses.items()))
    return "\n".join([
        f"## {TITLE}",
        "",
        f"{jobs:,} jobs and {seekers} seeded job seekers (10–30 applications each with stages, tags, outcomes and",
        "reflections; matches computed by the real refresh). gunicorn with "
        f"{WORKERS} sync workers (`careerhub.wsgi:application`, production",
        "settings, persistent database connections), one Celery worker, PostgreSQL and Redis, all on this machine;",
        f"locust {loaded.users} users (think time 0.2–1 s) for {loaded.seconds} s, in its own process on the same CPUs.",
        "Most users arrive signed in (tokens minted at seeding, like a browser session), a quarter sign in with",
        "their password first, one in ten is a newcomer who registers, signs in, fills in a profile and asks for",
        "matches (a Celery task). Throttles are relaxed (`THROTTLE_<SCOPE>`): the load comes from one address.",
        "",
        f"**Errors: {errors}** (failed requests {total.failures}, 5xx in the server's access log "
        f"{sum(c for s, c in statuses.items() if s >= 500)}, tracebacks or worker timeouts in its error log {len(server_errors)}). "
        f"Server statuses: {status_line}.",
        "",
        f"**Throughput {total.rps:.1f} requests/s; p50 {total.p50:.0f} ms, p95 {total.p95:.0f} ms** over {total.requests:,} requests.",
        "",
        "Per request type, milliseconds (locust's percentiles are rounded to two significant digits). The floor is the",
        f"same mix driven by one user for {alone.seconds} s just before, on the idle stack:",
        "",
        "| request | count | failures | req/s | p50 / p95 under load | p50 alone | load ÷ alone (p50) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        "Memory per gunicorn worker (RSS; in brackets the part not shared with other processes):",
        "",
        f"- after start-up: {_memory(idle_memory)}",
        f"- after the load: {_memory(memory)}",
        "",
        f"**Memory per worker under {TARGET_WORKER_MB} MB: {'met' if worst < TARGET_WORKER_MB else 'missed'}** (largest {worst:.0f} MB).",
        "",
        f"Background work: the worker ran {tasks['succeeded']} tasks ({tasks['failed']} failed, {tasks['retried']} retried); "
        f"{'the queue was empty' if backlog == 0 else f'{backlog} tasks were still queued'} {drained_in:.1f} s after the load.",
        "",
    ])
