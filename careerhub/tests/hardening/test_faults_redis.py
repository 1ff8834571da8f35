"""Redis (cache, throttles, task state and the Celery broker) stopped under a running careerhub.

Reads answer from the database (cache misses), sign-in works (throttles let requests through),
writes are stored and the tasks they publish are kept as DeferredTask rows; what cannot work
without Redis answers 503 with Retry-After. Nothing answers 500 and no request takes longer
than REQUEST_BUDGET_SECONDS. Once Redis is back, resending the kept tasks completes the work.
"""

from __future__ import annotations

import pytest

from accounts.models import User
from careerhub.models import DeferredTask
from careerhub.tests.hardening.stack import PASSWORD, Response, Stack, table, wait_until
from insights.models import Milestone, UserMilestone
from jobs.models import Match
from jobs.tests import factories as job_factories
from profiles.models import CvUpload, Profile
from tracker.models import Application, ApplicationStage, Reflection

pytestmark = pytest.mark.integration

REQUEST_BUDGET_SECONDS = 2.0
CV_TEXT = b"Ada Lovelace\nada@example.com\n\nSkills\nPython, PostgreSQL, Django\n\nExperience\nSenior Engineer at Acme (2019 - present)\n"
POSTING = {
    "title": "Backend Engineer",
    "company": "Acme Payments",
    "description": "Python, Django and PostgreSQL. Remote. 3 years of experience.",
    "tags": ["Python", "Django"],
}


def answered(response: Response, *statuses: int) -> Response:
    """The request answered one of `statuses`, never 500, within the budget."""
    assert response.status != 500, response.body
    assert response.status in statuses, (response.status, response.body)
    assert response.elapsed < REQUEST_BUDGET_SECONDS, f"took {response.elapsed:.2f}s"
    return response


def unavailable(response: Response) -> Response:
    """A clear 503 in the error shape, with Retry-After, within the budget."""
    answered(response, 503)
    assert set(response.body) == {"detail", "code"} and response.body["detail"], response.body
    assert int(response.header("Retry-After")) > 0
    return response


def deferred(stack: Stack, user_id: str) -> list[str]:
    rows = stack.sql(f"SELECT task_name FROM {table(DeferredTask)} WHERE kwargs->>'user_id' = %s ORDER BY id", (user_id,))
    return [name for (name,) in rows]


def milestones_of(stack: Stack, user_id: str) -> set[str]:
    rows = stack.sql(
        f"SELECT m.name FROM {table(UserMilestone)} um JOIN {table(Milestone)} m ON m.id = um.milestone_id "
        "WHERE um.user_id = %s",
        (user_id,),
    )
    return {name for (name,) in rows}


@pytest.fixture
def tester(stack: Stack):
    """A signed-up user (as seen through the API) with a profile and one application."""
    user_id, token = stack.register()
    answered(stack.request("PUT", "/api/v1/profile", {"skills": ["Python", "Django"], "experience_years": 4}, token=token), 200)
    application = answered(
        stack.post("/api/v1/applications", {"company_name": "Acme", "role_title": "Engineer", "status": "Applied"}, token=token), 201
    ).body
    job = answered(stack.post("/api/v1/user-jobs", POSTING, token=token), 201).body
    match_id = stack.scalar(f"SELECT id FROM {table(Match)} WHERE user_id = %s AND job_id = %s", (user_id, job["id"]))
    email = stack.scalar(f"SELECT email FROM {table(User)} WHERE id = %s", (user_id,))
    return {"id": user_id, "token": token, "email": email, "application_id": application["id"], "match_id": str(match_id)}


def test_reads_and_sign_in_answer_while_redis_is_down(stack, tester):
    token = tester["token"]
    # given Redis is stopped under the running application
    stack.stop_redis()

    # then every read answers from the database
    jobs = answered(stack.get("/api/v1/jobs", token=token), 200).body
    assert jobs["total"] >= 0
    applications = answered(stack.get("/api/v1/applications", token=token), 200).body
    assert [a["id"] for a in applications] == [tester["application_id"]]
    dashboard = answered(stack.get("/api/v1/analytics/dashboard", token=token), 200).body
    assert {row["status"]: row["count"] for row in dashboard["pipeline"]}["Applied"] == 1
    answered(stack.get("/api/v1/matches?min_score=0", token=token), 200)
    answered(stack.get("/api/v1/users/me", token=token), 200)
    answered(stack.get("/api/v1/profile", token=token), 200)

    # and signing in still works: the login throttle lets the request through
    signed_in = answered(stack.post("/api/v1/auth/login", {"email": tester["email"], "password": PASSWORD}), 200)
    assert answered(stack.get("/api/v1/applications", token=signed_in.body["access_token"]), 200).body == applications
    # and so does signing up (its milestone evaluations are kept for later)
    new_user = answered(stack.post("/api/v1/auth/register", {"email": f"late-{tester['id']}@example.com", "password": PASSWORD}), 201)
    assert set(deferred(stack, new_user.body["user"]["id"])) == {"insights.evaluate_milestones"}


def test_writes_made_while_redis_is_down_are_stored_and_their_tasks_kept(stack, tester):
    token, user_id, application_id = tester["token"], tester["id"], tester["application_id"]
    stack.stop_redis()

    # when the user keeps working
    created = answered(
        stack.post("/api/v1/applications", {"company_name": "Globex", "role_title": "Engineer", "status": "Applied"}, token=token), 201
    ).body
    stage = answered(
        stack.post(f"/api/v1/applications/{application_id}/stages", {"stage_name": "Recruiter call", "stage_date": "2030-01-02"}, token=token),
        201,
    ).body
    reflection = answered(
        stack.post(f"/api/v1/applications/{application_id}/reflection", {"what_worked": "Preparing stories"}, token=token), 201
    ).body
    answered(stack.request("PUT", "/api/v1/profile", {"skills": ["Python", "Go"]}, token=token), 200)

    # then every write is in the database
    assert stack.scalar(f"SELECT company_name FROM {table(Application)} WHERE id = %s", (created["id"],)) == "Globex"
    assert stack.scalar(f"SELECT stage_name FROM {table(ApplicationStage)} WHERE id = %s", (stage["id"],)) == "Recruiter call"
    assert stack.scalar(f"SELECT what_worked FROM {table(Reflection)} WHERE id = %s", (reflection["id"],)) == "Preparing stories"
    assert stack.scalar(f"SELECT skills FROM {table(Profile)} WHERE user_id = %s", (user_id,)) == ["Python", "Go"]
    # and the tasks they published are kept for later, not lost
    kept = deferred(stack, user_id)
    assert kept.count("insights.evaluate_milestones") == 2  # the application and the reflection
    assert {"jobs.forget_career_impact", "insights.forget_recommendations", "tracker.forget_dashboard"} <= set(kept)
    # and the API still answers once Redis is back
    stack.start_redis()
    answered(stack.get("/api/v1/applications", token=token), 200)


def test_what_cannot_work_without_redis_answers_503_with_retry_after(stack, tester):
    token, match_id = tester["token"], tester["match_id"]
    stack.stop_redis()

    # A refresh's lock and progress live in Redis: it cannot be started or followed.
    unavailable(stack.post("/api/v1/matches/refresh", token=token))
    unavailable(stack.get("/api/v1/matches/refresh/status", token=token))
    # A generation is tracked in Redis (state, in-flight slot) and run by a worker.
    unavailable(stack.post(f"/api/v1/matches/{match_id}/generate-cover-letter", token=token))
    unavailable(stack.post(f"/api/v1/matches/{match_id}/generate-highlights", token=token))
    unavailable(stack.post(f"/api/v1/matches/{match_id}/regenerate", token=token))


def test_a_cv_uploaded_while_redis_is_down_is_kept_and_parsed_once_it_is_back(stack, tester):
    token, user_id = tester["token"], tester["id"]
    stack.start_worker()
    stack.stop_redis()

    # when a CV is uploaded, the answer comes at once: stored, its parse queued for later
    response = answered(stack.upload("/api/v1/profile/cv", "cv.txt", CV_TEXT, token=token), 202)
    assert response.body["status"] == CvUpload.Status.PENDING
    assert stack.scalar(f"SELECT count(*) FROM {table(CvUpload)} WHERE user_id = %s", (user_id,)) == 1
    assert "profiles.parse_cv" in [name for (name,) in stack.sql(f"SELECT task_name FROM {table(DeferredTask)}")]

    # and once Redis is back and the kept tasks are resent, the worker parses it
    stack.start_redis()
    stack.manage("resend_deferred_tasks")
    wait_until(
        lambda: stack.scalar(f"SELECT status FROM {table(CvUpload)} WHERE user_id = %s", (user_id,)) == CvUpload.Status.COMPLETED,
        seconds=30, what="the CV to be parsed", interval=0.2,
    )
    assert answered(stack.get("/api/v1/profile/cv/parsed", token=token), 200).body["skills"]


def test_work_queued_while_redis_was_down_completes_once_it_is_back(stack):
    # given a worker, and a new user whose sign-up milestone has been awarded
    stack.start_worker()
    user_id, token = stack.register()
    wait_until(lambda: "Getting Started" in milestones_of(stack, user_id), seconds=30, what="the sign-up milestone", interval=0.2)

    # when their first application is tracked while Redis is down
    stack.stop_redis()
    answered(stack.post("/api/v1/applications", {"company_name": "Initech", "role_title": "Engineer", "status": "Applied"}, token=token), 201)
    assert deferred(stack, user_id) == ["insights.evaluate_milestones"]
    assert "First Application" not in milestones_of(stack, user_id)

    # then once Redis is back and the kept tasks are resent, the worker awards the milestone
    stack.start_redis()
    sent = stack.manage("resend_deferred_tasks")
    assert "Resent" in sent, sent
    wait_until(lambda: "First Application" in milestones_of(stack, user_id), seconds=30, what="the milestone", interval=0.2)
    assert deferred(stack, user_id) == []
    mine = answered(stack.get("/api/v1/progress/milestones/mine", token=token), 200).body
    assert "First Application" in [award["milestone"]["name"] for award in mine]


def test_kept_tasks_are_resent_by_beat():
    from celery import current_app
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["careerhub-resend-deferred-tasks"]
    assert entry["task"] in current_app.tasks
    assert entry["schedule"].total_seconds() == settings.DEFERRED_TASKS_RESEND_SECONDS


@pytest.mark.django_db
def test_a_generation_asked_for_while_only_the_broker_is_down_answers_at_once_and_runs_once_it_is_back(
    user, auth_client, no_llm, monkeypatch, settings
):
    import time

    from celery import current_app
    from kombu.exceptions import OperationalError

    from careerhub.tasks import deferred_tasks_resend
    from jobs.generation.services import GENERATE_TASK

    # given a match, a long generation wait, and a broker (but not the cache) refusing connections
    settings.GENERATION_WAIT_SECONDS = 30
    job = job_factories.job(title="Backend Developer", company="Acme")
    match = Match.objects.create(user=user, job=job, score=80, reasoning={"overall_score": 80})
    Profile.objects.create(user=user, skills=["Python"], experience_years=3)
    task = current_app.tasks[GENERATE_TASK]

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to the broker. Connection refused.")

    monkeypatch.setattr(task, "apply_async", refuse)

    # when the user asks for a cover letter
    started = time.monotonic()
    response = auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter")

    # then the answer comes at once (nothing can finish during the wait): 202 with where to poll
    assert response.status_code == 202, response.json()
    assert time.monotonic() - started < settings.GENERATION_WAIT_SECONDS / 3
    assert list(DeferredTask.objects.values_list("task_name", flat=True)) == [GENERATE_TASK]

    # and once the broker is back the kept task runs (in-process here) and the poll has the letter
    monkeypatch.setattr(current_app, "send_task", lambda name, args, kwargs: current_app.tasks[name].apply(args, kwargs))
    assert deferred_tasks_resend() == 1
    done = auth_client.get(response.json()["poll_url"])
    assert done.status_code == 200, done.json()
    assert done.json()["cover_letter"] and done.json()["model"] == "heuristic"
