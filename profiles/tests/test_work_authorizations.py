"""Citizenships and security clearances on the one profile (seed 004 `/profile` preferences): what a
job may ask for beyond the right to work, read by the matching's clearance rule (docs/matching.md)."""

import pytest

from profiles.models import Profile

pytestmark = pytest.mark.django_db


def test_preferences_take_citizenships_and_clearances_and_show_them(auth_client, user):
    # when
    body = {"preferences": {"citizenships": ["United States", " united states ", "Canada"], "security_clearances": ["US Secret"]}}
    response = auth_client.put("/api/profile", body, format="json")
    # then (duplicates in any case collapse, whitespace is tidied)
    assert response.status_code == 200
    preferences = auth_client.get("/api/profile").json()["preferences"]
    assert (preferences["citizenships"], preferences["security_clearances"]) == (["United States", "Canada"], ["US Secret"])
    profile = Profile.objects.get(user=user)
    assert (profile.citizenships, profile.security_clearances) == (["United States", "Canada"], ["US Secret"])


def test_they_are_score_inputs_and_null_clears_them(auth_client, user):
    auth_client.put("/api/profile", {"preferences": {"citizenships": ["France"]}}, format="json")
    version = Profile.objects.get(user=user).scoring_version
    auth_client.put("/api/profile", {"preferences": {"citizenships": None}}, format="json")
    profile = Profile.objects.get(user=user)
    assert profile.citizenships == [] and profile.scoring_version == version + 1


@pytest.mark.parametrize(
    "preferences",
    [
        {"citizenships": "France"},
        {"citizenships": [1]},
        {"security_clearances": [f"Clearance {n}" for n in range(101)]},
        {"security_clearances": ["x" * 101]},
    ],
)
def test_anything_but_a_short_list_of_short_strings_is_a_400(auth_client, preferences):
    response = auth_client.put("/api/profile", {"preferences": preferences}, format="json")
    assert response.status_code == 400
    assert any(key.startswith("preferences.") for key in response.json()["errors"])
