"""Seed 004 "Skills": GET /skills/popular and POST /skills/custom."""

import pytest

from insights.models import CustomSkill
from insights.tests.factories import custom_skill
from jobs.tests import factories

pytestmark = pytest.mark.django_db

POPULAR = "/api/v1/skills/popular"
CUSTOM = "/api/v1/skills/custom"


def job(tags, **fields):
    return factories.job(tags=tags, **fields)


def test_popular_skills_merge_job_tags_and_custom_skills_most_frequent_first(api_client):
    job(["Python", "Docker"])
    job(["python", "postgres"])
    job(["Python", "PostgreSQL", "Svelte"])
    custom_skill("Elixir", usage_count=5)
    custom_skill("Docker")
    response = api_client.get(POPULAR)
    assert response.status_code == 200
    assert response.json() == {
        "skills": ["Elixir", "Python", "Docker", "PostgreSQL", "Svelte"],
        "source": "job_tags_and_custom_skills",
        "total": 5,
    }


def test_private_and_duplicate_jobs_do_not_count(api_client, user):
    first = job(["Rust"])
    job(["Rust"], duplicate_of=first)
    job(["Go", "Go"], owner=user, source="user_submitted")
    job(["Go"])
    job(["Java"])
    job(["Java"])
    assert api_client.get(POPULAR).json()["skills"] == ["Java", "Go", "Rust"]


def test_the_limit_defaults_to_100_and_is_capped(api_client, settings):
    job([f"Skill {n}" for n in range(30)])
    CustomSkill.objects.bulk_create(CustomSkill(skill=f"Custom {n}", skill_key=f"custom {n}") for n in range(250))
    body = api_client.get(POPULAR).json()
    assert (len(body["skills"]), body["total"]) == (100, 280)
    assert len(api_client.get(POPULAR, {"limit": 5}).json()["skills"]) == 5
    assert len(api_client.get(POPULAR, {"limit": 10_000}).json()["skills"]) == settings.API_MAX_PAGE_SIZE
    assert api_client.get(POPULAR, {"limit": 0}).status_code == 400


def test_popular_skills_take_one_query_then_come_from_the_cache(api_client, django_assert_num_queries):
    for n in range(20):
        job(["Python", f"Tool {n}"])
    # 1: tags and custom skills, counted in one statement
    with django_assert_num_queries(1):
        assert api_client.get(POPULAR).json()["skills"][0] == "Python"
    with django_assert_num_queries(0):
        assert api_client.get(POPULAR).json()["total"] == 21


def test_adding_a_custom_skill_answers_201_and_counts_uses_case_insensitively(auth_client, other_client):
    first = auth_client.post(CUSTOM, {"skill": "Svelte"})
    assert first.status_code == 201
    assert set(first.json()) == {"id", "skill", "usage_count", "created_at"}
    assert (first.json()["skill"], first.json()["usage_count"]) == ("Svelte", 1)
    again = other_client.post(CUSTOM, {"skill": "  svelte "})
    assert again.status_code == 201
    assert (again.json()["id"], again.json()["skill"], again.json()["usage_count"]) == (first.json()["id"], "Svelte", 2)
    assert CustomSkill.objects.count() == 1


def test_a_custom_skill_is_added_to_the_users_profile_once(auth_client, user, other_user):
    from profiles.models import Profile
    from profiles.services.profile import profile_update

    profile_update(user=user, data={"skills": ["Python"]})
    auth_client.post(CUSTOM, {"skill": "Elixir"})
    auth_client.post(CUSTOM, {"skill": "elixir"})
    auth_client.post(CUSTOM, {"skill": "postgres"})
    user.profile.refresh_from_db()
    assert user.profile.skills == ["Python", "Elixir", "PostgreSQL"]
    assert auth_client.get("/api/v1/profile").json()["skills"] == ["Python", "Elixir", "PostgreSQL"]
    # nobody else's profile changes
    assert [p.skills for p in Profile.objects.filter(user=other_user)] in ([], [[]])


def test_a_custom_skill_is_stored_under_its_canonical_name(auth_client):
    assert auth_client.post(CUSTOM, {"skill": "k8s"}).json()["skill"] == "Kubernetes"
    assert auth_client.post(CUSTOM, {"skill": "kubernetes"}).json()["usage_count"] == 2


def test_a_new_custom_skill_shows_in_popular_skills_at_once(api_client, auth_client, django_capture_on_commit_callbacks):
    job(["Python"])
    assert api_client.get(POPULAR).json()["skills"] == ["Python"]  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(CUSTOM, {"skill": "Zig"})
    assert api_client.get(POPULAR).json()["skills"] == ["Python", "Zig"]


@pytest.mark.parametrize("body", [{"skill": ""}, {"skill": "   "}, {"skill": "x" * 51}, {}])
def test_an_empty_or_too_long_skill_is_a_400_like_every_invalid_input(auth_client, body):
    response = auth_client.post(CUSTOM, body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "skill" in response.json()["errors"]
    assert not CustomSkill.objects.exists()


def test_adding_a_custom_skill_needs_a_signed_in_user(api_client):
    assert api_client.post(CUSTOM, {"skill": "Elixir"}).status_code == 401
