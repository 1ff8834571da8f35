"""One profile, many faces (DESIGN §3): seed 004 /profile and /auth/me, seed 001 /profile/...,
seed 000 /profile/career and seed 003 /users/me all read and write the same row."""

import pytest

from profiles.models import Profile
from profiles.tests.factories import create_resume_version

pytestmark = pytest.mark.django_db

CAREER = {"currentRole": "Engineer", "seniority": "senior", "industry": "Technology/Software"}


# --- the faces agree ----------------------------------------------------------------------------


def test_skills_set_through_seed_001_are_the_skills_of_seed_000_and_seed_004(auth_client):
    # given a career profile (seed 000)
    auth_client.put("/api/profile/career", CAREER, format="json")

    # when skills are set through seed 001, in any spelling
    response = auth_client.post("/api/v1/profile/skills", {"skills": ["python", "Postgres", "k8s", "postgresql"]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"message": "Skills updated successfully."}

    # then every face shows the same canonical skills
    expected = ["Python", "PostgreSQL", "Kubernetes"]
    assert auth_client.get("/api/v1/profile/skills").json() == {"skills": expected}
    assert auth_client.get("/api/profile/career").json()["data"]["primarySkills"] == expected
    assert auth_client.get("/api/profile").json()["skills"] == expected
    assert auth_client.get("/auth/me").json()["skills"] == expected
    assert Profile.objects.count() == 1


def test_post_replaces_the_skills_and_patch_adds_and_removes_some(auth_client, user):
    # given skills set with POST, which replaces the whole list
    auth_client.post("/api/v1/profile/skills", {"skills": ["Python", "PHP"]}, format="json")
    auth_client.post("/api/v1/profile/skills", {"skills": ["Python", "Django", "PHP", "k8s"]}, format="json")
    scoring_version = Profile.objects.get(user=user).scoring_version

    # when PATCH adds two (one already listed in another spelling) and removes two (in other spellings)
    response = auth_client.patch(
        "/api/v1/profile/skills", {"add": ["postgres", "python", "Go"], "remove": ["php", "Kubernetes"]}, format="json"
    )

    # then the others stay, in order, and the answer is the resulting list
    expected = ["Python", "Django", "PostgreSQL", "Go"]
    assert response.status_code == 200
    assert response.json() == {"skills": expected}
    assert auth_client.get("/api/v1/profile/skills").json() == {"skills": expected}
    # and matching learns of the change, as with every other skill write
    assert Profile.objects.get(user=user).scoring_version > scoring_version


def test_a_patch_that_changes_nothing_leaves_the_scores_alone(auth_client, user):
    auth_client.post("/api/v1/profile/skills", {"skills": ["Python"]}, format="json")
    scoring_version = Profile.objects.get(user=user).scoring_version

    response = auth_client.patch("/api/v1/profile/skills", {"add": ["python"], "remove": ["Rust"]}, format="json")

    assert response.json() == {"skills": ["Python"]}
    assert Profile.objects.get(user=user).scoring_version == scoring_version


@pytest.mark.parametrize("body", [{}, {"add": [], "remove": None}, {"add": "Python"}, {"remove": ["x" * 51]}])
def test_a_patch_of_the_skills_needs_something_to_add_or_remove(auth_client, body):
    response = auth_client.patch("/api/v1/profile/skills", body, format="json")

    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_skills_set_through_seed_004_show_in_seed_001_and_seed_000(auth_client):
    auth_client.put("/api/profile/career", {**CAREER, "primarySkills": ["Go"]}, format="json")
    auth_client.put("/api/profile", {"skills": ["React", "TypeScript"]}, format="json")
    assert auth_client.get("/api/v1/profile/skills").json()["skills"] == ["React", "TypeScript"]
    assert auth_client.get("/api/profile/career").json()["data"]["primarySkills"] == ["React", "TypeScript"]


def test_the_name_and_summary_are_the_users_own_fields(auth_client, user):
    # seed 004 writes full_name and bio ...
    auth_client.put("/api/profile", {"full_name": "Ada King", "bio": "Countess of Lovelace"}, format="json")
    user.refresh_from_db()
    assert (user.display_name, user.bio) == ("Ada King", "Countess of Lovelace")
    # ... which seed 003 and seed 001 read
    me = auth_client.get("/api/v1/users/me").json()
    assert (me["display_name"], me["bio"]) == ("Ada King", "Countess of Lovelace")
    assert auth_client.get("/api/v1/profile/summary").json() == {"summary": "Countess of Lovelace"}

    # seed 001 writes the summary, seed 003 writes the bio: one value
    auth_client.post("/api/v1/profile/summary", {"summary": "Mathematician"}, format="json")
    assert auth_client.get("/api/profile").json()["bio"] == "Mathematician"
    auth_client.put("/api/v1/users/me", {"bio": "Poet"}, format="json")
    assert auth_client.get("/api/v1/profile/summary").json()["summary"] == "Poet"
    assert auth_client.get("/auth/me").json()["bio"] == "Poet"


def test_job_types_of_seed_001_are_the_preferences_of_seed_004(auth_client):
    # seed 001 mixes work modes, employment types and "other"
    response = auth_client.post(
        "/api/v1/profile/job-preferences", {"preferred_job_types": ["remote", "on-site", "full-time", "contract", "other"]}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"message": "Job preferences updated successfully."}

    profile = Profile.objects.get()
    assert profile.work_modes == ["remote", "onsite"]
    assert profile.employment_types == ["full_time", "contract"]
    assert profile.open_to_other_job_types is True
    preferences = auth_client.get("/api/profile").json()["preferences"]
    assert preferences["remote_types"] == ["full", "onsite"]
    assert preferences["job_types"] == ["permanent", "contract"]

    # and seed 004 writes what seed 001 reads back
    auth_client.put("/api/profile", {"preferences": {"remote_types": ["hybrid"], "job_types": ["part-time"]}}, format="json")
    assert auth_client.get("/api/v1/profile/job-preferences").json() == {"preferred_job_types": ["hybrid", "part-time", "other"]}


# --- seed 004 /profile -----------------------------------------------------------------------------


def test_a_new_user_reads_an_empty_profile_without_creating_one(auth_client, user):
    body = auth_client.get("/api/profile").json()
    assert body["id"] == str(user.pk) and body["email"] == user.email
    assert body["full_name"] == "Ada Lovelace"
    assert body["skills"] == [] and body["experience_years"] is None
    assert body["preferences"]["remote_only"] is False
    assert body["preferences"]["parsed_cv"] is None
    assert body["cv_filename"] is None and body["cv_uploaded_at"] is None
    assert not Profile.objects.exists()


def test_put_profile_is_partial_and_keeps_custom_preferences(auth_client):
    seed_example = {
        "full_name": "John Doe",
        "bio": "Senior Software Engineer",
        "skills": ["Python", "React", "TypeScript", "Docker", "Kubernetes"],
        "experience_years": 6,
        "preferences": {
            "target_roles": ["Senior Software Engineer", "Tech Lead"],
            "remote_types": ["full", "hybrid"],
            "min_salary": 120000,
            "job_types": ["permanent"],
            "preferred_countries": ["United States", "Canada", "Remote"],
            "eligible_regions": ["US", "Canada", "Worldwide"],
            "needs_visa_sponsorship": False,
            "company_culture": "async-first",
        },
    }
    response = auth_client.put("/api/profile", seed_example, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["full_name"] == "John Doe" and body["experience_years"] == 6
    preferences = body["preferences"]
    assert preferences["target_roles"] == ["Senior Software Engineer", "Tech Lead"]
    assert preferences["remote_types"] == ["full", "hybrid"] and preferences["remote_only"] is False
    assert preferences["min_salary"] == 120000 and preferences["max_salary"] is None
    assert preferences["job_types"] == ["permanent"]
    assert preferences["needs_visa_sponsorship"] is False
    assert preferences["company_culture"] == "async-first"
    assert body["updated_at"]

    # a later partial update changes only what it sends
    body = auth_client.put("/api/profile", {"preferences": {"max_salary": 180000, "remote_only": True}}, format="json").json()
    assert body["full_name"] == "John Doe" and body["skills"][0] == "Python"
    assert body["preferences"]["target_roles"] == ["Senior Software Engineer", "Tech Lead"]
    assert body["preferences"]["max_salary"] == 180000
    assert body["preferences"]["remote_only"] is True and body["preferences"]["remote_types"] == ["full"]
    assert body["preferences"]["company_culture"] == "async-first"

    # null removes a custom preference; parsed_cv is not writable here
    body = auth_client.put("/api/profile", {"preferences": {"company_culture": None, "parsed_cv": {"name": "x"}}}, format="json").json()
    assert "company_culture" not in body["preferences"]
    assert body["preferences"]["parsed_cv"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"skills": "Python"}, "skills"),
        ({"skills": [1, {"a": 2}]}, "skills.1"),
        ({"experience_years": -1}, "experience_years"),
        ({"preferences": {"remote_types": ["remote"]}}, "preferences.remote_types.0"),
        ({"preferences": {"job_types": ["full-time"]}}, "preferences.job_types.0"),
        ({"preferences": {"min_salary": -5}}, "preferences.min_salary"),
        ({"preferences": {"min_salary": 200000, "max_salary": 100000}}, "preferences.max_salary"),
        ({"preferences": ["remote"]}, "preferences.non_field_errors"),
    ],
)
def test_put_profile_refuses_invalid_values(auth_client, body, field):
    response = auth_client.put("/api/profile", body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]


def test_an_unknown_work_mode_names_the_allowed_values(auth_client):
    response = auth_client.put("/api/profile", {"preferences": {"remote_types": ["remote"]}}, format="json")
    assert response.json()["errors"]["preferences.remote_types.0"] == [
        "'remote' is not a valid work mode. Allowed values: full, hybrid, onsite."
    ]


def test_auth_me_has_the_seed_004_shape_under_every_prefix(client_for, user):
    client = client_for(user)
    client.put("/api/profile", {"skills": ["Python"], "experience_years": 5, "preferences": {"target_roles": ["SWE"], "remote_only": True, "min_salary": 80000}}, format="json")
    for prefix in ("/auth", "/api/auth", "/api/v1/auth"):
        body = client.get(f"{prefix}/me").json()
        assert body["id"] == str(user.pk) and body["email"] == "ada@example.com"
        assert body["full_name"] == "Ada Lovelace" and body["bio"] is None
        assert body["skills"] == ["Python"] and body["experience_years"] == 5
        assert body["preferences"]["target_roles"] == ["SWE"]
        assert body["preferences"]["remote_only"] is True and body["preferences"]["min_salary"] == 80000
        assert "parsed_cv" not in body["preferences"]
        assert body["cv_uploaded_at"] is None and body["created_at"]


# --- seed 001 concerns -------------------------------------------------------------------------------


def test_availability_round_trips_and_refuses_unknown_values(auth_client):
    assert auth_client.get("/api/v1/profile/availability").json() == {"status": None}
    response = auth_client.post("/api/v1/profile/availability", {"status": "looking_for_opportunities"}, format="json")
    assert response.json() == {"message": "Availability status updated successfully."}
    assert auth_client.get("/api/v1/profile/availability").json() == {"status": "looking_for_opportunities"}

    refused = auth_client.post("/api/v1/profile/availability", {"status": "on_holiday"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"]["status"] == [
        "'on_holiday' is not a valid availability status. Allowed values: currently_in_a_job, looking_for_opportunities, ready_to_join."
    ]
    assert auth_client.post("/api/v1/profile/availability", {}, format="json").status_code == 400


@pytest.mark.parametrize("status", [None, ""])
def test_availability_cannot_be_cleared_with_null_or_blank(auth_client, status):
    # given a status that is set
    auth_client.post("/api/v1/profile/availability", {"status": "ready_to_join"}, format="json")

    # when null or "" is sent (seed 001 allows only its three values)
    response = auth_client.post("/api/v1/profile/availability", {"status": status}, format="json")

    # then it is an invalid status value and the status stays
    assert response.status_code == 400 and "status" in response.json()["errors"]
    assert auth_client.get("/api/v1/profile/availability").json() == {"status": "ready_to_join"}


def test_an_unknown_job_type_is_refused_with_the_allowed_values(auth_client):
    response = auth_client.post("/api/v1/profile/job-preferences", {"preferred_job_types": ["remote", "gig"]}, format="json")
    assert response.status_code == 400
    message = response.json()["errors"]["preferred_job_types"][0]
    assert message.startswith("'gig' is not a valid job type. Allowed values: remote, hybrid, on-site, full-time, contract")
    assert message.endswith("other.")
    assert not Profile.objects.exists()


def test_contact_information_round_trips(auth_client):
    body = {"email": "abraham.duran@example.com", "phone": "+1-198-205-1238", "location": {"city": "Austin", "region": "TX", "country": "USA"}}
    response = auth_client.post("/api/v1/profile/contact-information", body, format="json")
    assert response.status_code == 200
    assert response.json() == {"message": "Contact information updated successfully."}
    assert auth_client.get("/api/v1/profile/contact-information").json() == body

    # a partial location changes only its parts
    auth_client.post("/api/v1/profile/contact-information", {"location": {"city": "Dallas"}}, format="json")
    assert auth_client.get("/api/v1/profile/contact-information").json()["location"] == {"city": "Dallas", "region": "TX", "country": "USA"}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"email": "not-an-email"},
        {"phone": "call me"},
        {"phone": "12345"},
        {"phone": "+1 (555) 123-4567-8901-2345"},
        {"location": "Austin"},
    ],
)
def test_invalid_or_missing_contact_information_is_a_400(auth_client, body):
    assert auth_client.post("/api/v1/profile/contact-information", body, format="json").status_code == 400


def test_the_resume_to_show_is_one_of_your_resume_versions(auth_client, other_user, user):
    mine = create_resume_version(user, version_name="Mine")
    theirs = create_resume_version(other_user, version_name="Theirs")

    refused = auth_client.post("/api/v1/profile/resume", {"resume_version_id": str(theirs.pk)}, format="json")
    assert refused.status_code == 400 and refused.json()["errors"]["resume_version_id"] == ["Resume version not found."]

    response = auth_client.post("/api/v1/profile/resume", {"resume_version_id": str(mine.pk)}, format="json")
    assert response.json() == {"message": "Resume updated successfully."}
    body = auth_client.get("/api/v1/profile/resume").json()
    assert body["resume_version_id"] == str(mine.pk) and body["resume"]["version_name"] == "Mine"

    # deleting the version clears the choice
    auth_client.delete(f"/api/v1/resumes/{mine.pk}")
    assert auth_client.get("/api/v1/profile/resume").json() == {"resume_version_id": None, "resume": None}


def test_social_links_are_added_by_platform_and_removed_without_a_url(auth_client):
    auth_client.post(
        "/api/v1/profile/social-links",
        {"social_links": [{"platform": "LinkedIn", "url": "https://linkedin.com/in/ada"}, {"platform": "github", "url": "https://github.com/ada"}]},
        format="json",
    )
    response = auth_client.post(
        "/api/v1/profile/social-links",
        {"social_links": [{"platform": "github", "url": None}, {"platform": "website", "url": "https://ada.dev"}]},
        format="json",
    )
    assert response.json() == {"message": "Social links updated successfully."}
    assert auth_client.get("/api/v1/profile/social-links").json() == {
        "social_links": [
            {"platform": "linkedin", "url": "https://linkedin.com/in/ada"},
            {"platform": "website", "url": "https://ada.dev"},
        ]
    }


@pytest.mark.parametrize(
    "links",
    [
        [{"platform": "github", "url": "not a url"}],
        [{"platform": "github", "url": "ftp://files.example.com"}],
        [{"platform": "", "url": "https://x.dev"}],
        [],
    ],
)
def test_bad_social_links_are_a_400(auth_client, links):
    assert auth_client.post("/api/v1/profile/social-links", {"social_links": links}, format="json").status_code == 400


def test_the_summary_is_capped(auth_client):
    assert auth_client.post("/api/v1/profile/summary", {"summary": "x" * 5001}, format="json").status_code == 400
    assert auth_client.post("/api/v1/profile/summary", {"summary": None}, format="json").json() == {"message": "Summary updated successfully."}


# --- access -------------------------------------------------------------------------------------------

FACES = [
    "/api/v1/profile",
    "/api/v1/profile/availability",
    "/api/v1/profile/job-preferences",
    "/api/v1/profile/contact-information",
    "/api/v1/profile/resume",
    "/api/v1/profile/skills",
    "/api/v1/profile/social-links",
    "/api/v1/profile/summary",
    "/api/v1/profile/sharing",
    "/api/v1/me/industry-profile",
    "/auth/me",
]


@pytest.mark.parametrize("url", FACES)
def test_every_face_needs_a_signed_in_user(api_client, url):
    assert api_client.get(url).status_code == 401
    assert api_client.get(url, HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


@pytest.mark.parametrize("url", FACES)
def test_every_face_answers_with_and_without_a_trailing_slash(auth_client, url):
    assert auth_client.get(url).status_code == 200
    assert auth_client.get(url + "/").status_code == 200


def test_one_users_profile_never_shows_another_users_values(auth_client, other_client):
    auth_client.post("/api/v1/profile/skills", {"skills": ["Python"]}, format="json")
    auth_client.post("/api/v1/profile/contact-information", {"email": "ada@private.example"}, format="json")
    assert other_client.get("/api/v1/profile/skills").json() == {"skills": []}
    assert other_client.get("/api/v1/profile/contact-information").json()["email"] is None
