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

import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

TITLE = "Load: a realistic mix against gunicorn on PostgreSQL + Redis (locust)"

JOBS = 5000
JOB_SEEKERS = 60
# Concurrent users per run: the CI load test's level, then twice that.
LEVELS = (20, 40)
SPAWN_RATE = 8
SECONDS = 60
ALONE_SECONDS = 60
WORKERS = 3
DRAIN_SECONDS = 120
TARGET_WORKER_MB = 150
# /proc reports KiB; the figures here are in MB (10^6 bytes), as the target is.
MIB_IN_MB = 1.048576


def run(context) -> str:
    from careerhub.tests.hardening import loadstack

    load_before = os.getloadavg()[0]
    quick = context.quick
    jobs, seekers = (JOBS // 5, JOB_SEEKERS // 6) if quick else (JOBS, JOB_SEEKERS)
    levels, seconds, alone_seconds = ((5, 10), 15, 10) if quick else (LEVELS, SECONDS, ALONE_SECONDS)
    print(f"[bench] load: seeding {jobs:,} jobs and {seekers} job seekers (matches by the real refresh)", flush=True)
    loadstack.seed_jobs(jobs)
    people = loadstack.seed_job_seekers(seekers)
    started = time.perf_counter()
    loadstack.password_hash()
    hash_ms = (time.perf_counter() - started) * 1000

    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="careerhub-load.")))
        redis = stack.enter_context(loadstack.redis_server(workdir))
        environment = loadstack.stack_environment(
            database=loadstack.database_url(), redis=redis, workdir=workdir, signing_key=loadstack.signing_key()
        )
        stack.enter_context(loadstack.celery_worker(environment=environment, workdir=workdir))
        server = stack.enter_context(loadstack.gunicorn(environment=environment, workdir=workdir, workers=WORKERS))
        idle_memory = server.worker_memory()
        runs = []
        for users, duration in ((1, alone_seconds), *((level, seconds) for level in levels)):
            print(f"[bench] load: {users} user(s) for {duration} s", flush=True)
            run_dir = workdir / f"users-{users}"
            run_dir.mkdir()
            # Fresh tokens for every run: a refresh token is spent when it is rotated (blacklisted).
            accounts = loadstack.accounts_file(people, run_dir)
            result = loadstack.run_locust(host=server.url, accounts=accounts, workdir=run_dir, users=users,
                                          spawn_rate=min(users, SPAWN_RATE), seconds=duration)
            print(f"[bench] load:   {result.total.requests} requests, {result.total.rps:.1f}/s, p50 {result.total.p50:.0f} ms, "
                  f"p95 {result.total.p95:.0f} ms, failures {result.total.failures}", flush=True)
            runs.append(result)
        memory = server.worker_memory()
        statuses = server.statuses()
        server_errors = server.server_errors()
        backlog, drained_in = loadstack.wait_for_backlog(redis, seconds=DRAIN_SECONDS)
        tasks = loadstack.worker_task_counts(workdir)
    load = (load_before, os.getloadavg()[0])
    return _report(
        jobs=jobs, seekers=seekers, alone=runs[0], loaded=runs[1:], idle_memory=idle_memory, memory=memory,
        statuses=statuses, server_errors=server_errors, backlog=backlog, drained_in=drained_in, tasks=tasks,
        hash_ms=hash_ms, load=load,
    )


class _NoRequests:
    requests, p50, p95 = 0, 0.0, 0.0


_NONE = _NoRequests()


def _memory(workers: list[dict]) -> str:
    return ", ".join(f"{worker['rss'] * MIB_IN_MB:.0f} MB ({worker['uss'] * MIB_IN_MB:.0f})" for worker in workers)


def _report(
    *, jobs, seekers, alone, loaded, idle_memory, memory, statuses, server_errors, backlog, drained_in, tasks, hash_ms, load
) -> str:
    alone_p50 = {row.name: row.p50 for row in alone.endpoints if row.requests}
    alone_n = {row.name: row.requests for row in alone.endpoints}
    by_level = [{row.name: row for row in result.endpoints} for result in loaded]
    names = sorted({name for level in by_level for name in level}, key=lambda name: -by_level[-1].get(name, _NONE).requests)
    rows = []
    for name in names:
        base = alone_p50.get(name)
        cells = []
        for level in by_level:
            row = level.get(name, _NONE)
            cells.append(f"{row.requests:,} | {row.p50:.0f} / {row.p95:.0f} | {f'{row.p50 / base:.1f}×' if base and row.requests else '—'}")
        rows.append(f"| `{name}` | {f'{base:.0f} ({alone_n[name]})' if base else '—'} | " + " | ".join(cells) + " |")
    failures = sum(result.total.failures for result in [alone, *loaded])
    server_5xx = sum(count for status, count in statuses.items() if status >= 500)
    errors = failures + len(server_errors) + server_5xx
    worst = max((m["rss"] for m in memory), default=0.0) * MIB_IN_MB
    status_line = ", ".join(f"{status} × {count:,}" for status, count in sorted(statuses.items()))
    level_header = " | ".join(f"{r.users} users: count | p50 / p95 | ÷ alone" for r in loaded)
    totals = [
        f"| {r.users} | {r.seconds} s | {r.total.requests:,} | {r.total.failures} | {r.total.rps:.1f} | {r.total.p50:.0f} | {r.total.p95:.0f} |"
        for r in [alone, *loaded]
    ]
    return "\n".join([
        f"## {TITLE}",
        "",
        f"{jobs:,} jobs and {seekers} seeded job seekers (10–30 applications each with stages, tags, outcomes and",
        "reflections; matches computed by the real refresh). gunicorn with "
        f"{WORKERS} sync workers (`careerhub.wsgi:application`, production",
        "settings, persistent database connections), one Celery worker, PostgreSQL and Redis, all on this machine;",
        "locust in its own process on the same CPUs, users waiting 0.2–1 s between requests. Most users arrive",
        "signed in (tokens minted at seeding, like a browser session), a quarter sign in with their password first,",
        "one in ten is a newcomer who registers, signs in, fills in a profile and asks for matches (a Celery task).",
        "Throttles are relaxed (`THROTTLE_<SCOPE>`): the load comes from one address. The floor is the same mix",
        f"driven by one user on the idle stack; then {' and '.join(str(r.users) for r in loaded)} users, one run after the other.",
        "",
        f"Machine load (1-minute average) {load[0]:.1f} before this benchmark and {load[1]:.1f} at its end (which counts",
        f"its own processes), on {os.cpu_count()} CPUs.",
        "",
        f"**Errors: {errors}** over every run (failed requests {failures}, 5xx in the server's access log {server_5xx}, "
        f"tracebacks or worker timeouts in its error log {len(server_errors)}). Server statuses: {status_line}.",
        "",
        *(f"- failed: {f['Method']} {f['Name']}: {f['Error']} × {f['Occurrences']} ({r.users} users)" for r in [alone, *loaded] for f in r.failures),
        "",
        "| users | for | requests | failures | req/s | p50 ms | p95 ms |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *totals,
        "",
        "Per request type, milliseconds (locust rounds its percentiles to two significant digits; alone, in brackets,",
        "how many requests of the type the one user made, so a ratio over a handful of them is rough):",
        "",
        f"| request | p50 alone | {level_header} |",
        "| --- | ---: |" + " ---: | ---: | ---: |" * len(loaded),
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
        "### Why these numbers",
        "",
        "- Signing in and registering are slow on purpose: Django 5.2 hashes passwords with PBKDF2-SHA256 at",
        f"  1,000,000 iterations, {hash_ms:.0f} ms of CPU per hash here. A sync worker hashing is busy for that long, so while users sign",
        "  in (mostly during the ramp-up) the other requests queue behind them: that is where the p95 of every",
        "  request type comes from, and why most simulated users arrive with a session rather than a password.",
        f"- Everything shares {os.cpu_count()} CPUs: locust itself, {WORKERS} gunicorn workers, PostgreSQL, Redis and the Celery",
        "  worker (which runs each newcomer's match refresh over every job). Once the CPUs are busy, more users add",
        "  queueing, not throughput: compare the levels' req/s with their p50 (users wait 0.6 s on average between",
        f"  requests, so {' and '.join(f'{r.users} users ask for at most ~{r.users / 0.6:.0f} requests/s' for r in loaded)}).",
        "- Memory: a worker starts at ~100 MB and grows by 15–30 MB as it serves every endpoint. Before this",
        "  benchmark it started at ~150 MB: `careerhub.llm` imported the `anthropic` SDK (~3,000 modules) at",
        "  start-up; it is now imported on the first call to Claude, so a worker that never calls it never pays.",
        "  gunicorn's `--preload` would share the imported code between workers too (their private part is the",
        "  figure in brackets); the deployment (docker-compose.yml) does not use it, so neither does this run.",
        "",
    ])
