"""CV parsing on a real Celery worker over the real Redis and PostgreSQL (.ci/test): the upload
answers at once and the worker reads and parses the CV (or the request waits, when a deployment
sets CV_PARSE_WAIT_SECONDS), and an AI outage is retried in the background until the CV is parsed."""

import pytest

from careerhub.testing import celery_workers, needs_real_services, wait_for
from profiles.models import CvUpload
from profiles.tests.documents import CV_TEXT, make_pdf, upload
from profiles.tests.test_cv_upload import LLM_CV

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_real_services()]


@pytest.fixture
def celery_worker(anthropic_stub, tmp_path):
    """A real worker process on the test database, talking to the Messages API stub."""
    stub = {
        "ANTHROPIC_API_KEY": "sk-test-stub",
        "ANTHROPIC_BASE_URL": anthropic_stub.url,
        "LLM_MAX_RETRIES": "0",
        "LLM_TIMEOUT_SECONDS": "5",
        "CV_PARSE_RETRY_BACKOFF_SECONDS": "1",
    }
    with celery_workers("profiles-test", tmp_path, env=stub) as logs:
        yield logs


def test_the_upload_answers_at_once_and_the_worker_reads_and_parses_the_cv(auth_client, anthropic_stub, celery_worker):
    # given the default: no wait
    anthropic_stub.queue(anthropic_stub.tool_use(LLM_CV))

    # when a PDF CV is uploaded
    response = auth_client.post("/api/v1/profile/cv", {"file": upload("cv.pdf", make_pdf())}, format="multipart")

    # then the answer is 202 with where to poll, and the worker extracts the text and parses it
    assert response.status_code == 202, response.json()
    poll_url = response.json()["poll_url"]
    polled = wait_for(lambda: (answer := auth_client.get(poll_url)).status_code != 202 and answer)
    assert polled.status_code == 200, polled.json()
    assert polled.json()["model"] == "claude-haiku-5-5" and polled.json()["parsed_cv"]["years_of_experience"] == 7
    assert "<cv>\nAda Lovelace" in anthropic_stub.requests[0]["body"]["messages"][0]["content"]
    assert "Analytical Engines Ltd" in CvUpload.objects.get().text


def test_the_request_waits_for_the_worker_that_parses_the_cv(auth_client, anthropic_stub, celery_worker, settings):
    # given a deployment that lets uploads wait
    settings.CV_PARSE_WAIT_SECONDS = 20
    anthropic_stub.queue(anthropic_stub.tool_use(LLM_CV))

    response = auth_client.post("/api/v1/profile/cv", {"file": upload("cv.txt", CV_TEXT.encode())}, format="multipart")

    assert response.status_code == 200, response.json()
    assert response.json()["model"] == "claude-haiku-5-5"
    assert response.json()["parsed_cv"]["years_of_experience"] == 7
    assert len(anthropic_stub.requests) == 1


def test_an_ai_outage_is_retried_by_the_worker_until_the_cv_is_parsed(auth_client, anthropic_stub, celery_worker, settings):
    # given an API that is overloaded once, then answers, and uploads that wait for the parse
    settings.CV_PARSE_WAIT_SECONDS = 20
    anthropic_stub.queue(anthropic_stub.error(529, retry_after=1), anthropic_stub.tool_use(LLM_CV))

    # when the CV is uploaded, the client is told to come back ...
    response = auth_client.post("/api/v1/profile/cv", {"file": upload("cv.txt", CV_TEXT.encode())}, format="multipart")
    assert response.status_code == 503 and response["Retry-After"] == "1"

    # ... and the worker retries on its own until the CV is parsed, with nothing re-uploaded
    wait_for(lambda: CvUpload.objects.filter(status=CvUpload.Status.COMPLETED).exists())
    assert CvUpload.objects.count() == 1
    parsed = auth_client.get("/api/v1/profile/cv/parsed")
    assert parsed.status_code == 200 and parsed.json()["name"] == "Ada Lovelace"
    assert len(anthropic_stub.requests) == 2
