"""POST /profile/cv and GET /profile/cv/parsed (seed 004): types, limits, both parsers, outages."""

import time
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from careerhub.testing import all_at_once, needs_postgresql
from profiles.models import CvUpload, Profile
from profiles.tests.documents import (
    CV_TEXT,
    PNG_BYTES,
    make_docx,
    make_docx_bomb,
    make_junk_pdf,
    make_many_page_pdf,
    make_pdf,
    make_pdf_bomb,
    make_slow_pdf,
    upload,
)

pytestmark = pytest.mark.django_db

CV_URL = "/api/profile/cv"
PARSED_URL = "/api/v1/profile/cv/parsed"

LLM_CV = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "phone": "+44 20 7946 0958",
    "summary": "Analytical engineer.",
    "skills": ["python", "Postgres", "Difference Engines"],
    "experience": [
        {
            "company": "Analytical Engines Ltd",
            "title": "Senior Software Engineer",
            "start_date": "2019-01",
            "end_date": "present",
            "description": "Built the backend.",
        }
    ],
    "education": [{"institution": "University of London", "degree": "BSc", "field": "Mathematics", "end_date": "2015"}],
    "years_of_experience": 7,
}


def post_cv(client, name, data, **extra):
    return client.post(CV_URL, {"file": upload(name, data)}, format="multipart", **extra)


# --- the heuristic parser (no API key) --------------------------------------------------------


def test_a_text_cv_is_parsed_heuristically_and_updates_the_profile(auth_client, user, no_llm):
    # given a profile with a skill already
    auth_client.post("/api/v1/profile/skills", {"skills": ["Rust"]}, format="json")

    # when a plain-text CV is uploaded
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())

    # then it is parsed without the LLM and the profile takes the skills and the experience
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["message"] == "CV uploaded and parsed successfully"
    assert body["filename"] == "cv.txt"
    assert body["model"] == "heuristic"
    parsed = body["parsed_cv"]
    assert parsed["name"] == "Ada Lovelace"
    assert parsed["email"] == "ada@example.com"
    assert parsed["years_of_experience"] == 6
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes"} <= set(parsed["skills"])
    assert parsed["experience"][0]["company"] == "Analytical Engines Ltd"
    assert parsed["experience"][0]["end_date"] == "present"
    assert parsed["education"][0]["institution"] == "University of London"

    profile = auth_client.get("/api/v1/profile").json()
    assert profile["skills"][0] == "Rust" and "Python" in profile["skills"]
    assert profile["experience_years"] == 6
    assert profile["preferences"]["parsed_cv"] == parsed
    assert profile["cv_filename"] == "cv.txt" and profile["cv_uploaded_at"]
    # the summary filled the empty bio; contact details filled the empty ones
    assert profile["bio"] == "Analytical engineer with 6 years of experience building data pipelines."
    assert auth_client.get("/api/v1/profile/contact-information").json()["email"] == "ada@example.com"
    assert auth_client.get(PARSED_URL).json() == parsed


def test_a_pdf_cv_is_read_with_pdfminer(auth_client, no_llm):
    response = post_cv(auth_client, "resume.pdf", make_pdf())
    assert response.status_code == 200, response.json()
    parsed = response.json()["parsed_cv"]
    assert parsed["name"] == "Ada Lovelace"
    assert "Python" in parsed["skills"]
    upload_row = CvUpload.objects.get()
    assert upload_row.kind == "pdf" and "Analytical Engines Ltd" in upload_row.text


def test_a_docx_cv_is_read_with_python_docx(auth_client, no_llm):
    response = post_cv(auth_client, "resume.docx", make_docx())
    assert response.status_code == 200, response.json()
    assert response.json()["parsed_cv"]["email"] == "ada@example.com"
    assert CvUpload.objects.get().kind == "docx"


def test_the_file_and_its_text_are_stored(auth_client, user, no_llm):
    post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    row = CvUpload.objects.get(user=user)
    assert row.status == CvUpload.Status.COMPLETED
    assert row.text.startswith("Ada Lovelace")
    assert row.file.name.startswith(f"cvs/{user.pk}/")
    with default_storage.open(row.file.name) as stored:
        assert stored.read() == CV_TEXT.encode()


# --- Claude through the real SDK against a local Messages API -------------------------------


def test_a_cv_is_parsed_by_claude_through_the_sdk(auth_client, anthropic_stub):
    anthropic_stub.queue(anthropic_stub.tool_use(LLM_CV))

    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["model"] == "claude-haiku-5-5"
    # normalised: canonical skill names, every key present
    assert body["parsed_cv"]["skills"] == ["Python", "PostgreSQL", "Difference Engines"]
    assert body["parsed_cv"]["years_of_experience"] == 7
    # the request was a forced tool call with the CV as data
    sent = anthropic_stub.requests[0]["body"]
    assert sent["model"] == "claude-haiku-5-5"
    assert sent["tool_choice"] == {"type": "tool", "name": "record_cv"}
    assert "<cv>\nAda Lovelace" in sent["messages"][0]["content"]
    assert Profile.objects.get().experience_years == 7


def test_the_same_cv_twice_is_answered_from_the_cache(auth_client, anthropic_stub):
    anthropic_stub.queue(anthropic_stub.tool_use(LLM_CV))
    assert post_cv(auth_client, "cv.txt", CV_TEXT.encode()).status_code == 200
    assert post_cv(auth_client, "again.txt", CV_TEXT.encode()).status_code == 200
    assert len(anthropic_stub.requests) == 1


def test_when_claude_is_down_the_upload_is_kept_and_the_answer_is_503(auth_client, user, anthropic_stub):
    # given an API that is overloaded
    anthropic_stub.queue(anthropic_stub.error(529, retry_after=7))

    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())

    # then the client is told to come back later
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response.json()["code"] == "llm_unavailable"
    # and nothing it sent was lost
    row = CvUpload.objects.get(user=user)
    assert row.status == CvUpload.Status.UNAVAILABLE
    assert row.text.startswith("Ada Lovelace") and default_storage.exists(row.file.name)
    assert Profile.objects.get(user=user).cv_filename == "cv.txt"
    missing = auth_client.get(PARSED_URL)
    assert missing.status_code == 404 and missing.json()["code"] == "cv_not_parsed"

    # when the API is back, the same upload parses
    anthropic_stub.queue(anthropic_stub.tool_use(LLM_CV))
    assert post_cv(auth_client, "cv.txt", CV_TEXT.encode()).status_code == 200
    assert auth_client.get(PARSED_URL).json()["name"] == "Ada Lovelace"


def test_an_unreachable_api_is_a_503_too(auth_client, settings, anthropic_stub):
    settings.ANTHROPIC_BASE_URL = "http://127.0.0.1:9"  # discard port: connection refused
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert response.status_code == 503 and response["Retry-After"]
    assert CvUpload.objects.get().status == CvUpload.Status.UNAVAILABLE


# --- refusals ---------------------------------------------------------------------------------


def test_a_png_named_pdf_is_a_415(auth_client, no_llm):
    # when a PNG that calls itself a PDF is uploaded
    response = post_cv(auth_client, "cv.pdf", PNG_BYTES)

    # then it is a 415 (DESIGN §2 over seed 004's 400) and nothing is kept
    assert response.status_code == 415
    assert response.json() == {"detail": "Invalid file format: upload a PDF, DOCX or TXT file.", "code": "unsupported_file_type"}
    assert not CvUpload.objects.exists()


def test_a_missing_file_is_a_400(auth_client):
    response = auth_client.post(CV_URL, {}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()["errors"]


def test_a_file_over_10_mb_is_a_413(auth_client, settings, no_llm):
    settings.MAX_UPLOAD_SIZE = 1024
    response = post_cv(auth_client, "cv.txt", b"a" * 1025)
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_a_real_12_mb_cv_is_a_413_from_the_request_guard(auth_client, no_llm):
    response = post_cv(auth_client, "cv.txt", b"a" * (12 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is larger than the 10 MB limit.", "code": "payload_too_large"}
    assert not CvUpload.objects.exists()


def test_a_cv_that_parses_to_nothing_is_a_400_with_its_code(auth_client, no_llm):
    response = post_cv(auth_client, "cv.txt", b"lorem ipsum dolor sit amet\n")
    assert response.status_code == 400
    assert response.json()["code"] == "cv_unparseable"
    assert CvUpload.objects.get().status == CvUpload.Status.FAILED


def test_a_pdf_without_text_is_a_400_with_its_code(auth_client, no_llm):
    response = post_cv(auth_client, "scan.pdf", make_pdf([]))
    assert response.status_code == 400 and response.json()["code"] == "no_text"


def unreadable_upload_was_discarded() -> None:
    """The failed upload is recorded (its poll URL answers), its stored file removed."""
    row = CvUpload.objects.get()
    assert row.status == CvUpload.Status.FAILED and row.file.name == "" and row.text == ""
    assert not default_storage.listdir(f"cvs/{row.user_id}")[1]


def test_a_pdf_bomb_fails_fast_with_a_clear_error(auth_client, no_llm):
    # given a 2 MB PDF whose content stream inflates to 2 GB
    bomb = make_pdf_bomb()
    assert len(bomb) < 3 * 1024 * 1024

    started = time.monotonic()
    response = post_cv(auth_client, "bomb.pdf", bomb)

    assert time.monotonic() - started < 10
    assert response.status_code == 400
    assert response.json()["code"] == "document_too_complex"
    unreadable_upload_was_discarded()


def test_a_5000_page_pdf_fails_fast_with_a_clear_error(auth_client, no_llm):
    started = time.monotonic()
    response = post_cv(auth_client, "book.pdf", make_many_page_pdf(5000))
    assert time.monotonic() - started < 10
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "too_many_pages"
    assert body["detail"] == "This PDF has 5000 pages; CVs of at most 50 pages are accepted."
    unreadable_upload_was_discarded()


def test_a_pdf_that_understates_its_pages_is_still_capped(auth_client, no_llm):
    response = post_cv(auth_client, "book.pdf", make_many_page_pdf(60, declare_count=False))
    assert response.status_code == 400 and response.json()["code"] == "too_many_pages"


def test_extraction_is_killed_at_the_wall_clock_limit(auth_client, settings, no_llm):
    settings.CV_EXTRACT_TIMEOUT_SECONDS = 0.01
    response = post_cv(auth_client, "resume.pdf", make_pdf())
    assert response.status_code == 400
    assert response.json()["code"] == "extraction_timeout"


@pytest.mark.parametrize(
    ("name", "document"),
    [("pages.pdf", make_slow_pdf), ("junk.pdf", make_junk_pdf)],
    ids=["50 pages sharing one heavy stream", "10 MB of junk after %PDF"],
)
def test_a_document_that_takes_minutes_to_read_is_stopped_at_the_time_bound(auth_client, settings, no_llm, name, document):
    # given a small time bound, and a document pdfminer needs far longer for
    settings.CV_EXTRACT_TIMEOUT_SECONDS = 1.5
    data = document()

    # when it is uploaded (the embedded default reads it within the request)
    started = time.monotonic()
    response = post_cv(auth_client, name, data)

    # then reading stops at the bound, with a clear error
    assert time.monotonic() - started < 6
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Reading this document took longer than 1.5 seconds, so it was stopped.",
        "code": "extraction_timeout",
    }
    unreadable_upload_was_discarded()


def test_a_docx_that_would_inflate_past_the_limit_is_refused(auth_client, no_llm):
    response = post_cv(auth_client, "cv.docx", make_docx_bomb())
    assert response.status_code == 400
    assert response.json()["code"] == "document_too_complex"


def test_uploads_are_throttled(auth_client, settings, no_llm):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "cv_upload": "2/hour"}
    assert post_cv(auth_client, "cv.txt", CV_TEXT.encode()).status_code == 200
    assert post_cv(auth_client, "cv.txt", CV_TEXT.encode()).status_code == 200
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert response.status_code == 429 and response["Retry-After"]


# --- reading it back --------------------------------------------------------------------------


def test_the_parsed_cv_is_404_before_any_upload(auth_client):
    response = auth_client.get(PARSED_URL)
    assert response.status_code == 404
    assert response.json()["code"] == "no_cv"


def test_the_cv_endpoints_need_a_signed_in_user(api_client):
    assert api_client.get(PARSED_URL).status_code == 401
    assert post_cv(api_client, "cv.txt", CV_TEXT.encode()).status_code == 401


def test_a_parsed_cv_is_private_to_its_owner(auth_client, other_client, no_llm):
    post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert other_client.get(PARSED_URL).status_code == 404


@pytest.fixture
def celery_not_eager():
    """Tasks go to the broker (memory://, or the real Redis in .ci/test) and no worker takes them."""
    from careerhub.celery import app as celery_app

    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


def test_with_a_worker_the_upload_answers_202_at_once_with_where_to_poll(auth_client, celery_not_eager, no_llm):
    from profiles.tasks import parse_cv

    # given a broker but no worker yet (the default: no wait)
    started = time.monotonic()
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())

    # then the upload is accepted at once and kept, unread
    assert time.monotonic() - started < 2
    assert response.status_code == 202
    row = CvUpload.objects.get()
    poll_url = f"/api/profile/cv/uploads/{row.pk}"
    assert response.json() == {
        "message": "CV uploaded; parsing continues in the background.",
        "filename": "cv.txt",
        "status": "pending",
        "upload_id": str(row.pk),
        "poll_url": poll_url,
    }
    assert response["Location"] == poll_url
    assert row.text == "" and default_storage.exists(row.file.name)
    assert auth_client.get(PARSED_URL).json()["code"] == "cv_not_parsed"
    # and polling says the same until a worker gets to it
    assert auth_client.get(poll_url).status_code == 202

    # when the worker gets to it
    assert parse_cv.apply(args=[str(row.pk)]).get() == "completed"

    # then the poll answers what the upload would have, and running it again changes nothing
    polled = auth_client.get(poll_url)
    assert polled.status_code == 200
    assert polled.json()["message"] == "CV uploaded and parsed successfully"
    assert polled.json()["parsed_cv"] == auth_client.get(PARSED_URL).json()
    assert polled.json()["parsed_cv"]["name"] == "Ada Lovelace"
    assert parse_cv.apply(args=[str(row.pk)]).get() == "completed"
    assert parse_cv.apply(args=["00000000-0000-0000-0000-000000000000"]).get() is None


def test_a_deployment_may_let_the_upload_wait_for_the_parse(auth_client, settings, celery_not_eager, no_llm):
    # given a wait, and a broker but no worker: the wait runs out
    settings.CV_PARSE_WAIT_SECONDS = 0.3
    started = time.monotonic()
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert response.status_code == 202 and 0.3 <= time.monotonic() - started < 3


def test_an_unreadable_file_polled_later_is_a_400_with_its_code(auth_client, celery_not_eager, no_llm):
    from profiles.tasks import parse_cv

    response = post_cv(auth_client, "book.pdf", make_many_page_pdf(60))
    assert response.status_code == 202
    parse_cv.apply(args=[response.json()["upload_id"]])

    polled = auth_client.get(response.json()["poll_url"])
    assert polled.status_code == 400 and polled.json()["code"] == "too_many_pages"
    unreadable_upload_was_discarded()


def test_one_cv_is_parsed_at_a_time_per_user(auth_client, other_client, celery_not_eager, no_llm):
    from profiles.tasks import parse_cv

    # given an upload waiting for the worker
    first = post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert first.status_code == 202

    # when the same user uploads another, then it is refused and nothing of it is kept
    second = post_cv(auth_client, "other.txt", CV_TEXT.encode())
    assert second.status_code == 409
    assert second.json()["code"] == "cv_parse_in_progress"
    assert first.json()["upload_id"] in second.json()["detail"]
    assert CvUpload.objects.count() == 1
    # while another user is not held up
    assert post_cv(other_client, "cv.txt", CV_TEXT.encode()).status_code == 202

    # and once the first is parsed, the next upload is taken
    parse_cv.apply(args=[first.json()["upload_id"]])
    assert post_cv(auth_client, "other.txt", CV_TEXT.encode()).status_code == 202


def test_an_upload_whose_parse_was_lost_stops_blocking_after_a_while(auth_client, settings, celery_not_eager, no_llm):
    # given an upload whose task never ran, older than the stale limit
    settings.CV_PARSE_STALE_SECONDS = 60
    assert post_cv(auth_client, "cv.txt", CV_TEXT.encode()).status_code == 202
    CvUpload.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    # then a new upload is taken
    assert post_cv(auth_client, "again.txt", CV_TEXT.encode()).status_code == 202


def test_someone_elses_upload_cannot_be_polled(auth_client, other_client, api_client, celery_not_eager, no_llm):
    poll_url = post_cv(auth_client, "cv.txt", CV_TEXT.encode()).json()["poll_url"]
    assert other_client.get(poll_url).status_code == 404
    assert api_client.get(poll_url).status_code == 401


@needs_postgresql()
@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_the_same_instant_from_one_user_parse_one(user, client_for, celery_not_eager, no_llm):
    # when one user sends two CVs at once
    answers = all_at_once(lambda: post_cv(client_for(user), "cv.txt", CV_TEXT.encode()).status_code, 2)
    # then one is taken and one refused, and only one is kept
    assert sorted(answers) == [202, 409]
    assert CvUpload.objects.filter(user=user).count() == 1


def test_a_storage_outage_is_a_503_and_nothing_is_recorded(auth_client, settings, tmp_path, no_llm):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker)
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert response.status_code == 503 and response.json()["code"] == "storage_unavailable"
    assert not CvUpload.objects.exists()
