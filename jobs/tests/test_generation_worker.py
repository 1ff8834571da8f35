"""Generation on a real Celery worker over the real Redis and PostgreSQL (.ci/test): the request
waits for the worker, and a generation that outlasts the wait is polled to its end."""

import time

import pytest

from careerhub.testing import celery_workers, needs_real_services
from jobs.tests.test_generation import HIGHLIGHTS, LETTER, PARSED_CV, url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_real_services()]


@pytest.fixture
def celery_worker(anthropic_stub, tmp_path):
    """A worker process on the test database and the test's cache, talking to the Messages API stub."""
    stub = {
        "ANTHROPIC_API_KEY": "sk-test-stub",
        "ANTHROPIC_BASE_URL": anthropic_stub.url,
        "LLM_MAX_RETRIES": "0",
        "LLM_TIMEOUT_SECONDS": "10",
    }
    with celery_workers("generation-test", tmp_path, env=stub) as logs:
        yield logs


@pytest.fixture
def match(user, make_job):
    from jobs.models import Match
    from profiles.models import Profile

    Profile.objects.create(user=user, skills=["Python", "PostgreSQL"], experience_years=7, parsed_cv=PARSED_CV)
    job = make_job(title="Backend Developer", company="Acme Payments", tags=["Python", "PostgreSQL"])
    return Match.objects.create(user=user, job=job, score=80, reasoning={"matching_skills": ["Python", "PostgreSQL"]})


def poll(client, poll_url: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(poll_url)
        if response.status_code != 202:
            return response
        time.sleep(0.2)
    raise AssertionError("the generation did not finish in time")


def test_the_request_waits_for_the_worker_that_writes_the_letter(auth_client, match, anthropic_stub, celery_worker, settings):
    settings.GENERATION_WAIT_SECONDS = 20
    anthropic_stub.queue(anthropic_stub.text(LETTER))

    response = auth_client.post(url(match, "generate-cover-letter"))

    assert response.status_code == 200, response.json()
    assert response.json()["cover_letter"] == LETTER and response.json()["cached"] is False
    match.refresh_from_db()
    assert match.cover_letter == LETTER
    again = auth_client.post(url(match, "generate-cover-letter"))
    assert again.json()["cached"] is True and len(anthropic_stub.requests) == 1


def test_a_generation_that_outlasts_the_wait_is_polled_to_its_result(auth_client, match, anthropic_stub, celery_worker, settings):
    settings.GENERATION_WAIT_SECONDS = 0.3
    anthropic_stub.queue(anthropic_stub.slow(2.0, anthropic_stub.tool_use({"highlights": HIGHLIGHTS})))

    response = auth_client.post(url(match, "generate-highlights"))

    assert response.status_code == 202, response.json()
    assert response.json()["status"] in ("pending", "processing")
    done = poll(auth_client, response.json()["poll_url"])
    assert done.status_code == 200, done.json()
    assert done.json()["highlights"] == HIGHLIGHTS and done.json()["model"] == "claude-haiku-5-5"
    match.refresh_from_db()
    assert match.cv_highlights == HIGHLIGHTS


def test_a_rate_limited_api_seen_by_the_worker_answers_503(auth_client, match, anthropic_stub, celery_worker, settings):
    settings.GENERATION_WAIT_SECONDS = 20
    anthropic_stub.queue(anthropic_stub.error(429, retry_after=11), anthropic_stub.text(LETTER))

    failed = auth_client.post(url(match, "generate-cover-letter"))
    retried = auth_client.post(url(match, "generate-cover-letter"))

    assert failed.status_code == 503 and failed["Retry-After"] == "11"
    assert retried.status_code == 200 and retried.json()["cover_letter"] == LETTER
