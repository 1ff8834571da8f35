"""Public sharing: a stable, unguessable link that shows only what the owner made public."""

import pytest

from profiles.models import Profile
from profiles.tests.factories import create_profile

pytestmark = pytest.mark.django_db

SHARING = "/api/v1/profile/sharing"


def public_url(slug: str, prefix: str = "/api/v1") -> str:
    return f"{prefix}/public/profiles/{slug}"


@pytest.fixture
def shared(auth_client, user):
    """A profile with something in every section, shared with the default sections."""
    auth_client.put(
        "/api/v1/profile/career", {"currentRole": "Engineer", "seniority": "senior", "industry": "Software"}, format="json"
    )
    auth_client.put("/api/v1/profile", {"bio": "Analytical engineer", "skills": ["Python"], "experience_years": 6}, format="json")
    auth_client.post("/api/v1/profile/contact-information", {"email": "ada@private.example", "phone": "+44 20 7946 0958"}, format="json")
    auth_client.post("/api/v1/profile/social-links", {"social_links": [{"platform": "github", "url": "https://github.com/ada"}]}, format="json")
    return auth_client.put(SHARING, {"enabled": True}, format="json").json()


def test_the_link_is_stable_unguessable_and_off_by_default(auth_client):
    first = auth_client.get(SHARING).json()
    assert first["enabled"] is False
    assert len(first["slug"]) >= 22
    assert first["url"] == f"http://testserver/api/v1/public/profiles/{first['slug']}"
    assert first["sections"] == ["summary", "skills", "experience", "social_links"]
    assert auth_client.get(SHARING).json()["slug"] == first["slug"]


def test_a_private_profile_is_not_found(auth_client, api_client):
    slug = auth_client.get(SHARING).json()["slug"]
    assert api_client.get(public_url(slug)).status_code == 404


def test_a_shared_profile_shows_its_public_sections_but_never_contact_details(api_client, shared, user):
    response = api_client.get(public_url(shared["slug"]))
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Ada Lovelace" and body["summary"] == "Analytical engineer"
    assert body["skills"] == ["Python"]
    assert body["experience"]["current_role"] == "Engineer" and body["experience"]["experience_years"] == 6
    assert body["social_links"] == [{"platform": "github", "url": "https://github.com/ada"}]
    assert "contact" not in body
    assert "ada@private.example" not in response.content.decode()
    assert str(user.pk) not in response.content.decode()


def test_contact_details_are_shown_only_when_the_owner_opts_in(auth_client, api_client, shared):
    auth_client.put(SHARING, {"sections": ["summary", "contact"]}, format="json")
    body = api_client.get(public_url(shared["slug"])).json()
    assert body["contact"]["email"] == "ada@private.example"
    assert body["summary"] == "Analytical engineer"
    assert "skills" not in body and "experience" not in body and "social_links" not in body


def test_a_regenerated_link_retires_the_old_one(auth_client, api_client, shared):
    new = auth_client.put(SHARING, {"regenerate_slug": True}, format="json").json()
    assert new["slug"] != shared["slug"] and new["enabled"] is True
    assert api_client.get(public_url(shared["slug"])).status_code == 404
    assert api_client.get(public_url(new["slug"])).status_code == 200


def test_turning_sharing_off_hides_the_profile(auth_client, api_client, shared):
    auth_client.put(SHARING, {"enabled": False}, format="json")
    assert api_client.get(public_url(shared["slug"])).status_code == 404


def test_a_deactivated_users_link_is_not_found(api_client, shared, user):
    user.is_active = False
    user.save()
    assert api_client.get(public_url(shared["slug"])).status_code == 404


def test_the_public_route_needs_no_sign_in_and_ignores_a_bad_token(api_client, shared):
    for prefix in ("/api/v1", "/api"):
        assert api_client.get(public_url(shared["slug"], prefix)).status_code == 200
    assert api_client.get(public_url(shared["slug"]), HTTP_AUTHORIZATION="Bearer expired").status_code == 200


def test_an_unknown_slug_is_not_found(api_client):
    assert api_client.get(public_url("no-such-profile-slug-at-all")).status_code == 404


def test_unknown_sections_are_refused(auth_client):
    assert auth_client.put(SHARING, {"sections": ["salary"]}, format="json").status_code == 400
    assert not Profile.objects.filter(share_enabled=True).exists()


def test_a_shared_profile_is_read_in_one_query(api_client, user, django_assert_num_queries):
    # given a shared profile with every section public
    sections = ["summary", "skills", "experience", "social_links", "contact"]
    profile = create_profile(user, share_enabled=True, share_sections=sections, skills=["Python"])
    # when anyone reads it
    # then one query: the profile with its user (select_related), whatever the sections
    with django_assert_num_queries(1):
        response = api_client.get(public_url(profile.share_slug))
    assert response.status_code == 200
    assert response.json()["skills"] == ["Python"]
