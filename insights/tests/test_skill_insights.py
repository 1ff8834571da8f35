"""Seed 004 `GET /insights/skills` and `POST /insights/skills/refresh`, against hand-computed figures."""

from __future__ import annotations

import itertools

import pytest
from django.utils.dateparse import parse_datetime

from insights.cache_keys import skill_insights_key
from jobs.models import Job, Match, MatchStatus
from jobs.tests import factories
from profiles.models import Profile

INSIGHTS = "/api/v1/insights/skills"
REFRESH = "/api/v1/insights/skills/refresh"
_ids = itertools.count(1)


def make_job(*, skills, salary_min=None, salary_max=None, currency="USD", **fields) -> Job:
    """A job tagged with `skills` (its stored skills are computed from them as ingestion does)."""
    fields.setdefault("title", f"Backend Engineer {next(_ids)}")
    return factories.job(tags=skills, salary_min=salary_min, salary_max=salary_max, salary_currency=currency, **fields)


@pytest.fixture
def profile(user):
    return Profile.objects.create(
        user=user, skills=["Python", "Django", "PostgreSQL"], target_roles=["Backend Engineer"], salary_currency="USD"
    )


@pytest.fixture
def market(user, other_user):
    """Five jobs relevant to the user (J1–J4 scraped, J7 their own) and two that are not."""
    jobs = {
        "J1": make_job(skills=["Python", "Docker", "Kubernetes"], salary_min=100_000, salary_max=140_000),  # 120,000
        "J2": make_job(skills=["Python", "Docker"], salary_min=100_000),  # 100,000
        "J3": make_job(skills=["postgres", "Docker", "AWS"]),  # no salary
        "J4": make_job(skills=["Go", "Kubernetes"], salary_min=150_000, salary_max=170_000, currency="EUR"),  # not USD
        "J7": make_job(skills=["Python", "k8s"], salary_min=80_000, salary_max=100_000, currency="", owner=user),  # 90,000
    }
    make_job(skills=["Docker"], owner=other_user)  # someone else's pasted job
    make_job(skills=["Docker", "Rust"], duplicate_of=jobs["J1"])  # a duplicate listing
    return jobs


def test_it_analyses_every_job_the_user_could_match_before_any_match_exists(auth_client, user, profile, market):
    response = auth_client.get(INSIGHTS)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"user_id", "analysis_date", "jobs_analyzed", "user_skills", "skill_gaps", "market_skills", "recommendations"}
    assert body["user_id"] == str(user.pk)
    assert parse_datetime(body["analysis_date"]) is not None
    assert body["jobs_analyzed"] == 5
    assert body["user_skills"] == ["Python", "Django", "PostgreSQL"]
    # k8s is Kubernetes and postgres is PostgreSQL (which the user has): one alias table
    assert body["skill_gaps"] == ["Docker", "Kubernetes", "AWS", "Go"]
    assert body["market_skills"] == {
        "Docker": {"count": 3, "frequency": 0.6, "avg_salary": 110_000, "jobs_with_salary": 2},
        "Kubernetes": {"count": 3, "frequency": 0.6, "avg_salary": 105_000, "jobs_with_salary": 2},
        "Python": {"count": 3, "frequency": 0.6, "avg_salary": 103_333, "jobs_with_salary": 3},
        "AWS": {"count": 1, "frequency": 0.2, "avg_salary": None, "jobs_with_salary": 0},
        "Go": {"count": 1, "frequency": 0.2, "avg_salary": None, "jobs_with_salary": 0},
        "PostgreSQL": {"count": 1, "frequency": 0.2, "avg_salary": None, "jobs_with_salary": 0},
    }
    assert list(body["market_skills"]) == ["Docker", "Kubernetes", "Python", "AWS", "Go", "PostgreSQL"]


def test_recommendations_rank_gaps_by_priority_with_salary_impact_and_effort(auth_client, profile, market):
    recommendations = auth_client.get(INSIGHTS).json()["recommendations"]

    no_matches = {"matches_considered": 0, "matches_improved": 0, "average_gain": 0.0, "max_gain": 0.0}
    assert recommendations == [
        {
            "skill": "Docker",
            "priority": "high",  # in 60% of the jobs
            # 110,000 with it (J1, J2) against 90,000 without (J7)
            "reason": "Appears in 60% of the 5 jobs relevant to you; jobs asking for it pay about 20,000 USD more on average.",
            "learning_effort": "low",
            "salary_impact": 20_000,
            "frequency": 3,
            "match_impact": no_matches,
        },
        {
            "skill": "Kubernetes",
            "priority": "high",
            # 105,000 with it (J1, J7) against 100,000 without (J2)
            "reason": "Appears in 60% of the 5 jobs relevant to you; jobs asking for it pay about 5,000 USD more on average.",
            "learning_effort": "high",
            "salary_impact": 5_000,
            "frequency": 3,
            "match_impact": no_matches,
        },
        {
            "skill": "AWS",
            "priority": "medium",  # 20%
            "reason": "Appears in 20% of the 5 jobs relevant to you.",
            "learning_effort": "high",
            "salary_impact": None,
            "frequency": 1,
            "match_impact": no_matches,
        },
        {
            "skill": "Go",
            "priority": "medium",
            "reason": "Appears in 20% of the 5 jobs relevant to you.",
            "learning_effort": "high",
            "salary_impact": None,  # its only salary is in EUR
            "frequency": 1,
            "match_impact": no_matches,
        },
    ]


@pytest.fixture
def matches(user, other_user, market):
    Match.objects.create(user=user, job=market["J1"], score=80)
    Match.objects.create(user=user, job=market["J2"], score=45)
    Match.objects.create(user=user, job=market["J3"], score=30)  # below the relevance threshold, still a top match
    Match.objects.create(user=user, job=market["J4"], score=90, status=MatchStatus.REJECTED)
    Match.objects.create(user=other_user, job=market["J7"], score=99)


def test_with_matches_it_analyses_the_jobs_of_the_users_open_matches(auth_client, profile, matches):
    body = auth_client.get(INSIGHTS).json()

    assert body["jobs_analyzed"] == 2  # J1 and J2: J3 scores under 40, J4 was rejected
    assert {name: entry["count"] for name, entry in body["market_skills"].items()} == {"Docker": 2, "Python": 2, "Kubernetes": 1}
    assert body["skill_gaps"] == ["Docker", "Kubernetes"]


def test_each_recommendation_says_how_many_top_matches_would_gain_and_by_how_much(auth_client, profile, matches):
    recommendations = {item["skill"]: item for item in auth_client.get(INSIGHTS).json()["recommendations"]}

    # Only the skill component moves, by 0.35 × Δskill: J1 1/3 → 2/3 of its skills (+11.7),
    # J2 1/2 → 2/2 (+17.5), J3 (postgres, Docker, AWS) 1/3 → 2/3 (+11.7); J4 is rejected.
    docker = recommendations["Docker"]["match_impact"]
    assert docker["matches_considered"] == 3 and docker["matches_improved"] == 3
    assert docker["max_gain"] == pytest.approx(17.5, abs=0.1)
    assert docker["average_gain"] == pytest.approx((11.67 + 17.5 + 11.67) / 3, abs=0.1)
    kubernetes = recommendations["Kubernetes"]["match_impact"]
    assert kubernetes["matches_improved"] == 1 and kubernetes["max_gain"] == pytest.approx(11.7, abs=0.1)
    assert recommendations["Docker"]["reason"].startswith(
        "Appears in 100% of the 2 jobs relevant to you; adding it would raise 3 of your top 3 matches, by up to"
    )


def test_a_related_skill_lowers_the_learning_effort_and_is_named_in_the_reason(auth_client, profile, market):
    Profile.objects.filter(pk=profile.pk).update(skills=["Python", "Docker"])

    kubernetes = next(item for item in auth_client.get(INSIGHTS).json()["recommendations"] if item["skill"] == "Kubernetes")

    assert kubernetes["learning_effort"] == "medium"
    assert "complements your Docker skills" in kubernetes["reason"]


def test_the_answer_is_cached_under_the_recommendations_key(auth_client, user, profile, market, django_assert_num_queries):
    from django.core.cache import cache

    first = auth_client.get(INSIGHTS).json()
    make_job(skills=["Rust"])

    # the cached answer costs only the authentication query
    with django_assert_num_queries(1):
        second = auth_client.get(INSIGHTS).json()

    assert second == first
    assert cache.get(skill_insights_key(user.pk))["insights"]["jobs_analyzed"] == 5


def test_refresh_recomputes_at_once(auth_client, profile, market):
    before = auth_client.get(INSIGHTS).json()
    make_job(skills=["Rust"])

    refreshed = auth_client.post(REFRESH)

    assert refreshed.status_code == 200
    assert refreshed.json()["jobs_analyzed"] == 6 and "Rust" in refreshed.json()["market_skills"]
    assert refreshed.json()["analysis_date"] > before["analysis_date"]
    assert auth_client.get(INSIGHTS).json() == refreshed.json()


def test_a_profile_change_drops_the_cached_answer(auth_client, profile, market, django_capture_on_commit_callbacks):
    assert "Docker" in auth_client.get(INSIGHTS).json()["skill_gaps"]

    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.put("/api/v1/profile", {"skills": ["Python", "Django", "PostgreSQL", "Docker"]}).status_code == 200

    assert "Docker" not in auth_client.get(INSIGHTS).json()["skill_gaps"]


def test_a_completed_match_refresh_drops_the_cached_answer(auth_client, profile, market, settings, django_capture_on_commit_callbacks):
    # given insights cached before any match: every job the user could match
    assert auth_client.get(INSIGHTS).json()["jobs_analyzed"] == 5
    settings.MATCH_STORE_MAX_MATCHES = 1
    # when a refresh matches the user with their best job only
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.post("/api/v1/matches/refresh").status_code == 200
    assert auth_client.get("/api/v1/matches/refresh/status").json()["status"] == "completed"
    # then the insights describe that one match
    assert auth_client.get(INSIGHTS).json()["jobs_analyzed"] == 1


@pytest.mark.parametrize("closed", [MatchStatus.HIDDEN, MatchStatus.REJECTED])
def test_closing_a_match_drops_the_cached_answer_and_so_does_reopening_it(
    auth_client, user, profile, market, matches, closed, django_capture_on_commit_callbacks
):
    # given insights cached over J1 and J2
    assert auth_client.get(INSIGHTS).json()["jobs_analyzed"] == 2
    j1 = Match.objects.get(user=user, job=market["J1"])
    # when J1 is hidden or rejected
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.put(f"/api/v1/matches/{j1.pk}/status", {"status": closed}).status_code == 200
    # then only J2 is analysed (Kubernetes was J1's)
    body = auth_client.get(INSIGHTS).json()
    assert body["jobs_analyzed"] == 1 and "Kubernetes" not in body["market_skills"]
    # and when it is reopened, J1 counts again
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(f"/api/v1/matches/{j1.pk}/status", {"status": MatchStatus.MATCHED})
    assert auth_client.get(INSIGHTS).json()["jobs_analyzed"] == 2


def test_a_status_that_keeps_the_match_open_keeps_the_cached_answer(
    auth_client, user, profile, market, matches, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    # given
    cached = auth_client.get(INSIGHTS).json()
    j1 = Match.objects.get(user=user, job=market["J1"])
    # when
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(f"/api/v1/matches/{j1.pk}/status", {"status": MatchStatus.INTERESTED})
    # then the open matches are the same, and so is the cached answer
    assert cache.get(skill_insights_key(user.pk))["insights"]["analysis_date"] == parse_datetime(cached["analysis_date"])


def test_the_queries_do_not_grow_with_the_number_of_jobs(auth_client, user, profile, django_assert_num_queries):
    # authentication (the user), the profile, whether the user has relevant matches, the totals
    # aggregate, the skill-demand aggregate, the top matches' job features
    expected = 6
    make_job(skills=["Python"])
    Match.objects.create(user=user, job=make_job(skills=["Docker"]), score=70)
    with django_assert_num_queries(expected):
        assert auth_client.post(REFRESH).json()["jobs_analyzed"] == 1

    for n in range(60):
        job = make_job(skills=["Python", "Docker", f"Skill {n}"], salary_min=90_000 + n)
        Match.objects.create(user=user, job=job, score=50 + n % 40)

    with django_assert_num_queries(expected):
        assert auth_client.post(REFRESH).json()["jobs_analyzed"] == 61


def test_a_user_without_profile_or_jobs_gets_an_empty_analysis(auth_client):
    body = auth_client.get(INSIGHTS).json()

    assert body["jobs_analyzed"] == 0
    assert body["user_skills"] == [] and body["skill_gaps"] == [] and body["market_skills"] == {} and body["recommendations"] == []


@pytest.mark.parametrize("method, path", [("get", INSIGHTS), ("post", REFRESH)])
def test_anonymous_is_401(api_client, method, path):
    assert getattr(api_client, method)(path).status_code == 401


def test_the_routes_answer_under_api_with_a_trailing_slash(auth_client, profile):
    assert auth_client.get("/api/insights/skills/").status_code == 200
    assert auth_client.post("/api/insights/skills/refresh/").status_code == 200


def test_a_broader_skill_the_users_skills_imply_is_no_gap(auth_client, profile):
    # given postings asking for SQL and JavaScript, and a user with PostgreSQL and Django (not JavaScript)
    make_job(skills=["SQL", "JavaScript"])
    make_job(skills=["Python", "SQL"])

    body = auth_client.get(INSIGHTS).json()

    # then PostgreSQL covers SQL and Django covers Python; JavaScript is a gap
    assert body["skill_gaps"] == ["JavaScript"]
    assert [r["skill"] for r in body["recommendations"]] == ["JavaScript"]
