"""Every LLM feature through the API on each provider, and on the heuristics (DESIGN §6).

`llm_stub` runs each test with Claude (Messages API stub) and with an OpenAI-compatible server
(Chat Completions stub, configured as for Ollama); `no_llm` is the embedded default. Feature code
never knows which provider answers: the same request gives the same response shape.
"""

import io

import pytest
from django.conf import settings

from jobs.models import Match
from jobs.tests import factories as job_factories
from profiles.models import Profile

pytestmark = pytest.mark.django_db

CV_TEXT = (
    "Ada Lovelace\nada@example.com\n\nSummary: Backend engineer.\n\nExperience\n"
    "Senior Backend Engineer, Analytical Engines Ltd, 2019 - present\nBuilt the Python billing platform.\n\n"
    "Skills: Python, PostgreSQL, Django\n"
)
PARSED_CV = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "phone": None,
    "summary": "Backend engineer.",
    "skills": ["Python", "PostgreSQL", "Django"],
    "experience": [
        {
            "company": "Analytical Engines Ltd",
            "title": "Senior Backend Engineer",
            "start_date": "2019-01",
            "end_date": "present",
            "description": "Built the Python billing platform.",
        }
    ],
    "education": [],
    "years_of_experience": 7,
}
POSTING = "Senior Python Developer\nTechCorp Inc. - Remote\n\nPython, Django, PostgreSQL.\nSalary: $120,000 - $160,000 USD"
EXTRACTED = {
    "title": "Senior Python Developer", "company": "TechCorp Inc.", "description": "Python role.",
    "location": "Remote", "remote_type": "full", "job_type": "permanent", "tags": ["python", "django"],
}
LETTER = "Dear TechCorp team,\n\nI would like to build your Python platform.\n\nAda Lovelace"
HIGHLIGHTS = [
    "Built the Python billing platform at Analytical Engines Ltd.",
    "Seven years of backend engineering with PostgreSQL.",
    "Hands-on with Django, which the posting names.",
]


def provider_path(stub) -> str:
    return stub.requests[-1]["path"]


@pytest.fixture
def match(user):
    Profile.objects.create(user=user, current_role="Senior Backend Engineer", experience_years=7,
                           skills=["Python", "Django", "PostgreSQL"], parsed_cv=PARSED_CV)
    job = job_factories.job(title="Senior Python Developer", company="TechCorp Inc.", description="Python, Django and PostgreSQL.",
                            tags=["Python", "Django", "PostgreSQL"])
    return Match.objects.create(user=user, job=job, score=80.0, reasoning={"overall_score": 80.0})


def test_a_cv_is_parsed_by_the_provider(auth_client, llm_stub):
    llm_stub.queue(llm_stub.structured(PARSED_CV))
    upload = io.BytesIO(CV_TEXT.encode())
    upload.name = "cv.txt"
    response = auth_client.post("/api/v1/profile/cv", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["model"] == settings.LLM_EXTRACTION_MODEL
    assert response.json()["parsed_cv"]["skills"] == ["Python", "PostgreSQL", "Django"]
    assert provider_path(llm_stub).endswith(llm_stub.path)


def test_a_pasted_job_is_extracted_by_the_provider(auth_client, llm_stub):
    llm_stub.queue(llm_stub.structured(EXTRACTED))
    response = auth_client.post("/api/v1/user-jobs/parse", {"job_text": POSTING}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["model"], body["job_type"]) == ("Senior Python Developer", settings.LLM_EXTRACTION_MODEL, "permanent")
    assert "<job_posting>" in str(llm_stub.requests[0]["body"]["messages"])


def test_a_cover_letter_is_written_by_the_provider(auth_client, llm_stub, match):
    llm_stub.queue(llm_stub.text(LETTER))
    response = auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter")
    assert response.status_code == 200, response.json()
    assert (response.json()["cover_letter"], response.json()["model"]) == (LETTER, settings.LLM_WRITING_MODEL)


def test_highlights_are_drafted_by_the_provider(auth_client, llm_stub, match):
    llm_stub.queue(llm_stub.structured({"highlights": HIGHLIGHTS}))
    response = auth_client.post(f"/api/v1/matches/{match.pk}/generate-highlights")
    assert response.status_code == 200, response.json()
    assert (response.json()["highlights"], response.json()["model"]) == (HIGHLIGHTS, settings.LLM_EXTRACTION_MODEL)


def test_a_resume_is_tailored_by_the_provider_with_nothing_invented(auth_client, llm_stub, match):
    draft = {
        "summary": "Senior Backend Engineer who built a Python billing platform.",
        "skills": ["Python", "Django", "PostgreSQL"],
        "work": [
            {"company": "Initech", "title": "CTO", "start_date": "2010", "end_date": "2018", "highlights": ["Ran everything."]},
            {"company": "Analytical Engines Ltd", "title": "Senior Backend Engineer", "start_date": "2019-01",
             "end_date": "present", "highlights": ["Built the Python billing platform."]},
        ],
        "education": [],
    }
    llm_stub.queue(llm_stub.structured(draft))
    response = auth_client.post(f"/api/v1/matches/{match.pk}/tailor-resume")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["model"], [entry["company"] for entry in body["content"]["work"]]) == (
        settings.LLM_EXTRACTION_MODEL, ["Analytical Engines Ltd"]
    )
    assert {"kind": "employer", "value": "Initech", "where": "work[0].company"} in body["removed_claims"]
    assert provider_path(llm_stub).endswith(llm_stub.path)


def test_a_provider_outage_is_a_503_with_retry_after_and_the_letter_can_be_asked_again(auth_client, llm_stub, match):
    llm_stub.queue(llm_stub.error(429, retry_after=9))
    response = auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter")
    assert response.status_code == 503 and response["Retry-After"] == "9"
    llm_stub.queue(llm_stub.text(LETTER))
    assert auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter").json()["cover_letter"] == LETTER


class TestTheHeuristics:
    def test_every_feature_answers_labelled_heuristic(self, auth_client, match, no_llm):
        letter = auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter").json()
        highlights = auth_client.post(f"/api/v1/matches/{match.pk}/generate-highlights").json()
        parsed = auth_client.post("/api/v1/user-jobs/parse", {"job_text": POSTING}, format="json").json()
        tailored = auth_client.post(f"/api/v1/matches/{match.pk}/tailor-resume").json()
        assert (letter["model"], highlights["model"], parsed["model"], tailored["model"]) == ("heuristic",) * 4
        assert set(tailored["content"]["skills"]) == {"Python", "Django", "PostgreSQL"}
        assert letter["cover_letter"] and len(highlights["highlights"]) >= 3 and parsed["title"] == "Senior Python Developer"
