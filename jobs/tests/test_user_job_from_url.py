"""Adding a job by its URL (issue 17), end to end against local servers.

ATS job links are read from the ATS's API on the local job board (the link's own host is never
asked); other pages are served by the same local server, reached through the safe fetcher because
the test allows its host:port in URL_FETCH_ALLOWED_HOSTS. The refusals of the fetcher at this
endpoint are in fetching/test_from_url_refusals.py.
"""

import socket
from datetime import UTC, datetime

import pytest

from jobs.api.serializers.user_jobs import UserJobSerializer
from jobs.models import Job, Match
from jobs.tests.conftest import NEW_SOURCE_PAGES, payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/user-jobs/from-url"
GREENHOUSE_JOB = "/greenhouse/v1/boards/acme/jobs/4012345"


@pytest.fixture
def pages(board, settings):
    """The local server, allowed through the safe fetcher; `pages.link(path)` is a page's URL on it."""
    settings.URL_FETCH_ALLOWED_HOSTS = [board.url.removeprefix("http://")]
    board.link = lambda path: f"{board.url}{path}"
    return board


@pytest.fixture
def closed_port():
    """A port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def add(client, url):
    return client.post(URL, {"url": url})


# --- ATS job links, read from the ATS's API ----------------------------------------------------


def test_a_greenhouse_job_link_is_read_from_its_api_into_one_of_the_users_jobs(auth_client, user, board):
    # given the job on Greenhouse's API (the local board)
    board.route(GREENHOUSE_JOB, payload("greenhouse_acme_job_4012345.json"))
    # when
    response = add(auth_client, "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc123")
    # then the answer is the user job, as POST /user-jobs answers it
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == set(UserJobSerializer.Meta.fields)
    assert (body["user_id"], body["source"]) == (str(user.pk), "user_submitted")
    assert (body["title"], body["company"], body["url"]) == (
        "Staff Machine Learning Engineer", "Acme Robotics", "https://boards.greenhouse.io/acme/jobs/4012345",
    )
    assert (body["location"], body["remote_type"], body["job_type"]) == ("Remote - US", "full", "permanent")
    assert (body["salary_min"], body["salary_max"], body["salary_currency"]) == (180000, 240000, "USD")
    assert (body["eligible_regions"], body["visa_sponsorship"]) == (["US"], 1)
    assert body["description"].startswith("Acme builds robots.")
    # and only the ATS's API was asked
    assert board.paths() == [GREENHOUSE_JOB]
    # and the job is read for eligibility, dated, and opens the user's match like every job the user adds
    job = Job.objects.get(pk=body["id"])
    assert (job.owner_id, job.sponsorship, job.places, job.work_mode) == (user.pk, "yes", ["US"], "remote")
    assert job.posted_at == datetime(2024, 12, 1, 14, 0, tzinfo=UTC)
    assert (job.raw_data["read_as"], job.raw_data["item"]["id"]) == ("greenhouse", 4012345)
    assert Match.objects.filter(user=user, job=job).exists()


@pytest.mark.parametrize(
    "link, path, name, title",
    [
        (
            "https://jobs.lever.co/pied-piper/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8",
            "/lever/v0/postings/pied-piper/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8?mode=json",
            "lever_pied-piper_posting.json",
            "Senior Rust Engineer",
        ),
        (
            "https://jobs.ashbyhq.com/lumen/0b4c6a1e-5f3d-4a8e-9c2b-7d1e8f9a0b11/application",
            *NEW_SOURCE_PAGES["ashby"][0],
            "Senior Backend Engineer",
        ),
        ("https://apply.workable.com/quill/j/A1B2C3D4E5/", *NEW_SOURCE_PAGES["workable"][0], "Data Engineer"),
        (
            "https://jobs.smartrecruiters.com/Northwind/744000012345671-site-reliability-engineer-kubernetes-",
            "/smartrecruiters/v1/companies/Northwind/postings/744000012345671",
            "smartrecruiters_northwind_posting.json",
            "Site Reliability Engineer (Kubernetes)",
        ),
        ("https://tallyho.recruitee.com/o/frontend-developer-react", *NEW_SOURCE_PAGES["recruitee"][0], "Frontend Developer (React)"),
        ("https://bergwerk.jobs.personio.de/job/2800938?language=en", *NEW_SOURCE_PAGES["personio"][0], "Senior Python Developer (m/w/d)"),
    ],
    ids=["lever", "ashby", "workable", "smartrecruiters", "recruitee", "personio"],
)
def test_each_ats_job_link_is_read_from_that_ats_api(auth_client, board, link, path, name, title):
    board.route(path, payload(name), content_type="application/xml" if name.endswith(".xml") else "application/json")
    response = add(auth_client, link)
    assert response.status_code == 201, response.content
    assert response.json()["title"] == title
    assert board.paths() == [path]


def test_a_smartrecruiters_posting_is_read_with_its_job_ad(auth_client, board):
    board.route("/smartrecruiters/v1/companies/Northwind/postings/744000012345671", payload("smartrecruiters_northwind_posting.json"))
    body = add(auth_client, "https://jobs.smartrecruiters.com/Northwind/744000012345671").json()
    assert body["company"] == "Northwind Traders"
    assert "Run our Kubernetes clusters and write Terraform." in body["description"]
    assert (body["salary_min"], body["salary_max"], body["visa_sponsorship"]) == (150000, 180000, 0)
    assert {"Kubernetes", "Terraform", "Go"} <= set(body["tags"])


def test_a_job_the_board_does_not_list_is_no_job_found(auth_client, board):
    board.route(NEW_SOURCE_PAGES["workable"][0][0], payload("workable_quill.json"))
    response = add(auth_client, "https://apply.workable.com/quill/j/ZZZZ999999/")
    assert response.status_code == 400
    assert response.json()["code"] == "no_job_found"
    assert "does not list this job" in response.json()["detail"]


def test_a_closed_greenhouse_job_is_no_job_found(auth_client, board):
    # the job's own endpoint answers 404 (no route)
    response = add(auth_client, "https://boards.greenhouse.io/acme/jobs/4099999")
    assert (response.status_code, response.json()["code"]) == (400, "no_job_found")
    assert board.paths() == ["/greenhouse/v1/boards/acme/jobs/4099999"]


@pytest.mark.parametrize("answer", [{"status": 503, "body": "down"}, {"status": 200, "body": "<html>maintenance</html>"}])
def test_an_ats_that_cannot_be_read_is_a_502(auth_client, board, answer):
    board.route(GREENHOUSE_JOB, answer["body"], status=answer["status"])
    response = add(auth_client, "https://boards.greenhouse.io/acme/jobs/4012345")
    assert response.status_code == 502
    assert response.json()["code"] == "fetch_failed"
    assert not Job.objects.exists()


def test_a_companys_board_is_not_a_job(auth_client, board):
    response = add(auth_client, "https://jobs.lever.co/pied-piper")
    assert (response.status_code, response.json()["code"]) == (400, "no_job_found")
    assert "/api/v1/companies/watch" in response.json()["detail"]
    assert board.requests == []


# --- Other pages: the JobPosting JSON-LD, or the main text -----------------------------------------


def test_a_pages_job_posting_json_ld_is_read(auth_client, user, pages):
    # given a careers page with a JobPosting
    pages.route("/jobs/senior-data-engineer", payload("page_jobposting.html"), content_type="text/html; charset=utf-8")
    # when
    response = add(auth_client, pages.link("/jobs/senior-data-engineer"))
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["company"], body["url"]) == (
        "Senior Data Engineer", "Globex Analytics", "https://careers.globex.example/jobs/senior-data-engineer",
    )
    assert (body["location"], body["remote_type"], body["job_type"]) == ("Berlin, DE", "full", "permanent")
    assert (body["salary_min"], body["salary_max"], body["salary_currency"]) == (70000, 90000, "EUR")
    assert (body["eligible_regions"], body["visa_sponsorship"]) == (["Germany"], 0)
    assert body["tags"] == ["Python", "Airflow"]
    job = Job.objects.get(pk=body["id"])
    assert (job.places, job.sponsorship) == (["DE"], "no")
    assert job.posted_at == datetime(2025, 1, 10, tzinfo=UTC)
    assert job.raw_data == {"added_from_url": pages.link("/jobs/senior-data-engineer"), "read_as": "json-ld"}


def test_a_job_posting_served_as_json_ld_is_read(auth_client, pages):
    document = '{"@context": "https://schema.org", "@type": "JobPosting", "title": "QA Analyst", "hiringOrganization": "Vandelay"}'
    pages.route("/posting.jsonld", document, content_type="application/ld+json")
    body = add(auth_client, pages.link("/posting.jsonld")).json()
    assert (body["title"], body["company"], body["url"]) == ("QA Analyst", "Vandelay", pages.link("/posting.jsonld"))


def test_json_without_a_job_posting_is_no_job_found(auth_client, pages):
    pages.route("/api/status", '{"status": "ok"}')
    response = add(auth_client, pages.link("/api/status"))
    assert (response.status_code, response.json()["code"]) == (400, "no_job_found")


def test_a_page_without_json_ld_is_read_from_its_main_text(auth_client, pages, no_llm):
    # given a page whose posting is only its text, in a site's chrome
    pages.route("/careers/backend", payload("page_job_text.html"), content_type="text/html")
    # when
    response = add(auth_client, pages.link("/careers/backend"))
    # then the pasted-job parser read the posting, not the site around it
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["company"], body["url"]) == ("Backend Engineer", "Initrode", pages.link("/careers/backend"))
    assert (body["location"], body["remote_type"], body["eligible_regions"]) == ("Remote (US only)", "full", ["US"])
    assert (body["salary_min"], body["salary_max"], body["salary_currency"]) == (120000, 150000, "USD")
    assert body["tags"] == ["Django", "PostgreSQL", "Python", "AWS"]
    assert "Own the billing API" in body["description"]
    for chrome in ("About us", "Subscribe", "Office Manager", "window.analytics"):
        assert chrome not in body["description"]
    assert Job.objects.get(pk=body["id"]).raw_data["read_as"] == "page-text"


def test_a_redirect_to_another_allowed_page_is_followed(auth_client, pages, no_llm):
    pages.route("/old", "", status=301, headers={"Location": "/careers/backend"})
    pages.route("/careers/backend", payload("page_job_text.html"), content_type="text/html")
    assert add(auth_client, pages.link("/old")).status_code == 201
    assert pages.paths() == ["/old", "/careers/backend"]


@pytest.mark.parametrize(
    "body",
    [payload("page_blog.html"), b"<html><body><h1>Jobs</h1><p>Apply now for a remote role</p></body></html>"],
    ids=["a blog post", "too little text"],
)
def test_a_page_that_is_no_job_posting_is_no_job_found(auth_client, pages, no_llm, body):
    pages.route("/page", body, content_type="text/html")
    response = add(auth_client, pages.link("/page"))
    assert response.status_code == 400
    assert response.json()["code"] == "no_job_found"
    assert not Job.objects.exists()


# --- Pages that cannot be read -------------------------------------------------------------------


def test_a_missing_page_is_fetch_failed(auth_client, pages):
    response = add(auth_client, pages.link("/gone"))
    assert response.status_code == 502
    assert response.json()["code"] == "fetch_failed"
    assert "404" in response.json()["detail"]


def test_a_port_nothing_listens_on_is_fetch_failed(auth_client, settings, closed_port):
    settings.URL_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    response = add(auth_client, f"http://127.0.0.1:{closed_port}/job")
    assert (response.status_code, response.json()["code"]) == (502, "fetch_failed")


def test_a_pdf_is_not_read(auth_client, pages):
    pages.route("/job.pdf", b"%PDF-1.7", content_type="application/pdf")
    response = add(auth_client, pages.link("/job.pdf"))
    assert (response.status_code, response.json()["code"]) == (400, "fetch_wrong_type")


def test_a_page_over_two_megabytes_is_not_read(auth_client, pages):
    pages.route("/huge", b"<html>" + b"x" * (2 * 1024 * 1024 + 1), content_type="text/html")
    response = add(auth_client, pages.link("/huge"))
    assert (response.status_code, response.json()["code"]) == (502, "fetch_too_large")


# --- The rules every user job follows ------------------------------------------------------------


def test_the_same_job_added_twice_is_refused_the_second_time(auth_client, board):
    board.route(GREENHOUSE_JOB, payload("greenhouse_acme_job_4012345.json"))
    assert add(auth_client, "https://boards.greenhouse.io/acme/jobs/4012345").status_code == 201
    response = add(auth_client, "https://job-boards.greenhouse.io/acme/jobs/4012345")
    assert response.status_code == 400
    assert response.json()["detail"] == "You have already added this job (same company and title)."
    assert Job.objects.count() == 1


def test_adding_by_url_shares_the_parse_rate_limit(auth_client, board, settings, no_llm):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "job_parse": "2/hour"}
    board.route(GREENHOUSE_JOB, payload("greenhouse_acme_job_4012345.json"))
    assert auth_client.post("/api/v1/user-jobs/parse", {"job_text": "Backend Engineer at Initech. " * 5}).status_code == 200
    assert add(auth_client, "https://boards.greenhouse.io/acme/jobs/4012345").status_code == 201
    response = add(auth_client, "https://boards.greenhouse.io/acme/jobs/4012346")
    assert response.status_code == 429
    assert response["Retry-After"]
    assert board.paths() == [GREENHOUSE_JOB]


@pytest.mark.parametrize("body", [{}, {"url": ""}, {"url": 42}, {"url": "https://example.com/" + "a" * 1000}])
def test_a_body_without_a_usable_url_is_invalid(auth_client, body):
    response = auth_client.post(URL, body)
    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    assert "url" in response.json()["errors"]


def test_anonymous_callers_are_refused(api_client, board):
    response = api_client.post(URL, {"url": "https://boards.greenhouse.io/acme/jobs/4012345"})
    assert response.status_code == 401
    assert board.requests == []
