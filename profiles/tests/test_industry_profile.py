"""Seed 002: `GET/PUT /api/me/industry-profile/` (the checklist of §5 and the troubleshooting of §7)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from profiles.models import IndustryProfile, Profile
from profiles.tests.factories import create_industry_profile

pytestmark = pytest.mark.django_db

URL = "/api/me/industry-profile/"
BODY = {"industry_years_json": {"fintech": 2.5, "e-commerce": 0.8}, "updated_at": "2025-02-10T12:00:00.000Z"}


def test_get_without_a_row_answers_an_empty_object(auth_client):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"industry_years_json": {}}


def test_put_creates_then_updates_the_one_row(auth_client, user):
    response = auth_client.put(URL, BODY, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["industry_years_json"] == {"fintech": 2.5, "e-commerce": 0.8}
    assert response.json()["updated_at"]

    auth_client.put(URL, {"industry_years_json": {"healthcare": 3}}, format="json")

    row = IndustryProfile.objects.get(user=user)
    assert row.industry_years_json == {"healthcare": 3}
    assert auth_client.get(URL).json()["industry_years_json"] == {"healthcare": 3}


def test_an_empty_object_is_stored_as_a_real_value(auth_client, user):
    auth_client.put(URL, BODY, format="json")
    response = auth_client.put(URL, {"industry_years_json": {}, "updated_at": "2025-02-11T08:00:00Z"}, format="json")
    assert response.status_code == 200
    assert IndustryProfile.objects.get(user=user).industry_years_json == {}


def test_a_missing_industry_years_json_is_treated_as_empty_and_still_saved(auth_client, user):
    response = auth_client.put(URL, {"updated_at": "2025-02-10T12:00:00Z"}, format="json")
    assert response.status_code == 200
    assert IndustryProfile.objects.get(user=user).industry_years_json == {}


def test_the_user_comes_from_the_token_never_the_body(auth_client, user, other_user):
    auth_client.put(URL, {**BODY, "user_id": str(other_user.pk)}, format="json")
    assert IndustryProfile.objects.get().user == user
    assert not IndustryProfile.objects.filter(user=other_user).exists()


def test_keys_are_stored_as_lowercase_tags(auth_client, user):
    body = auth_client.put(URL, {"industry_years_json": {" FinTech ": 1, "fintech": 0.5, "Real  Estate": 2}}, format="json").json()
    assert body["industry_years_json"] == {"fintech": 1.5, "real estate": 2}


@pytest.mark.parametrize(
    "body",
    [
        {"industry_years_json": ["fintech"]},
        {"industry_years_json": "fintech"},
        {"industry_years_json": None},
        {"industry_years_json": {"fintech": "two"}},
        {"industry_years_json": {"fintech": True}},
        {"industry_years_json": {"fintech": -1}},
        {"industry_years_json": {"": 1}},
        {"industry_years_json": {"fintech": 1}, "updated_at": "yesterday"},
        {"industry_years_json": {"fintech": 1}, "updated_at": 12345},
    ],
)
def test_invalid_bodies_are_a_400(auth_client, body):
    response = auth_client.put(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not IndustryProfile.objects.exists()


def test_the_100_year_limit_holds_for_spellings_of_one_industry_added_up(auth_client, user):
    # given a stored profile and two spellings of one industry, each under the limit
    auth_client.put(URL, BODY, format="json")
    body = {"industry_years_json": {"FinTech": 80, "fintech ": 80, "healthcare": 3}}

    # when they are sent
    response = auth_client.put(URL, body, format="json")

    # then their sum is over the limit: a 400 naming the tag and its spellings, nothing changed
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "industry_years_json.fintech": ['Years must be at most 100: "FinTech", "fintech " are one industry and add up to 160.']
    }
    assert IndustryProfile.objects.get(user=user).industry_years_json == {"fintech": 2.5, "e-commerce": 0.8}


def test_one_industry_over_100_years_is_a_400_naming_it(auth_client):
    response = auth_client.put(URL, {"industry_years_json": {"FinTech": 100.5}}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"industry_years_json.fintech": ["Years must be at most 100."]}
    assert not IndustryProfile.objects.exists()
    # exactly 100, however spelt, is allowed
    assert auth_client.put(URL, {"industry_years_json": {"A": 60, "a": 40}}, format="json").json()["industry_years_json"] == {"a": 100}


def test_a_body_that_is_not_json_is_a_400(auth_client):
    assert auth_client.generic("PUT", URL, "{broken", content_type="application/json").status_code == 400
    assert auth_client.put(URL, [1, 2], format="json").status_code == 400


def test_it_needs_authentication(api_client):
    assert api_client.get(URL).status_code == 401
    assert api_client.put(URL, BODY, format="json").status_code == 401


def test_each_user_sees_only_their_own(auth_client, other_client):
    auth_client.put(URL, BODY, format="json")
    assert other_client.get(URL).json() == {"industry_years_json": {}}


def test_both_url_forms_of_the_seed_work(auth_client):
    for url in ("/api/me/industry-profile/", "/api/me/industry-profile", "/api/v1/me/industry-profile/"):
        assert auth_client.put(url, BODY, format="json").status_code == 200


def test_a_change_marks_the_users_matches_stale(auth_client, user):
    auth_client.put(URL, BODY, format="json")
    assert Profile.objects.get(user=user).scoring_version == 1
    auth_client.put(URL, BODY, format="json")  # the same values: nothing to recompute
    assert Profile.objects.get(user=user).scoring_version == 1
    auth_client.put(URL, {"industry_years_json": {}}, format="json")
    assert Profile.objects.get(user=user).scoring_version == 2


def test_the_row_is_in_the_django_admin(client, staff_user, user):
    create_industry_profile(user, {"fintech": 1})
    client.force_login(staff_user)
    assert client.get("/admin/profiles/industryprofile/").status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the in-memory SQLite test database refuses concurrent writers outright (.ci/test runs it)",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_puts_for_one_user_leave_one_row_and_no_error(client_for, make_user):
    # given twenty clients of one user, released at the same moment
    user = make_user()
    clients = [client_for(user) for _ in range(20)]
    barrier = Barrier(len(clients))

    def put(index: int) -> int:
        try:
            barrier.wait(timeout=30)
            return clients[index].put(URL, {"industry_years_json": {"fintech": index}}, format="json").status_code
        finally:
            connection.close()

    # when they all PUT at once
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        statuses = list(pool.map(put, range(len(clients))))

    # then every request succeeded and there is one row (and one profile)
    assert statuses == [200] * len(clients)
    assert IndustryProfile.objects.filter(user=user).count() == 1
    assert Profile.objects.filter(user=user).count() == 1
    assert IndustryProfile.objects.get(user=user).industry_years_json["fintech"] in range(20)
