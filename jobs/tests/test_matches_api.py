"""Seed 004 "Matches": the list, a match's status (applied → the tracker), refresh and its status."""

import uuid
from datetime import date

import pytest
from django.utils import timezone

from accounts.tests.clock import TONGA, set_clock
from jobs.matching import refresh_state
from jobs.models import Match
from jobs.tests import factories as f
from tracker.models import Application

pytestmark = pytest.mark.django_db

LIST = "/api/v1/matches"
REFRESH = "/api/v1/matches/refresh"
REFRESH_STATUS = "/api/v1/matches/refresh/status"


def status_url(match_id) -> str:
    return f"/api/v1/matches/{match_id}/status"


# --- GET /matches --------------------------------------------------------------------------------


def test_the_list_answers_seed_004s_shape(auth_client, user):
    # given
    match = f.match(user, f.job(f.STRONG_JOB, title="Senior Python Developer", company="Tech Startup Inc"), score=85.5)
    # when
    body = auth_client.get(LIST).json()
    # then
    assert set(body) >= {"matches", "total", "limit", "offset"}
    assert (body["total"], body["limit"], body["offset"]) == (1, 50, 0)
    item = body["matches"][0]
    assert item["id"] == str(match.pk) and item["job_id"] == match.job_id and item["user_id"] == str(user.pk)
    assert (item["score"], item["status"], item["applied_at"]) == (85.5, "matched", None)
    assert set(item) >= {"reasoning", "analysis", "job", "cover_letter", "cv_highlights", "created_at"}
    assert set(item["job"]) == {"id", "title", "company", "url", "salary_min", "salary_max", "location", "tags"}
    assert item["job"]["company"] == "Tech Startup Inc"


def test_the_list_is_sorted_by_score_and_keeps_scores_of_50_and_up_by_default(auth_client, user):
    for score in (49.9, 50.0, 91.0, 72.5):
        f.match(user, f.job(f.STRONG_JOB), score=score)
    scores = [item["score"] for item in auth_client.get(LIST).json()["matches"]]
    assert scores == [91.0, 72.5, 50.0]


def test_min_score_and_status_filter_the_list(auth_client, user):
    f.match(user, f.job(f.STRONG_JOB), score=95, status="interested")
    f.match(user, f.job(f.STRONG_JOB), score=75, status="interested")
    f.match(user, f.job(f.STRONG_JOB), score=90, status="matched")
    body = auth_client.get(LIST, {"min_score": 80, "status": "interested"}).json()
    assert [(m["score"], m["status"]) for m in body["matches"]] == [(95.0, "interested")]
    assert body["total"] == 1
    assert [m["score"] for m in auth_client.get(LIST, {"min_score": 0}).json()["matches"]] == [95.0, 90.0, 75.0]


def test_rejected_and_hidden_matches_are_listed_only_when_asked_for(auth_client, user):
    f.match(user, f.job(f.STRONG_JOB), score=90, status="rejected")
    f.match(user, f.job(f.STRONG_JOB), score=80, status="hidden")
    f.match(user, f.job(f.STRONG_JOB), score=70)
    assert [m["status"] for m in auth_client.get(LIST).json()["matches"]] == ["matched"]
    assert [m["status"] for m in auth_client.get(LIST, {"status": "hidden"}).json()["matches"]] == ["hidden"]


@pytest.mark.parametrize("params", [{"status": "maybe"}, {"min_score": "high"}, {"min_score": "101"}, {"limit": "0"}])
def test_an_invalid_filter_is_a_400(auth_client, params):
    response = auth_client.get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) & set(params)


def test_an_unknown_status_filter_names_the_allowed_values(auth_client):
    message = auth_client.get(LIST, {"status": "maybe"}).json()["errors"]["status"][0]
    assert "matched, interested, applied, rejected, hidden" in message


def test_the_list_shows_only_the_users_own_matches(auth_client, other_client, user, other_user):
    f.match(other_user, f.job(f.STRONG_JOB), score=90)
    assert auth_client.get(LIST).json() == {"matches": [], "total": 0, "limit": 50, "offset": 0, "has_more": False}


def test_a_match_scored_against_an_older_profile_is_marked_stale(auth_client, user):
    # given a match scored against version 0, and a profile since changed (version 1)
    f.candidate_profile(user, scoring_version=1)
    f.match(user, f.job(f.STRONG_JOB), score=90)
    fresh = f.match(user, f.job(f.STRONG_JOB), score=80)
    Match.objects.filter(pk=fresh.pk).update(scoring_version=1)
    # then
    assert [m["stale"] for m in auth_client.get(LIST).json()["matches"]] == [True, False]


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_costs_the_same_queries_for_one_match_or_fifty(auth_client, user, rows, django_assert_num_queries):
    for _ in range(rows):
        f.match(user, f.job(f.STRONG_JOB), score=90)
    # 1: the user behind the token, 2: the page with its jobs, its total (window) and the profile version (subquery)
    with django_assert_num_queries(2):
        body = auth_client.get(LIST, {"limit": 200}).json()
    assert len(body["matches"]) == body["total"] == rows


# --- PUT /matches/{id}/status --------------------------------------------------------------------


def test_setting_a_status_answers_seed_004s_shape(auth_client, user):
    match = f.match(user, f.job(f.STRONG_JOB), score=85.5)
    response = auth_client.put(status_url(match.pk), {"status": "interested"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "job_id", "user_id", "score", "status", "reason", "applied_at", "updated_at"}
    assert (body["id"], body["status"], body["score"], body["applied_at"], body["reason"]) == (str(match.pk), "interested", 85.5, None, None)
    match.refresh_from_db()
    assert match.status == "interested"


def test_an_unknown_status_is_a_400_naming_the_allowed_values(auth_client, user):
    match = f.match(user, f.job(f.STRONG_JOB))
    response = auth_client.put(status_url(match.pk), {"status": "maybe"})
    assert response.status_code == 400
    assert response.json()["errors"]["status"] == [
        "'maybe' is not a valid status. Allowed values: matched, interested, applied, rejected, hidden."
    ]
    assert auth_client.put(status_url(match.pk), {}).status_code == 400


def test_applying_stamps_applied_at_and_creates_one_tracker_application(
    auth_client, user, django_capture_on_commit_callbacks
):
    # given
    job = f.job(
        f.STRONG_JOB,
        title="Senior Python Developer",
        company="TechCorp",
        url="https://techcorp.example/jobs/1",
        location="Remote (US)",
        remote_type="remote",
        job_type="contract",
        salary_min=120_000,
        salary_max=160_000,
    )
    match = f.match(user, job)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.put(status_url(match.pk), {"status": "applied"})
    # then
    assert response.status_code == 200 and response.json()["applied_at"] is not None
    application = Application.objects.get(user=user)
    assert application.source_match_id == match.pk
    assert (application.company_name, application.role_title, application.status) == ("TechCorp", "Senior Python Developer", "Applied")
    assert (application.url, application.location, application.work_mode, application.job_type) == (
        "https://techcorp.example/jobs/1", "Remote (US)", "remote", "contract"
    )
    assert (application.salary_min, application.salary_max, application.salary_currency) == (120_000, 160_000, "USD")
    assert (application.applied_source, application.applied_date) == ("Job Board", timezone.localdate())


def test_the_applications_date_is_the_users_day_of_applying(
    auth_client, user, monkeypatch, django_capture_on_commit_callbacks
):
    # given a user in Tonga (UTC+13), marking a match applied at 11:30 UTC: already tomorrow there
    user.timezone = TONGA
    user.save(update_fields=["timezone"])
    set_clock(monkeypatch, "2026-03-10T11:30:00+00:00")
    match = f.match(user, f.job(f.STRONG_JOB))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(status_url(match.pk), {"status": "applied"})
    # then the tracker dates it on the user's day, not the server's
    assert Application.objects.get(user=user).applied_date == date(2026, 3, 11)


def test_applying_again_keeps_the_first_stamp_and_the_one_application(auth_client, user, django_capture_on_commit_callbacks):
    match = f.match(user, f.job(f.STRONG_JOB))
    with django_capture_on_commit_callbacks(execute=True):
        first = auth_client.put(status_url(match.pk), {"status": "applied"}).json()["applied_at"]
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(status_url(match.pk), {"status": "interested"})
        again = auth_client.put(status_url(match.pk), {"status": "applied"}).json()["applied_at"]
    assert again == first
    assert Application.objects.filter(user=user).count() == 1


def test_applying_again_after_deleting_the_application_recreates_exactly_one(
    auth_client, user, django_capture_on_commit_callbacks
):
    # given a match applied to, whose tracker application the user then deleted
    match = f.match(user, f.job(f.STRONG_JOB, company="TechCorp"))
    with django_capture_on_commit_callbacks(execute=True):
        first = auth_client.put(status_url(match.pk), {"status": "applied"}).json()["applied_at"]
    deleted = Application.objects.get(user=user)
    assert auth_client.delete(f"/api/v1/applications/{deleted.pk}").status_code == 200
    assert not Application.objects.filter(user=user).exists()
    # when the match is marked applied again (it still is)
    with django_capture_on_commit_callbacks(execute=True):
        again = auth_client.put(status_url(match.pk), {"status": "applied"}).json()["applied_at"]
    # then the tracker has the application again, once, and the first stamp stays
    application = Application.objects.get(user=user)
    assert application.pk != deleted.pk
    assert (application.source_match_id, application.company_name) == (match.pk, "TechCorp")
    assert again == first


def test_applying_again_after_hiding_and_after_deleting_the_application_recreates_it(
    auth_client, user, django_capture_on_commit_callbacks
):
    # given an applied match, hidden, whose application was deleted
    match = f.match(user, f.job(f.STRONG_JOB))
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(status_url(match.pk), {"status": "applied"})
        auth_client.put(status_url(match.pk), {"status": "hidden"})
    Application.objects.filter(user=user).delete()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(status_url(match.pk), {"status": "applied"})
    # then
    assert list(Application.objects.filter(user=user).values_list("source_match_id", flat=True)) == [match.pk]


def test_marking_applied_twice_in_a_row_makes_one_application(auth_client, user, django_capture_on_commit_callbacks):
    # given
    match = f.match(user, f.job(f.STRONG_JOB))
    # when: both requests emit jobs.match_applied, so the tracker's task runs twice
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(status_url(match.pk), {"status": "applied"})
        auth_client.put(status_url(match.pk), {"status": "applied"})
    # then
    assert Application.objects.filter(user=user, source_match_id=match.pk).count() == 1


def test_leaving_applied_keeps_the_application(auth_client, user, django_capture_on_commit_callbacks):
    # given
    match = f.match(user, f.job(f.STRONG_JOB))
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(status_url(match.pk), {"status": "applied"})
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.put(status_url(match.pk), {"status": "hidden"})
    # then the application is the user's record of having applied
    assert response.json()["status"] == "hidden" and response.json()["applied_at"] is not None
    assert Application.objects.filter(user=user, source_match_id=match.pk).count() == 1


def test_someone_elses_match_is_not_found_on_every_match_route(auth_client, other_user):
    # given
    theirs = f.match(other_user, f.job(f.STRONG_JOB))
    # then: the status route, and the generation routes that share the match lookup
    assert auth_client.put(status_url(theirs.pk), {"status": "hidden"}).status_code == 404
    for action in ("generate-cover-letter", "generate-highlights", "regenerate"):
        assert auth_client.post(f"/api/v1/matches/{theirs.pk}/{action}").status_code == 404
    assert auth_client.put(status_url(uuid.uuid4()), {"status": "hidden"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "matched"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", LIST),
        ("put", status_url(uuid.UUID(int=1))),
        ("post", REFRESH),
        ("get", REFRESH_STATUS),
    ],
)
def test_every_match_route_needs_a_signed_in_user(api_client, method, path):
    assert getattr(api_client, method)(path).status_code == 401


# --- POST /matches/refresh and its status --------------------------------------------------------


def test_with_no_refresh_the_status_is_none(auth_client):
    body = auth_client.get(REFRESH_STATUS).json()
    assert (body["status"], body["message"]) == ("none", "No match refresh in progress or recently completed.")


def test_a_refresh_starts_and_completes_with_its_counts(auth_client, user, django_capture_on_commit_callbacks):
    # given a profile, two jobs that fit it and one that does not
    f.candidate_profile(user)
    f.job(f.STRONG_JOB)
    f.job(f.STRONG_JOB)
    f.job(f.WEAK_JOB)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(REFRESH)
        # (the eager task runs on commit; before that the refresh is queued)
        assert auth_client.get(REFRESH_STATUS).json()["status"] == "pending"
    # then
    assert response.status_code == 200
    assert response.json() == {
        "status": "processing",
        "message": "Match refresh started. Poll /api/matches/refresh/status for updates.",
    }
    body = auth_client.get(REFRESH_STATUS).json()
    assert (body["status"], body["message"], body["progress"]) == ("completed", "Found 2 matches (2 new)", 100)
    assert body["result"] == {"matches_created": 2, "matches_updated": 0, "total_jobs_processed": 3}
    assert body["updated_at"]
    assert [m["score"] for m in auth_client.get(LIST).json()["matches"]] == [99.2, 99.2]


def test_a_second_refresh_while_one_is_queued_is_already_processing(auth_client, user):
    # given a refresh queued (its task waits for the request's transaction to commit)
    assert auth_client.post(REFRESH).json()["status"] == "processing"
    # when
    response = auth_client.post(REFRESH)
    # then
    assert response.status_code == 200
    assert response.json() == {
        "status": "already_processing",
        "message": "Match refresh is already in progress. Check status endpoint for updates.",
    }


def test_refreshes_are_throttled_per_user(auth_client, other_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "match_refresh": "2/hour"}
    assert [auth_client.post(REFRESH).status_code for _ in range(3)] == [200, 200, 429]
    assert other_client.post(REFRESH).status_code == 200


def test_the_refresh_status_is_the_users_own(auth_client, other_client, user, other_user):
    refresh_state.refresh_state_set(user_id=other_user.pk, status="processing", message="Working", progress=40)
    assert auth_client.get(REFRESH_STATUS).json()["status"] == "none"
    assert other_client.get(REFRESH_STATUS).json()["progress"] == 40
