"""Optional trailing slashes for every method, no redirects, and the three URL prefixes."""

import pytest

from accounts.models import AllowedEmail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slash", ["", "/"])
@pytest.mark.parametrize("prefix", ["/api/v1", "/api"])
def test_get_and_put_answer_with_or_without_a_slash_under_both_prefixes(auth_client, prefix, slash):
    assert auth_client.get(f"{prefix}/users/me{slash}").status_code == 200
    response = auth_client.put(f"{prefix}/users/me{slash}", {"bio": "hi"}, format="json")
    assert response.status_code == 200 and response.json()["bio"] == "hi"


@pytest.mark.parametrize("slash", ["", "/"])
@pytest.mark.parametrize("prefix", ["/api/v1/auth", "/api/auth", "/auth"])
def test_post_answers_with_or_without_a_slash_under_every_auth_prefix(api_client, prefix, slash):
    response = api_client.post(
        f"{prefix}/register{slash}", {"email": "a@b.co", "password": "password123"}, format="json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize("slash", ["", "/"])
def test_delete_answers_with_or_without_a_slash(staff_client, slash):
    AllowedEmail.objects.create(email="a@b.co")
    assert staff_client.delete(f"/api/v1/admin/allowlist/a@b.co{slash}").status_code == 204


def test_nothing_redirects(auth_client):
    for path in ["/api/v1/users/me", "/api/v1/users/me/", "/api/users/me/", "/health", "/health/"]:
        assert auth_client.get(path).status_code == 200


def test_a_double_slash_is_not_an_alias(auth_client):
    assert auth_client.get("/api/v1/users/me//").status_code == 404


def test_health_checks_answer_at_the_root_and_under_the_api(api_client):
    for path in ["/health", "/health/db", "/api/v1/health", "/api/v1/health/db"]:
        response = api_client.get(path)
        assert response.status_code == 200 and response.json()["status"] == "healthy"
    assert api_client.get("/health/db").json()["database"] == "connected"


def test_the_database_health_check_is_503_when_the_database_is_unreachable(api_client, monkeypatch):
    from django.db import OperationalError, connection

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = api_client.get("/health/db")
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert "Retry-After" in response


def test_the_root_welcomes(api_client):
    assert api_client.get("/").json()["message"] == "Welcome to careerhub API"
