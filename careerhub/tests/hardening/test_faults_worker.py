"""A Celery worker's pool process killed (SIGKILL) in the middle of a match refresh.

The refresh task acknowledges late and is rejected back to the queue when its worker process
is lost (CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST), so the worker runs it again;
the refresh is idempotent, so the user ends with exactly the matches of one clean run.
"""

from __future__ import annotations

import os
import re
import signal
import uuid

import pytest

from careerhub.tests.hardening.stack import Response, Stack, table, wait_until
from jobs.models import Match

pytestmark = pytest.mark.integration

JOBS = 2500
# Small batches, so that a refresh lasts long enough (about a second) to be caught running.
REFRESH_BATCH_SIZE = "25"
FIRST_PROFILE = {"skills": ["Python", "Django", "PostgreSQL"], "experience_years": 5}
SECOND_PROFILE = {"skills": ["Go", "Kubernetes", "AWS", "Docker"], "experience_years": 8}

INSERT_JOBS = """
import random
from django.utils import timezone
from jobs.models import Job
from jobs.matching.features import job_feature_values

SKILLS = ["Python", "Django", "PostgreSQL", "Go", "Rust", "React", "TypeScript", "Kubernetes", "AWS", "Docker", "Java"]
rng = random.Random(2024)
rows = []
for n in range({count}):
    tags = rng.sample(SKILLS, 3)
    title = rng.choice(["Backend", "Frontend", "Platform", "Data"]) + " Engineer"
    company = "Company %d" % n
    description = "We use " + ", ".join(tags) + ". %d years of experience." % rng.randint(1, 9)
    rows.append(Job(
        source="remoteok", source_id="{prefix}-%d" % n, title=title, company=company, description=description, tags=tags,
        remote_type=rng.choice(["remote", "hybrid", "onsite"]), scraped_at=timezone.now(),
        **job_feature_values(title=title, description=description, tags=tags, company=company),
    ))
Job.objects.bulk_create(rows, batch_size=1000)
"""


def ok(response: Response, status: int = 200) -> dict:
    assert response.status == status, (response.status, response.body)
    return response.body


def refresh_status(stack: Stack, token: str) -> dict:
    return ok(stack.get("/api/v1/matches/refresh/status", token=token))


def refresh(stack: Stack, token: str) -> dict:
    """One refresh, from the request to its end."""
    assert ok(stack.post("/api/v1/matches/refresh", token=token))["status"] == "processing"
    return wait_until(lambda: finished(refresh_status(stack, token)), seconds=60, what="the refresh", interval=0.1)


def finished(state: dict) -> dict | None:
    return state if state["status"] in ("completed", "failed") else None


def matches_of(stack: Stack, user_id: str) -> list[tuple]:
    return stack.sql(
        f"SELECT job_id, score, reasoning::text, analysis::text, status, scoring_version FROM {table(Match)} "
        "WHERE user_id = %s ORDER BY job_id",
        (user_id,),
    )


def user_with_history(stack: Stack) -> tuple[str, str]:
    """A user who refreshed against one profile and then changed it (their matches are stale)."""
    user_id, token = stack.register()
    ok(stack.request("PUT", "/api/v1/profile", FIRST_PROFILE, token=token))
    assert refresh(stack, token)["status"] == "completed"
    ok(stack.request("PUT", "/api/v1/profile", SECOND_PROFILE, token=token))
    return user_id, token


def test_a_refresh_whose_worker_process_is_killed_runs_again_to_the_same_end(stack):
    # given thousands of jobs, a worker with one pool process, and two users with the same history
    stack.shell(INSERT_JOBS.replace("{count}", str(JOBS)).replace("{prefix}", f"kill-{uuid.uuid4().hex[:8]}"))
    stack.start_worker(MATCH_REFRESH_BATCH_SIZE=REFRESH_BATCH_SIZE)
    clean_id, clean_token = user_with_history(stack)
    killed_id, killed_token = user_with_history(stack)
    # one of them refreshes undisturbed
    clean = refresh(stack, clean_token)
    assert clean["status"] == "completed", clean

    # when the other's refresh is caught running (the worker marked it processing; it is not
    # finished) and its pool process is killed
    assert ok(stack.post("/api/v1/matches/refresh", token=killed_token))["status"] == "processing"
    wait_until(
        lambda: refresh_status(stack, killed_token)["status"] == "processing", seconds=60, what="the refresh to run", interval=0.02
    )
    [pool_process] = stack.worker_pool_pids()
    os.kill(pool_process, signal.SIGKILL)

    # then the worker replaces the process and runs the refresh again, to completion
    wait_until(lambda: stack.worker_pool_pids() not in ([], [pool_process]), seconds=30, what="a new pool process")
    rerun = wait_until(lambda: finished(refresh_status(stack, killed_token)), seconds=60, what="the rerun", interval=0.1)
    assert rerun["status"] == "completed", rerun
    # (the same task, lost with its process, delivered again and finished once)
    log = stack.tail(stack.worker_log, 1_000_000)
    assert "WorkerLostError" in log
    received = re.findall(r"Task jobs\.refresh_matches\[([0-9a-f-]+)\] received", log)
    [task_id] = {task for task in received if received.count(task) == 2}
    assert log.count(f"jobs.refresh_matches[{task_id}] succeeded") == 1
    # and the end state is that of one clean run: the same matches, scores, reasoning and statuses
    assert rerun["result"] == clean["result"] and clean["result"]["total_jobs_processed"] >= JOBS
    assert matches_of(stack, killed_id) == matches_of(stack, clean_id) != []
