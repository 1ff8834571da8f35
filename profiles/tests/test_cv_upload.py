"""POST /profile/cv and GET /profile/cv/parsed (seed 004): types, limits, both parsers, outages."""

import time

import pytest
from django.core.files.storage import default_storage

from profiles.models import CvUpload, Profile
from profiles.tests.documents import (
    CV_TEXT,
    PNG_BYTES,
    make_docx,
    make_docx_bomb,
    make_many_page_pdf,
    make_pdf,
    make_pdf_bomb,
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


def test_a_pdf_bomb_fails_fast_with_a_clear_error(auth_client, no_llm):
    # given a 2 MB PDF whose content stream inflates to 2 GB
    bomb = make_pdf_bomb()
    assert len(bomb) < 3 * 1024 * 1024

    started = time.monotonic()
    response = post_cv(auth_client, "bomb.pdf", bomb)

    assert time.monotonic() - started < 10
    assert response.status_code == 400
    assert response.json()["code"] == "document_too_complex"
    assert not CvUpload.objects.exists()


def test_a_5000_page_pdf_fails_fast_with_a_clear_error(auth_client, no_llm):
    started = time.monotonic()
    response = post_cv(auth_client, "book.pdf", make_many_page_pdf(5000))
    assert time.monotonic() - started < 10
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "too_many_pages"
    assert body["detail"] == "This PDF has 5000 pages; CVs of at most 50 pages are accepted."


def test_a_pdf_that_understates_its_pages_is_still_capped(auth_client, no_llm):
    response = post_cv(auth_client, "book.pdf", make_many_page_pdf(60, declare_count=False))
    assert response.status_code == 400 and response.json()["code"] == "too_many_pages"


def test_extraction_is_killed_at_the_wall_clock_limit(auth_client, settings, no_llm):
    settings.CV_EXTRACT_TIMEOUT_SECONDS = 0.01
    response = post_cv(auth_client, "resume.pdf", make_pdf())
    assert response.status_code == 400
    assert response.json()["code"] == "extraction_timeout"


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


def test_a_parse_that_outlasts_the_wait_answers_202_and_finishes_in_the_background(auth_client, settings, celery_not_eager, no_llm):
    from profiles.tasks import parse_cv

    # given a broker but no worker yet, and a short wait
    settings.CV_PARSE_WAIT_SECONDS = 0.2

    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())

    # then the upload is accepted and kept
    assert response.status_code == 202
    assert response.json() == {"message": "CV uploaded; parsing continues in the background.", "filename": "cv.txt", "status": "pending"}
    assert auth_client.get(PARSED_URL).json()["code"] == "cv_not_parsed"

    # when the worker gets to it
    row = CvUpload.objects.get()
    assert parse_cv.apply(args=[str(row.pk)]).get() == "completed"

    # then the parsed CV is there, and running it again changes nothing
    assert auth_client.get(PARSED_URL).json()["name"] == "Ada Lovelace"
    assert parse_cv.apply(args=[str(row.pk)]).get() == "completed"
    assert parse_cv.apply(args=["00000000-0000-0000-0000-000000000000"]).get() is None


def test_a_storage_outage_is_a_503_and_nothing_is_recorded(auth_client, settings, tmp_path, no_llm):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker)
    response = post_cv(auth_client, "cv.txt", CV_TEXT.encode())
    assert response.status_code == 503 and response.json()["code"] == "storage_unavailable"
    assert not CvUpload.objects.exists()
