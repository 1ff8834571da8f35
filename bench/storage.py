"""What one entry costs: each kind of Redis key careerhub writes, and a stored match (inputs to docs/scaling.md).

Redis: a throwaway redis-server; Django's cache pointed at it (django-redis, as in production); each
kind of entry written by the code that writes it in production, then `MEMORY USAGE` of every key
(Redis's own count: key, value, and the entry's overhead) and the queue's growth for a fan-out task.

PostgreSQL: 2,000 job seekers and 300 jobs (bench/_synthetic.py), the fan-out's matches stored by
the fan-out itself (score only), then the match table's size with its indexes per row; then the same
matches with the reasoning and analysis a refresh stores, and the size again.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

TITLE = "Bytes per cached entry and per stored match (inputs to docs/scaling.md)"
SEEKERS = 2_000
JOBS = 300


def _usage(client, pattern: str) -> tuple[int, float]:
    keys = list(client.scan_iter(match=f"*{pattern}*", count=1000))
    sizes = [client.memory_usage(key) for key in keys]
    return len(keys), statistics.mean(sizes) if sizes else 0.0


def _sizes() -> tuple[float, float]:
    from django.db import connection

    from jobs.models import Match

    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL ANALYZE jobs_match")
        cursor.execute("SELECT pg_total_relation_size('jobs_match'), pg_indexes_size('jobs_match')")
        total, indexes = cursor.fetchone()
    rows = Match.objects.count()
    return total / rows, indexes / rows


def _match_bytes() -> tuple[int, tuple[float, float], tuple[float, float]]:
    """(matches, (bytes, index bytes) per match as the fan-out stores it, the same with the reasoning and analysis
    a refresh stores)."""
    from bench import _synthetic
    from jobs.matching import fanout
    from jobs.matching.selectors import match_explanations_fill
    from jobs.models import Job, Match

    _synthetic.load_seekers(SEEKERS, prefix="storage")
    _synthetic.copy_rows("jobs_job", _synthetic.JobGenerator(JOBS, seed=3, prefix="storage").rows(with_features=True))
    job_ids = fanout.fanout_job_ids(Job.objects.values_list("pk", flat=True))
    for first, last in fanout.user_ranges(size=SEEKERS):
        fanout.matches_fanout_chunk(job_ids=job_ids, first_user_id=first, last_user_id=last)
    score_only = _sizes()
    matches = list(Match.objects.select_related("job"))
    match_explanations_fill(matches)
    Match.objects.bulk_update(matches, ["reasoning", "analysis"], batch_size=2_000)
    return len(matches), score_only, _sizes()


def run(context) -> str:
    import redis as redis_client
    from django.test.utils import override_settings
    from kombu import Connection

    from accounts.models import User
    from careerhub.celery import app
    from careerhub.tests.hardening import loadstack
    from jobs.matching import fanout, refresh_state
    from jobs.matching.career_impact import career_impacts
    from jobs.matching.selectors import candidate_get
    from jobs.matching.services import matches_changed
    from jobs.models import Job
    from jobs.tests import factories
    from profiles.models import Profile

    with tempfile.TemporaryDirectory(prefix="careerhub-cache.") as workdir, loadstack.redis_server(Path(workdir)) as url:
        caches_setting = {
            "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}}
        }
        # Django's test signals give the cache a new handler when CACHES changes.
        with override_settings(CACHES=caches_setting):
            user = User.objects.create(email="cache@example.com", username="cache", password="!")
            Profile.objects.create(user=user, **factories.PROFILE)
            jobs = [factories.job(factories.STRONG_JOB, title=f"Senior Backend Engineer {n}") for n in range(50)]
            candidate = candidate_get(user_id=user.pk)
            career_impacts(candidate=candidate, jobs=list(Job.objects.filter(pk__in=[j.pk for j in jobs])))
            refresh_state.refresh_state_set(user_id=user.pk, status="completed", message="Found 1000 matches (12 new)",
                                            result={"matches_created": 12, "matches_updated": 988, "total_jobs_processed": 100000}, progress=100)
            refresh_state.refresh_lock_acquire(user_id=user.pk)
            matches_changed(user_id=user.pk)
            client = redis_client.Redis.from_url(url)
            rows = [(label, *_usage(client, pattern)) for label, pattern in [
                ("career-impact score (one job, one user)", "career-impact:v2:"),
                ("match refresh state", "match-refresh:"),
                ("match refresh lock", "match-refresh-lock:"),
                ("matches stamp", "matches-stamp:"),
            ]]
            with Connection(url) as connection:
                # 1,000 new jobs in a few runs of consecutive ids, as a scrape stores them; ten tasks in the queue
                runs = fanout.id_runs([*range(10_000_000, 10_000_600), *range(10_000_700, 10_001_100)])
                for _ in range(10):
                    app.send_task("jobs.fanout_new_jobs", kwargs={"job_id_runs": runs, "first_user_id": str(user.pk),
                                                                  "last_user_id": str(user.pk)}, connection=connection)
            task_bytes = client.memory_usage("celery") // 10
    match_rows, (match_bytes, index_bytes), (explained_bytes, explained_index_bytes) = _match_bytes()
    lines = [
        f"## {TITLE}",
        "",
        "Each entry written by the production code path into a throwaway Redis through django-redis, measured with",
        "`MEMORY USAGE` (key, value and Redis's per-entry overhead).",
        "",
        "| entry | keys written | bytes each |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {count} | {size:,.0f} |" for label, count, size in rows),
        f"| a queued fan-out task (1,000 new jobs as two runs of ids, one user range) | 1 | {task_bytes:,} |",
        "",
        f"A stored match, written by the fan-out ({match_rows:,} matches of {SEEKERS:,} job seekers × {JOBS} jobs, after",
        f"VACUUM FULL): **{match_bytes:,.0f} bytes per match** with its indexes, of which {index_bytes:,.0f} in the five indexes",
        "(primary key, (user, job), (user, status, score), (user, score), job); the fan-out stores the score without its",
        "explanation. With the reasoning JSON and the analysis a refresh stores (the same matches, filled in and saved):",
        f"**{explained_bytes:,.0f} bytes per match**, {explained_index_bytes:,.0f} of them in the indexes.",
        "",
    ]
    return "\n".join(lines)
