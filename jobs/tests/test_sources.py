"""Each scraper against a local board serving payloads in the real shapes."""

import json
from datetime import UTC, datetime

import pytest

from jobs.sources import enabled_source_names, get_source
from jobs.sources.http import FetchError, fetch
from jobs.tests.conftest import payload

# The company-board sources read the watched boards from the database with the ones settings list.
pytestmark = pytest.mark.django_db


def by_id(batch):
    return {posting.source_id: posting for posting in batch.postings}


# --- RemoteOK --------------------------------------------------------------------------------


def test_remoteok_skips_the_legal_notice_and_reads_string_and_number_ids(all_boards_serving):
    batch = get_source("remoteok").collect()
    assert set(by_id(batch)) == {"1093421", "1093422", "1093423"}
    assert all("legal" not in p.raw_data for p in batch.postings)


def test_remoteok_normalises_a_posting_into_the_canonical_fields(all_boards_serving):
    posting = by_id(get_source("remoteok").collect())["1093421"]
    assert posting.title == "Senior Python Developer"
    assert posting.company == "Tech Startup Inc"
    assert posting.url.startswith("https://remoteOK.com/remote-jobs/")
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (100000, 150000, "USD")
    assert posting.remote_type == "remote"
    assert posting.tags == ["Python", "Django", "PostgreSQL", "Docker", "senior"]
    assert posting.eligible_regions == ["Worldwide"]
    assert posting.visa_sponsorship == 1
    assert posting.posted_at == datetime(2024, 12, 15, 9, 0, tzinfo=UTC)
    # HTML became text: entities decoded, tags and the script gone
    assert "Tech Startup's platform team" in posting.description
    assert "<" not in posting.description and "alert" not in posting.description
    assert "Python & Django" in posting.description


def test_remoteok_treats_zero_salaries_as_unknown_and_decodes_entities(all_boards_serving):
    posting = by_id(get_source("remoteok").collect())["1093422"]
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (None, None, "")
    assert posting.company == "Acme & Sons"
    assert posting.job_type == "contract"
    assert posting.eligible_regions == ["US"]
    assert posting.visa_sponsorship == 0


def test_remoteok_drops_absurd_salaries_but_keeps_the_job(all_boards_serving):
    posting = by_id(get_source("remoteok").collect())["1093423"]
    assert (posting.salary_min, posting.salary_max) == (None, None)
    assert posting.tags == []  # "tags" was not a list


def test_remoteok_counts_each_malformed_item_and_goes_on(all_boards_serving):
    batch = get_source("remoteok").collect()
    # no position, a bare string, no id
    assert batch.failed_items == 3
    assert len(batch.postings) == 3
    assert batch.unreachable is False


def test_remoteok_is_asked_with_a_real_user_agent(all_boards_serving, settings):
    get_source("remoteok").collect()
    request = all_boards_serving.requests[0]
    assert request["headers"]["User-Agent"] == settings.JOB_SOURCE_USER_AGENT
    assert request["headers"]["User-Agent"].startswith("Mozilla/5.0")


def test_a_remoteok_answer_that_is_not_json_is_an_error_not_a_crash(board):
    board.route("/remoteok/api", b"<html>Cloudflare says hi</html>", content_type="text/html")
    batch = get_source("remoteok").collect()
    assert batch.postings == [] and batch.unreachable is False
    assert "not JSON" in batch.errors[0]


def test_remoteok_reads_salaries_and_dates_too_large_for_a_float_as_unknown(board):
    # given JSON numbers that decode to inf (1e999) or to an int no float can hold
    huge = "9" * 400
    board.route(
        "/remoteok/api",
        f'[{{"legal": "notice"}}, {{"id": 7, "position": "Data Engineer", "company": "Big Numbers",'
        f' "salary_min": 1e999, "salary_max": {huge}, "epoch": {huge}, "date": "2024-12-15T09:00:00+00:00"}}]',
    )
    # when
    batch = get_source("remoteok").collect()
    # then the job is kept, with an unknown salary and the date it also gives
    assert batch.failed_items == 0
    posting = by_id(batch)["7"]
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (None, None, "")
    assert posting.posted_at == datetime(2024, 12, 15, 9, 0, tzinfo=UTC)


def test_json_nested_too_deep_to_decode_is_an_unreadable_answer_not_a_crash(board):
    board.route("/remoteok/api", "[" * 100_000 + "]" * 100_000)
    board.route("/greenhouse/v1/boards/acme/jobs?content=true", '{"jobs": ' + "[" * 100_000 + "]" * 100_000 + "}")
    board.route("/lever/v0/postings/pied-piper?mode=json", "[" * 100_000 + "]" * 100_000)
    remoteok, greenhouse, lever = (get_source(name).collect() for name in ("remoteok", "greenhouse", "lever"))
    assert "not JSON" in remoteok.errors[0] and "RecursionError" in remoteok.errors[0]
    assert "unreadable answer" in greenhouse.errors[0]
    assert "unreadable answer" in lever.errors[0]
    assert remoteok.postings == greenhouse.postings == lever.postings == []


# --- We Work Remotely ------------------------------------------------------------------------


def test_wwr_splits_company_and_role_and_reads_plain_and_namespaced_elements(all_boards_serving):
    postings = by_id(get_source("weworkremotely").collect())
    globex = postings["https://weworkremotely.com/remote-jobs/globex-corporation-senior-backend-engineer-go"]
    assert (globex.company, globex.title) == ("Globex Corporation", "Senior Backend Engineer (Go)")
    assert globex.eligible_regions == ["Worldwide"]
    assert globex.job_type == "full_time"
    assert globex.tags == ["Go", "PostgreSQL", "Kubernetes"]
    assert globex.posted_at == datetime(2024, 12, 16, 10, 30, tzinfo=UTC)
    assert (globex.salary_min, globex.salary_max, globex.salary_currency) == (140000, 180000, "USD")
    assert "<" not in globex.description and "payment rails in Go" in globex.description

    initech = postings["https://weworkremotely.com/remote-jobs/initech-part-time-customer-support-specialist"]
    assert initech.eligible_regions == ["US"]  # from <wwr:region>
    assert initech.job_type == "part_time"  # from <wwr:type>
    assert initech.visa_sponsorship == 0


def test_wwr_counts_items_without_a_title_or_a_guid(all_boards_serving):
    batch = get_source("weworkremotely").collect()
    assert len(batch.postings) == 2
    assert batch.failed_items == 2


def test_wwr_refuses_xml_with_entity_expansion(board):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<rss><channel><item><title>&lol2;</title><guid>x</guid></item></channel></rss>"
    )
    board.route("/wwr/remote-jobs.rss", bomb, content_type="application/rss+xml")
    batch = get_source("weworkremotely").collect()
    assert batch.postings == []
    assert "unreadable RSS" in batch.errors[0]


def test_wwr_reports_malformed_xml_and_still_reads_the_other_feeds(board, settings):
    settings.WWR_FEED_URLS = [f"{board.url}/wwr/broken.rss", f"{board.url}/wwr/remote-jobs.rss"]
    board.route("/wwr/broken.rss", b"<rss><channel><item><title>Unclosed", content_type="application/rss+xml")
    board.route("/wwr/remote-jobs.rss", payload("wwr.rss"), content_type="application/rss+xml")
    batch = get_source("weworkremotely").collect()
    assert len(batch.postings) == 2
    assert any("broken.rss" in error for error in batch.errors)


def test_wwr_lists_a_job_in_two_feeds_once(board, settings):
    settings.WWR_FEED_URLS = [f"{board.url}/wwr/remote-jobs.rss", f"{board.url}/wwr/categories/back-end.rss"]
    board.route("/wwr/remote-jobs.rss", payload("wwr.rss"))
    board.route("/wwr/categories/back-end.rss", payload("wwr.rss"))
    assert len(get_source("weworkremotely").collect().postings) == 2


# --- Greenhouse -------------------------------------------------------------------------------


def test_greenhouse_unescapes_content_once_and_strips_the_markup(all_boards_serving):
    postings = by_id(get_source("greenhouse").collect())
    staff = postings["acme:4012345"]
    assert staff.title == "Staff Machine Learning Engineer"
    assert staff.company == "Acme Robotics"
    assert staff.url == "https://boards.greenhouse.io/acme/jobs/4012345"
    assert "What you'll do" in staff.description
    assert "<" not in staff.description and "&lt;" not in staff.description
    assert staff.remote_type == "remote"
    assert staff.job_type == "full_time"
    assert staff.eligible_regions == ["US"]
    assert staff.visa_sponsorship == 1
    assert (staff.salary_min, staff.salary_max, staff.salary_currency) == (180000, 240000, "USD")
    assert {"PyTorch", "Python", "Kubernetes"} <= set(staff.tags)
    assert staff.posted_at == datetime(2024, 12, 1, 14, 0, tzinfo=UTC)

    designer = postings["acme:4012346"]
    assert designer.company == "Acme"  # no company_name: the board token
    assert designer.remote_type == "hybrid"


def test_greenhouse_counts_items_without_title_or_id(all_boards_serving):
    batch = get_source("greenhouse").collect()
    assert (len(batch.postings), batch.failed_items) == (2, 2)


def test_an_unknown_greenhouse_board_is_logged_and_skipped(all_boards_serving, settings):
    settings.GREENHOUSE_BOARDS = ["no-such-board", "acme"]
    batch = get_source("greenhouse").collect()
    assert len(batch.postings) == 2
    assert batch.errors[0] == "greenhouse: unknown board 'no-such-board', skipped"
    assert batch.unreachable is False


GREENHOUSE_JOB = {
    "id": 501,
    "title": "Platform Engineer",
    "absolute_url": "https://boards.greenhouse.io/acme/jobs/501",
    "location": {"name": "Remote - US"},
    "content": "&lt;p&gt;Run our platform. Full-time.&lt;/p&gt;",
    "metadata": [{"name": "Employment Type", "value": "Full-time"}],
    "updated_at": "2024-12-01T14:00:00-05:00",
}


@pytest.mark.parametrize(
    "field, value",
    [
        ("metadata", 7),
        ("metadata", True),
        ("metadata", {"value": "Full-time"}),
        ("metadata", [None, 3, {"value": ["a"]}, {"value": {"b": 1}}]),
        ("location", ["Remote"]),
        ("location", {"name": 42}),
        ("content", 12),
        ("company_name", {"name": "Acme"}),
        ("updated_at", 10**400),
    ],
)
def test_greenhouse_keeps_a_job_whose_field_has_an_unexpected_type(board, field, value):
    # given a board whose one job has `field` of a type the API never sends
    board.route("/greenhouse/v1/boards/acme/jobs?content=true", json.dumps({"jobs": [{**GREENHOUSE_JOB, field: value}]}))
    # when
    batch = get_source("greenhouse").collect()
    # then that field is ignored and the job is still stored
    assert (batch.failed_items, batch.errors) == (0, [])
    assert by_id(batch)["acme:501"].title == "Platform Engineer"


# --- Lever ------------------------------------------------------------------------------------

LEVER_POSTING = {
    "id": "abc-1",
    "text": "Backend Engineer",
    "hostedUrl": "https://jobs.lever.co/pied-piper/abc-1",
    "categories": {"commitment": "Full-time", "location": "Remote"},
    "workplaceType": "remote",
    "salaryRange": {"min": 120000, "max": 150000, "currency": "USD", "interval": "per-year-salary"},
    "description": "<div>Build the backend.</div>",
    "lists": [{"text": "Requirements", "content": "<li>Python</li>"}],
    "createdAt": 1733994000000,
}


@pytest.mark.parametrize(
    "field, value, salary",
    [
        ("salaryRange", {"min": 1e308, "max": 1e308, "currency": "USD", "interval": "per-month-salary"}, (None, None)),
        ("salaryRange", {"min": 1e999, "max": 150000, "currency": "USD"}, (None, 150000)),
        ("salaryRange", {"min": 120000, "max": 150000, "interval": ["per-year-salary"]}, (None, None)),
        ("salaryRange", {"min": 120000, "max": 150000, "interval": {"per": "year"}}, (None, None)),
        ("salaryRange", {"min": 120000, "max": 150000, "currency": ["USD"], "interval": "per-year-salary"}, (120000, 150000)),
        ("salaryRange", [120000, 150000], (None, None)),
        ("lists", 5, (120000, 150000)),
        ("lists", True, (120000, 150000)),
        ("lists", {"text": "Requirements"}, (120000, 150000)),
        ("workplaceType", 1, (120000, 150000)),
        ("workplaceType", ["remote"], (120000, 150000)),
        ("workplaceType", {"type": "remote"}, (120000, 150000)),
        ("categories", ["Full-time"], (120000, 150000)),
        ("tags", "python", (120000, 150000)),
        ("createdAt", 10**400, (120000, 150000)),
    ],
)
def test_lever_keeps_a_posting_whose_field_has_an_unexpected_type(board, field, value, salary):
    # given a site whose one posting has `field` of a type (or a size) the API never sends
    board.route("/lever/v0/postings/pied-piper?mode=json", json.dumps([{**LEVER_POSTING, field: value}]))
    # when
    batch = get_source("lever").collect()
    # then the odd field is read as unknown and the posting is still stored
    assert (batch.failed_items, batch.errors) == (0, [])
    posting = by_id(batch)["pied-piper:abc-1"]
    assert posting.title == "Backend Engineer"
    assert (posting.salary_min, posting.salary_max) == salary


def test_lever_reads_workplace_type_salary_range_and_milliseconds(all_boards_serving):
    postings = by_id(get_source("lever").collect())
    rust = postings["pied-piper:5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8"]
    assert rust.title == "Senior Rust Engineer"
    assert rust.company == "Pied Piper"
    assert rust.remote_type == "hybrid"
    assert rust.job_type == "full_time"
    assert (rust.salary_min, rust.salary_max, rust.salary_currency) == (170000, 210000, "USD")
    assert rust.tags == ["Rust", "C++"]
    assert rust.posted_at == datetime(2024, 12, 12, 9, 0, tzinfo=UTC)
    assert "Requirements" in rust.description and "Linux internals" in rust.description
    assert rust.url == "https://jobs.lever.co/pied-piper/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8"

    writer = postings["pied-piper:9a8b7c6d-0000-1111-2222-333344445555"]
    assert writer.remote_type == "remote" and writer.job_type == "contract"
    assert (writer.salary_min, writer.salary_max) == (None, None)  # hourly wages are not yearly salaries


def test_lever_counts_malformed_postings_and_skips_unknown_sites(all_boards_serving, settings):
    settings.LEVER_SITES = ["pied-piper", "hooli"]
    batch = get_source("lever").collect()
    assert (len(batch.postings), batch.failed_items) == (2, 2)
    assert "lever: unknown site 'hooli', skipped" in batch.errors


# --- Failures every source shares -------------------------------------------------------------


@pytest.mark.parametrize("status, transient", [(403, False), (429, True), (500, True), (503, True)])
def test_an_error_status_is_counted_and_marked_transient_when_a_retry_may_help(board, status, transient):
    board.route("/remoteok/api", b"nope", status=status)
    batch = get_source("remoteok").collect()
    assert batch.postings == []
    assert f"{status} from" in batch.errors[0]
    assert batch.unreachable is transient


def test_a_source_that_does_not_answer_in_time_is_a_transient_failure(board):
    board.route("/remoteok/api", b"[]", delay=5)
    batch = get_source("remoteok").collect()
    assert batch.unreachable is True
    assert "Could not reach" in batch.errors[0] or "failed" in batch.errors[0]


def test_one_failing_greenhouse_board_does_not_make_the_source_unreachable(all_boards_serving, settings):
    settings.GREENHOUSE_BOARDS = ["acme", "flaky"]
    all_boards_serving.route("/greenhouse/v1/boards/flaky/jobs?content=true", b"", status=502)
    batch = get_source("greenhouse").collect()
    assert len(batch.postings) == 2 and batch.unreachable is False


def test_redirects_are_followed_on_the_same_host_only(board):
    board.route("/moved", b"", status=301, headers={"Location": "/remoteok/api"})
    board.route("/remoteok/api", b"[]")
    assert fetch(f"{board.url}/moved").body == b"[]"

    board.route("/elsewhere", b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(FetchError, match="another host"):
        fetch(f"{board.url}/elsewhere")


def test_a_body_over_the_size_limit_is_refused(board, settings):
    settings.JOB_SOURCE_MAX_BYTES = 1024
    board.route("/remoteok/api", b"[" + b" " * 5000 + b"]")
    batch = get_source("remoteok").collect()
    assert batch.postings == [] and "limit" in batch.errors[0] and batch.unreachable is False


def test_only_http_addresses_are_fetched():
    with pytest.raises(FetchError, match="non-HTTP"):
        fetch("file:///etc/passwd")


def test_greenhouse_and_lever_are_enabled_only_with_boards_configured(settings):
    settings.GREENHOUSE_BOARDS = []
    settings.LEVER_SITES = []
    assert enabled_source_names() == ["remoteok", "weworkremotely"]
    settings.JOB_SOURCES = ["weworkremotely"]
    assert enabled_source_names() == ["weworkremotely"]
