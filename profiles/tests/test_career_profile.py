"""Seed 000: `/profile/career`, its validation rules and its envelope on every outcome."""

import pytest
from django.core.cache import cache

from profiles.models import Profile

pytestmark = pytest.mark.django_db

URL = "/api/profile/career"
SEED_EXAMPLE = {
    "currentRole": "Senior Software Engineer",
    "seniority": "senior",
    "industry": "Technology/Software",
    "primarySkills": ["Python", "React", "AWS"],
    "skillsToLearn": ["Kubernetes", "Machine Learning"],
    "careerGoals": ["skill-development", "leadership-growth"],
    "timeframe": "short-term",
    "budget": "moderate",
}


def assert_error_envelope(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is False
    assert isinstance(body["error"], str) and body["error"]
    assert "detail" not in body
    return body


def test_before_any_career_profile_get_answers_success_false_and_no_data(auth_client):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"success": False, "data": None}


def test_the_seed_example_creates_the_profile(auth_client, user):
    response = auth_client.put(URL, SEED_EXAMPLE, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["success"] is True
    data = body["data"]
    assert data["userId"] == str(user.pk)
    assert data["currentRole"] == "Senior Software Engineer"
    assert data["seniority"] == "senior" and data["industry"] == "Technology/Software"
    assert data["primarySkills"] == ["Python", "React", "AWS"]
    assert data["skillsToLearn"] == ["Kubernetes", "Machine Learning"]
    assert data["careerGoals"] == ["skill-development", "leadership-growth"]
    assert data["timeframe"] == "short-term" and data["budget"] == "moderate"
    assert data["interests"] == [] and data["skillTags"] == [] and data["companySize"] is None
    assert data["createdAt"] and data["updatedAt"]
    assert body["message"].startswith("Career profile created. Career impact scores, recommendations and the dashboard cache were invalidated")
    # the seed's quality recommendations come back as hints, not errors
    assert body["hints"] == ["Add at least 3 interests for better recommendations (you have 0)."]

    assert auth_client.get(URL).json() == {"success": True, "data": data}


def test_put_merges_the_fields_sent(auth_client):
    auth_client.put(URL, SEED_EXAMPLE, format="json")

    response = auth_client.put(URL, {"interests": ["AI", "Open source", "ai"], "timeframe": None}, format="json")

    data = response.json()["data"]
    assert data["interests"] == ["AI", "Open source"]
    assert data["timeframe"] is None
    assert data["currentRole"] == "Senior Software Engineer" and data["primarySkills"] == ["Python", "React", "AWS"]
    assert response.json()["message"].startswith("Career profile updated.")


def test_every_enum_and_tag_round_trips(auth_client):
    body = {
        **SEED_EXAMPLE,
        "companySize": "startup",
        "learningStyle": "hands-on",
        "availableTime": "flexible",
        "interests": ["distributed systems", "mentoring", "music"],
        "networkingGoals": ["find-mentors", "industry-insights"],
        "preferredEventTypes": ["conference", "trade-show"],
        "skillTags": [{"name": "postgres", "proficiency": "expert"}, {"name": "Go", "proficiency": "beginner"}],
        "yearsOfExperience": 8,
    }
    data = auth_client.put(URL, body, format="json").json()["data"]
    assert data["companySize"] == "startup" and data["learningStyle"] == "hands-on" and data["availableTime"] == "flexible"
    assert data["networkingGoals"] == ["find-mentors", "industry-insights"]
    assert data["preferredEventTypes"] == ["conference", "trade-show"]
    assert data["skillTags"] == [{"name": "PostgreSQL", "proficiency": "expert"}, {"name": "Go", "proficiency": "beginner"}]
    assert data["yearsOfExperience"] == 8


def test_a_complete_profile_gets_no_hints(auth_client):
    body = {**SEED_EXAMPLE, "interests": ["a", "b", "c"], "careerGoals": ["networking", "consulting"]}
    assert auth_client.put(URL, body, format="json").json()["hints"] == []


@pytest.mark.parametrize("missing", ["currentRole", "seniority", "industry"])
def test_creating_requires_role_seniority_and_industry(auth_client, missing):
    body = {key: value for key, value in SEED_EXAMPLE.items() if key != missing}
    result = assert_error_envelope(auth_client.put(URL, body, format="json"), 400)
    assert result["error"] == f"{missing}: {missing} is required to create a career profile."
    assert list(result["errors"]) == [missing]
    assert auth_client.get(URL).json() == {"success": False, "data": None}


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("currentRole", "", "currentRole: currentRole must be a non-empty string (job title)."),
        ("currentRole", "   ", "currentRole: currentRole must be a non-empty string (job title)."),
        ("currentRole", None, "currentRole: currentRole must be a non-empty string (job title)."),
        ("industry", "", "industry: industry must be a non-empty string (industry focus)."),
        ("seniority", "guru", None),
        ("seniority", None, "seniority: seniority must be one of the predefined values."),
    ],
)
def test_required_fields_must_be_valid_when_creating_and_when_updating(auth_client, field, value, error):
    # creating
    result = assert_error_envelope(auth_client.put(URL, {**SEED_EXAMPLE, field: value}, format="json"), 400)
    if error:
        assert result["error"] == error
    # updating an existing profile cannot blank them either
    auth_client.put(URL, SEED_EXAMPLE, format="json")
    assert_error_envelope(auth_client.put(URL, {field: value}, format="json"), 400)
    assert auth_client.get(URL).json()["data"][field] == SEED_EXAMPLE[field]


def test_an_unknown_seniority_names_the_predefined_values(auth_client):
    result = assert_error_envelope(auth_client.put(URL, {**SEED_EXAMPLE, "seniority": "guru"}, format="json"), 400)
    assert result["error"] == (
        "seniority: 'guru' is not a valid seniority. Allowed values: student, entry-level, junior, mid-level, senior, "
        "staff, principal, lead, manager, senior-manager, director, vp, cto, founder, consultant, career-changer."
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("companySize", "huge"),
        ("careerGoals", ["get-rich"]),
        ("careerGoals", "skill-development"),
        ("timeframe", "someday"),
        ("learningStyle", "osmosis"),
        ("availableTime", "none"),
        ("budget", "infinite"),
        ("networkingGoals", ["find-friends"]),
        ("preferredEventTypes", ["party"]),
        ("skillTags", [{"name": "Python", "proficiency": "guru"}]),
        ("skillTags", [{"proficiency": "expert"}]),
        ("primarySkills", "Python"),
        ("primarySkills", ["x" * 51]),
        ("interests", [["nested"]]),
        ("yearsOfExperience", -1),
    ],
)
def test_invalid_optional_values_are_refused(auth_client, field, value):
    result = assert_error_envelope(auth_client.put(URL, {**SEED_EXAMPLE, field: value}, format="json"), 400)
    assert result["error"].startswith(field)


def test_a_body_that_is_not_an_object_is_a_400_in_the_envelope(auth_client):
    assert_error_envelope(auth_client.put(URL, ["senior"], format="json"), 400)
    response = auth_client.generic("PUT", URL, "{not json", content_type="application/json")
    assert_error_envelope(response, 400)


def test_authentication_errors_keep_the_envelope(api_client):
    for response in (
        api_client.get(URL),
        api_client.put(URL, SEED_EXAMPLE, format="json"),
        api_client.get(URL, HTTP_AUTHORIZATION="Bearer broken"),
    ):
        body = assert_error_envelope(response, 401)
        assert body == {"success": False, "error": "Authentication required"}
        assert response["WWW-Authenticate"]


def test_other_errors_keep_the_envelope(auth_client, settings):
    assert_error_envelope(auth_client.post(URL, SEED_EXAMPLE, format="json"), 405)
    assert_error_envelope(auth_client.delete(URL), 405)
    response = auth_client.put(URL, "currentRole=x", content_type="text/plain")
    assert_error_envelope(response, 415)
    # the request guard middleware refuses these before any view runs, under both prefixes,
    # with and without the slash: a body over the upload limit, and a NUL in the query string
    over_the_upload_limit = '{"currentRole": "' + "x" * (11 * 1024 * 1024) + '"}'
    for url in ("/api/profile/career", "/api/profile/career/", "/api/v1/profile/career", "/api/v1/profile/career/"):
        response = auth_client.generic("PUT", url, over_the_upload_limit, content_type="application/json")
        assert assert_error_envelope(response, 413) == {"success": False, "error": "The request is larger than the 10 MB limit."}
        assert assert_error_envelope(auth_client.get(f"{url}?industry=a%00b"), 400) == {
            "success": False,
            "error": "industry: The value contains a NUL character.",
            "errors": {"industry": ["The value contains a NUL character."]},
        }
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    assert_error_envelope(auth_client.put(URL, {**SEED_EXAMPLE, "interests": ["x" * 90] * 20}, format="json"), 413)


def test_a_write_that_changes_scores_invalidates_that_users_caches(auth_client, user, other_user, django_capture_on_commit_callbacks):
    mine, theirs = f"career-impact:v2:{user.pk}:event-1", f"career-impact:v2:{other_user.pk}:event-1"
    cache.set_many({mine: 80, theirs: 70, f"dashboard:{user.pk}": {"x": 1}})

    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(URL, SEED_EXAMPLE, format="json")

    assert cache.get(mine) is None and cache.get(f"dashboard:{user.pk}") is None
    assert cache.get(theirs) == 70
    profile = Profile.objects.get(user=user)
    assert profile.scoring_version == 1 and profile.scoring_inputs_changed_at is not None


def test_a_put_that_changes_nothing_keeps_the_caches_and_says_so(auth_client, user, django_capture_on_commit_callbacks):
    auth_client.put(URL, SEED_EXAMPLE, format="json")
    cache.set(f"career-impact:v2:{user.pk}:event-1", 80)

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.put(URL, {"currentRole": "Senior Software Engineer"}, format="json")

    assert response.json()["message"] == "Career profile updated. Nothing that affects scores changed; cached scores were kept."
    assert cache.get(f"career-impact:v2:{user.pk}:event-1") == 80
    assert Profile.objects.get(user=user).scoring_version == 1
