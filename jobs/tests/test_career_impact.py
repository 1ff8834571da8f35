"""A signed-in user's score on job pages, through the career-impact cache (seed 000, seed 002 §6)."""

import pytest
from django.core.cache import cache

from jobs.cache_keys import career_impact_key
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/api/v1/jobs"


def detail(job) -> str:
    return f"/api/v1/jobs/{job.pk}"


def test_job_detail_shows_the_signed_in_users_score_and_industry_match(auth_client, user):
    # given a fintech job and a user with 1.5 years in fintech
    f.candidate_profile(user)
    f.industry_profile(user, {"fintech": 1.5})
    job = f.job(f.STRONG_JOB, description="A fintech startup. Python, Django, PostgreSQL.")
    # when
    body = auth_client.get(detail(job)).json()
    # then: 60 + 20·1.5 = 90
    match = body["match"]
    assert (match["score"], match["industry_match_percent"]) == (99.2, 90.0)
    assert match["reasoning"]["industry_match_percent"] == 90.0
    assert match["reasoning"]["weights"]["skills"] == 0.35
    assert match["analysis"].startswith("This is a strong match")


def test_anonymous_visitors_see_no_match_fields(api_client, user):
    job = f.job(f.STRONG_JOB)
    assert "match" not in api_client.get(detail(job)).json()
    assert "match" not in api_client.get(LIST).json()["jobs"][0]


def test_the_job_list_shows_each_jobs_score_for_the_signed_in_user(auth_client, user):
    f.candidate_profile(user)
    strong, weak = f.job(f.STRONG_JOB), f.job(f.WEAK_JOB)
    scores = {item["id"]: item["match"]["score"] for item in auth_client.get(LIST).json()["jobs"]}
    assert scores[strong.pk] == 99.2 and scores[weak.pk] < 20
    assert all(item["match"]["industry_match_percent"] is None for item in auth_client.get(LIST).json()["jobs"])


def test_a_score_is_cached_under_the_career_impact_key_and_read_from_there(auth_client, user):
    # given a first view that computes and caches the score
    profile = f.candidate_profile(user)
    job = f.job(f.STRONG_JOB)
    auth_client.get(detail(job))
    cached = cache.get(career_impact_key(user.pk, job.pk))
    assert cached["score"] == 99.2 and cached["scoring_version"] == profile.scoring_version
    # when the cache holds another figure for the same profile version
    cache.set(career_impact_key(user.pk, job.pk), {**cached, "score": 42.0}, 60)
    # then the page shows the cached one
    assert auth_client.get(detail(job)).json()["match"]["score"] == 42.0


def test_a_profile_change_drops_the_cached_scores_and_the_next_view_rescores(auth_client, user, django_capture_on_commit_callbacks):
    # given a cached score
    f.candidate_profile(user)
    job = f.job(f.STRONG_JOB, title="Senior Backend Engineer")
    first = auth_client.get(detail(job)).json()["match"]
    # when the user changes their target roles through the profile API
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.put("/api/v1/profile", {"preferences": {"target_roles": ["Gardener"]}}, format="json")
    assert response.status_code == 200, response.json()
    # then the key is gone and the page shows the new score
    assert cache.get(career_impact_key(user.pk, job.pk)) is None
    second = auth_client.get(detail(job)).json()["match"]
    assert first["reasoning"]["title_score"] == 96.0 and second["reasoning"]["title_score"] < 96.0
    assert second["score"] < first["score"]


def test_a_score_computed_against_an_older_profile_version_is_not_shown(auth_client, user):
    # given a cached entry from before the profile changed (the deletion raced a concurrent view)
    profile = f.candidate_profile(user)
    job = f.job(f.STRONG_JOB)
    cache.set(career_impact_key(user.pk, job.pk), {"score": 1.0, "scoring_version": profile.scoring_version - 1}, 60)
    # then it is recomputed
    assert auth_client.get(detail(job)).json()["match"]["score"] == 99.2


def test_editing_their_own_job_rescores_it(auth_client, user):
    f.candidate_profile(user)
    created = auth_client.post(
        "/api/v1/user-jobs",
        {"title": "Senior Backend Engineer", "description": "Python, Django and PostgreSQL.", "remote_type": "full"},
        format="json",
    ).json()
    before = auth_client.get(f"/api/v1/jobs/{created['id']}").json()["match"]["score"]
    auth_client.put(f"/api/v1/user-jobs/{created['id']}", {"title": "Gardener", "description": "Roses."}, format="json")
    after = auth_client.get(f"/api/v1/jobs/{created['id']}").json()["match"]["score"]
    assert after < before


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("warm", [False, True])
def test_the_signed_in_job_list_costs_the_same_queries_for_one_job_or_fifty(
    auth_client, user, rows, warm, django_assert_num_queries
):
    f.candidate_profile(user)
    f.jobs(rows, f.STRONG_JOB)
    if warm:
        auth_client.get(LIST)
    # 1: the user behind the token, 2: the planner's estimate, 3: the page with its total, 4: the viewer's
    # profile (scores come from one cache read, misses are computed from the page's rows)
    with django_assert_num_queries(4):
        body = auth_client.get(LIST).json()
    assert len(body["jobs"]) == rows and all(item["match"]["score"] == 99.2 for item in body["jobs"])
