import pytest

from careerhub.api import throttles

pytestmark = [pytest.mark.django_db, pytest.mark.urls("careerhub.tests.urls_for_errors")]

SCOPES = ["register", "login", "cv_upload", "job_parse", "match_refresh", "jobs_refresh", "generation"]


def test_every_documented_scope_has_a_throttle_and_a_default_rate(settings):
    assert sorted(cls.scope for cls in throttles.ScopedThrottle.__subclasses__()) == sorted(SCOPES)
    assert settings.THROTTLE_RATES == {
        "register": "5/hour",
        "login": "10/minute",
        "cv_upload": "10/hour",
        "job_parse": "10/hour",
        "match_refresh": "5/hour",
        "jobs_refresh": "2/hour",
        "generation": "20/hour",
    }


@pytest.mark.parametrize("scope", SCOPES)
def test_each_scope_answers_429_with_retry_after_past_its_rate(api_client, settings, scope):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, scope: "2/minute"}
    assert api_client.get(f"/throttled/{scope}").status_code == 200
    assert api_client.get(f"/throttled/{scope}").status_code == 200
    response = api_client.get(f"/throttled/{scope}")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_user_scopes_count_per_user_not_per_ip(client_for, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "generation": "1/minute"}
    first, second = client_for(make_user()), client_for(make_user())
    assert first.get("/throttled/generation").status_code == 200
    assert first.get("/throttled/generation").status_code == 429
    assert second.get("/throttled/generation").status_code == 200


def test_sign_in_counts_per_ip_even_when_authenticated(client_for, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login": "1/minute"}
    assert client_for(make_user()).get("/throttled/login").status_code == 200
    assert client_for(make_user()).get("/throttled/login").status_code == 429


def test_login_is_throttled_per_ip(api_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login": "2/minute"}
    body = {"email": "nobody@example.com", "password": "whatever-123"}
    assert api_client.post("/auth/login", body, format="json").status_code == 401
    assert api_client.post("/auth/login", body, format="json").status_code == 401
    response = api_client.post("/auth/login", body, format="json")
    assert response.status_code == 429 and "Retry-After" in response


def test_a_throttle_lets_requests_through_when_the_cache_is_down(api_client, settings, monkeypatch):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "generation": "1/minute"}

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(throttles.ScopedThrottle, "cache", type("Broken", (), {"get": broken, "set": broken})())
    assert api_client.get("/throttled/generation").status_code == 200
    assert api_client.get("/throttled/generation").status_code == 200
