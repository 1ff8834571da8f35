"""CV parsing on a real Celery worker over the real Redis and PostgreSQL (.ci/test): the request
waits for the worker, and an AI outage is retried in the background until the CV is parsed."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from careerhub.celery import app as celery_app
from profiles.models import CvUpload
from profiles.tests.documents import CV_TEXT, upload
from profiles.tests.test_cv_upload import LLM_CV

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="needs the PostgreSQL and Redis that .ci/test starts (a worker cannot share SQLite's in-memory test database)",
    ),
]

WORKER_START_SECONDS = 30


def _database_url() -> str:
    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def celery_worker(anthropic_stub, tmp_path):
    """A real worker process on the test database, talking to the Messages API stub."""
    celery_app.control.purge()  # no leftovers from earlier tests
    name = f"profiles-test-{uuid.uuid4().hex[:8]}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerhub.settings.base",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "ANTHROPIC_API_KEY": "sk-test-stub",
        "ANTHROPIC_BASE_URL": anthropic_stub.url,
        "LLM_MAX_RETRIES": "0",
        "LLM_TIMEOUT_SECONDS": "5",
        "CV_PARSE_RETRY_BACKOFF_SECONDS": "1",
        "MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    log = open(tmp_path / "worker.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "careerhub", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name],
        cwd=str(settings.BASE_DIR), env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + WORKER_START_SECONDS
        while not celery_app.control.ping(destination=[name], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start: {(tmp_path / 'worker.log').read_text()[-3000:]}")
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        yield process
        celery_app.conf.task_always_eager = eager
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the condition did not become true in time")


def test_the_request_waits_for_the_worker_that_parses_the_cv(auth_client, anthropic_stub, celery_worker):
    anthropic_stub.queue(anthropic_stub.tool_use(LLM_CV))

    response = auth_client.post("/api/v1/profile/cv", {"file": upload("cv.txt", CV_TEXT.encode())}, format="multipart")

    assert response.status_code == 200, response.json()
    assert response.json()["model"] == "claude-haiku-4-5"
    assert response.json()["parsed_cv"]["years_of_experience"] == 7
    assert len(anthropic_stub.requests) == 1


def test_an_ai_outage_is_retried_by_the_worker_until_the_cv_is_parsed(auth_client, anthropic_stub, celery_worker):
    # given an API that is overloaded once, then answers
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
