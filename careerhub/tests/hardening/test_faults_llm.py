"""The Messages API failing under every LLM-backed endpoint (the real SDK against the local stub).

For each endpoint × fault (429, 500, a malformed body, a timeout): the answer is 503 in the
error shape with Retry-After, what the user sent is kept, nothing is cached from the failure —
and the next call, with the API answering again, gets the real answer rather than a cached
failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careerhub.cache import iter_keys
from careerhub.testing import MessagesApiStub
from jobs.models import Job, Match
from jobs.tests import factories as job_factories
from profiles.models import CvUpload, Profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LLM_TIMEOUT_SECONDS = 0.5
CV_TEXT = (
    "Ada Lovelace\nada@example.com\n\nSummary\nBackend engineer who likes careful systems.\n\n"
    "Skills\nPython, Django, PostgreSQL\n\nExperience\nSenior Backend Engineer at Analytical Engines Ltd (2018 - present)\n"
)
PARSED_CV = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "phone": None,
    "summary": "Backend engineer who likes careful systems.",
    "skills": ["Python", "Django", "PostgreSQL"],
    "experience": [
        {"company": "Analytical Engines Ltd", "title": "Senior Backend Engineer", "start_date": "2018", "end_date": "present",
         "description": "Built the billing platform."}
    ],
    "education": [],
    "years_of_experience": 7,
}
POSTING = (
    "Backend Developer\nAcme Payments\n\nWe build payments with Python and PostgreSQL. Fully remote, "
    "permanent role, 5 years of experience. Apply at https://acme.example/careers/backend"
)
EXTRACTED_POSTING = {
    "title": "Backend Developer",
    "company": "Acme Payments",
    "description": "Payments backend in Python and PostgreSQL.",
    "url": "https://acme.example/careers/backend",
    "location": "Remote",
    "remote_type": "full",
    "job_type": "permanent",
    "salary_min": None,
    "salary_max": None,
    "salary_currency": None,
    "tags": ["Python", "PostgreSQL"],
}
LETTER = "Dear Acme Payments hiring team,\n\nI would like to build your payments backend.\n\nSincerely,\nAda Lovelace"
HIGHLIGHTS = [
    "Built the Python and PostgreSQL billing platform at Analytical Engines Ltd.",
    "Seven years of backend engineering, currently as Senior Backend Engineer.",
    "Hands-on with Django and PostgreSQL, both named in the posting.",
]

FAULTS: dict[str, Callable[[], dict]] = {
    "rate_limited": lambda: MessagesApiStub.error(429, retry_after=7),
    "server_error": lambda: MessagesApiStub.error(500),
    "malformed_json": MessagesApiStub.malformed,
    "timeout": lambda: MessagesApiStub.slow(LLM_TIMEOUT_SECONDS + 1.0, MessagesApiStub.text("too late")),
}


@dataclass
class Endpoint:
    """How to call one LLM-backed endpoint, what a good API answer is, and what must survive a failure."""

    name: str
    send: Callable  # (client, world) -> response
    good_answers: Callable[[], list[dict]]
    kept: Callable  # (world) -> None: asserts the user's input survived the failure
    answered: Callable  # (response, world) -> None: asserts the good answer was used
    cache_patterns: tuple[str, ...]


def _cv_upload(client, world):
    upload = SimpleUploadedFile("cv.txt", CV_TEXT.encode(), content_type="text/plain")
    return client.post("/api/v1/profile/cv", {"file": upload}, format="multipart")


def _cv_kept(world):
    upload = CvUpload.objects.get(user=world["user"])
    assert upload.status == CvUpload.Status.UNAVAILABLE and "Analytical Engines" in upload.text
    assert upload.file.read().decode() == CV_TEXT


def _cv_answered(response, world):
    assert response.json()["parsed_cv"]["name"] == "Ada Lovelace" and response.json()["model"] != "heuristic"
    assert Profile.objects.get(user=world["user"]).experience_years == 7


def _generate(action: str):
    return lambda client, world: client.post(f"/api/v1/matches/{world['match'].pk}/{action}")


def _generation_kept(world):
    match = Match.objects.get(pk=world["match"].pk)
    assert (match.cover_letter, match.cv_highlights, match.score, match.status) == (
        world["match"].cover_letter, world["match"].cv_highlights, world["match"].score, world["match"].status
    )


ENDPOINTS = [
    Endpoint(
        "cv_upload",
        _cv_upload,
        lambda: [MessagesApiStub.tool_use(PARSED_CV)],
        _cv_kept,
        _cv_answered,
        ("llm:cv_parse:*",),
    ),
    Endpoint(
        "job_parse",
        lambda client, world: client.post("/api/v1/user-jobs/parse", {"job_text": POSTING}, format="json"),
        lambda: [MessagesApiStub.tool_use(EXTRACTED_POSTING)],
        # Parsing stores nothing (the text stays with the client); the failure must not either.
        lambda world: not Job.objects.filter(owner=world["user"]).exists() or pytest.fail("a job was stored"),
        lambda response, world: response.json()["description"] == EXTRACTED_POSTING["description"] or pytest.fail(response.json()),
        ("llm:job_extract:*",),
    ),
    Endpoint(
        "cover_letter",
        _generate("generate-cover-letter"),
        lambda: [MessagesApiStub.text(LETTER)],
        _generation_kept,
        lambda response, world: response.json()["cover_letter"] == LETTER or pytest.fail(response.json()),
        ("cover_letter:*",),
    ),
    Endpoint(
        "highlights",
        _generate("generate-highlights"),
        lambda: [MessagesApiStub.tool_use({"highlights": HIGHLIGHTS})],
        _generation_kept,
        lambda response, world: response.json()["highlights"] == HIGHLIGHTS or pytest.fail(response.json()),
        ("cv_highlights:*",),
    ),
    Endpoint(
        "regenerate",
        _generate("regenerate"),
        lambda: [MessagesApiStub.text(LETTER), MessagesApiStub.tool_use({"highlights": HIGHLIGHTS})],
        _generation_kept,
        lambda response, world: (response.json()["cover_letter"], response.json()["cv_highlights"]) == (LETTER, HIGHLIGHTS)
        or pytest.fail(response.json()),
        ("cover_letter:*", "cv_highlights:*"),
    ),
]


@pytest.fixture
def world(user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Profile.objects.create(
        user=user,
        current_role="Senior Backend Engineer",
        experience_years=7,
        skills=["Python", "Django", "PostgreSQL"],
        parsed_cv=PARSED_CV,
    )
    job = job_factories.job(
        title="Backend Developer", company="Acme Payments", description="We build payments with Python and PostgreSQL.",
        tags=["Python", "PostgreSQL"], remote_type="remote",
    )
    match = Match.objects.create(user=user, job=job, score=82.5, reasoning={"overall_score": 82.5, "matching_skills": ["Python"]})
    return {"user": user, "match": match}


@pytest.fixture
def failing_stub(anthropic_stub, settings):
    settings.LLM_TIMEOUT_SECONDS = LLM_TIMEOUT_SECONDS  # the SDK client is cached per timeout
    return anthropic_stub


def cached_keys(patterns: tuple[str, ...]) -> list[str]:
    return [key for pattern in patterns for key in iter_keys(pattern)]


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_a_failing_llm_answers_503_keeps_the_input_and_caches_nothing(endpoint, fault, world, auth_client, failing_stub):
    # given the Messages API fails once, then answers
    failing_stub.queue(FAULTS[fault](), *endpoint.good_answers())

    # when the user calls the endpoint
    failed = endpoint.send(auth_client, world)

    # then it answers 503 in the error shape, with Retry-After
    assert failed.status_code == 503, failed.content
    assert set(failed.json()) == {"detail", "code"} and failed.json()["code"] == "llm_unavailable"
    assert failed["Retry-After"] == ("7" if fault == "rate_limited" else "30")
    # and what the user sent is kept, and nothing was cached from the failure
    endpoint.kept(world)
    assert cached_keys(endpoint.cache_patterns) == []
    assert len(failing_stub.requests) == 1

    # when they try again with the API answering
    retried = endpoint.send(auth_client, world)

    # then the real answer is used (not a cached failure) and is cached now
    assert retried.status_code == 200, retried.content
    endpoint.answered(retried, world)
    assert len(failing_stub.requests) == 1 + len(endpoint.good_answers())
    assert cached_keys(endpoint.cache_patterns) != []
