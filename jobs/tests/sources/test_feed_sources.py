"""The job-board feeds (Hacker News, Remotive, Arbeitnow, Himalayas, Jobicy) against a local board serving
payloads in their APIs' documented shapes."""

from datetime import UTC, datetime

import pytest

from jobs.sources import get_source
from jobs.sources.base import ItemError
from jobs.sources.hackernews import read_header
from jobs.tests.conftest import payload


def by_id(batch):
    return {posting.source_id: posting for posting in batch.postings}


def test_hacker_news_reads_the_latest_who_is_hiring_thread_and_its_top_level_posts(new_boards_serving):
    # when
    batch = get_source("hackernews").collect()
    # then the December "Who is hiring?" thread was read (not "Who wants to be hired?"), page by page
    assert [path for path in new_boards_serving.paths() if path.startswith("/hn")] == [
        "/hn/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=20",
        "/hn/api/v1/search_by_date?tags=comment,story_4242&hitsPerPage=500&page=0",
        "/hn/api/v1/search_by_date?tags=comment,story_4242&hitsPerPage=500&page=1",
    ]
    # the reply is not a post; the moderator's note has no "Company | Role" line and is counted
    assert set(by_id(batch)) == {"4242001", "4242003", "4242005"}
    assert batch.failed_items == 1
    fernweh = by_id(batch)["4242001"]
    assert (fernweh.company, fernweh.title, fernweh.location) == ("Fernweh Robotics", "Senior Embedded Engineer", "Lisbon, Portugal")
    assert (fernweh.remote_type, fernweh.job_type, fernweh.eligible_regions) == ("remote", "full_time", ["Portugal", "EU"])
    assert (fernweh.salary_min, fernweh.salary_max, fernweh.salary_currency) == (80000, 100000, "EUR")
    assert fernweh.url == "https://news.ycombinator.com/item?id=4242001"
    assert fernweh.posted_at == datetime(2024, 12, 2, 16, 5, tzinfo=UTC)
    assert "steal" not in fernweh.description and "<" not in fernweh.description
    assert "Apply at https://fernweh.example/jobs" in fernweh.description
    grayhawk = by_id(batch)["4242003"]
    # the role and the location in the other order
    assert (grayhawk.title, grayhawk.location, grayhawk.remote_type) == ("Data Scientist", "New York, NY", "onsite")
    assert (grayhawk.salary_min, grayhawk.salary_max, grayhawk.visa_sponsorship) == (150000, 190000, 1)
    tidewater = by_id(batch)["4242005"]
    assert (tidewater.job_type, tidewater.eligible_regions, tidewater.visa_sponsorship) == ("contract", ["US"], 0)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Acme | Backend Engineer | Remote", ("Acme", "Backend Engineer", "", "Remote")),
        ("Acme | Berlin, Germany | Platform Lead | HYBRID", ("Acme", "Platform Lead", "Berlin, Germany", "HYBRID")),
        ("Acme | Growth | London | $90k", ("Acme", "Growth", "London", "")),
    ],
)
def test_a_who_is_hiring_first_line_is_read_in_any_order(line, expected):
    header = read_header(line)
    assert (header.company, header.title, header.location, header.work_mode) == expected


@pytest.mark.parametrize("line", ["We are hiring!", "Acme |  | "])
def test_a_first_line_without_company_and_role_is_not_a_post(line):
    with pytest.raises(ItemError):
        read_header(line)


def test_hacker_news_without_a_who_is_hiring_thread_says_so(board):
    # given whoishiring's latest stories, none of them a "Who is hiring?"
    board.route(
        "/hn/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=20",
        '{"hits": [{"objectID": "9", "title": "Ask HN: Who wants to be hired? (May)"}], "page": 0, "nbPages": 1}',
    )
    # when
    batch = get_source("hackernews").collect()
    # then
    assert batch.postings == [] and batch.unreachable is False
    assert batch.errors == ["hackernews 'Who is hiring?': unreadable answer (no 'Who is hiring?' thread among whoishiring's latest stories)"]


def test_remotive_credits_remotive_and_reads_its_salary_text(new_boards_serving):
    batch = get_source("remotive").collect()
    assert (len(batch.postings), batch.failed_items) == (2, 1)
    django = by_id(batch)["1934521"]
    assert (django.company, django.remote_type, django.job_type) == ("Ovenbird Software", "remote", "full_time")
    assert (django.salary_min, django.salary_max, django.salary_currency) == (120000, 150000, "USD")
    assert django.eligible_regions == ["US", "Canada"]
    assert django.tags == ["Python", "Django", "AWS"]
    assert django.description == "Ovenbird's Django team is growing.\n\n- Celery\n\n- PostgreSQL"
    assert django.posted_at == datetime(2024, 12, 4, 8, 15, 42, tzinfo=UTC)
    assert {posting.source_attribution for posting in batch.postings} == {"Jobs by Remotive (https://remotive.com)"}
    assert by_id(batch)["1934522"].job_type == "freelance"


def test_arbeitnow_follows_its_pages_on_the_configured_host(new_boards_serving):
    # when
    batch = get_source("arbeitnow").collect()
    # then page 2 is asked of the configured base, not of the host its `links.next` names, and page 3 never
    assert [path for path in new_boards_serving.paths() if path.startswith("/arbeitnow")] == [
        "/arbeitnow/api/job-board-api?page=1",
        "/arbeitnow/api/job-board-api?page=2",
    ]
    assert (len(batch.postings), batch.failed_items) == (2, 1)
    kiesel = by_id(batch)["backend-developer-go-kiesel-gmbh-241201"]
    assert (kiesel.remote_type, kiesel.job_type) == ("onsite", "full_time")
    assert (kiesel.salary_min, kiesel.salary_max, kiesel.salary_currency) == (65000, 80000, "EUR")
    assert kiesel.posted_at == datetime(2024, 12, 1, 11, 0, tzinfo=UTC)
    analyst = by_id(batch)["data-analyst-remote-wolke-sieben-241203"]
    assert (analyst.remote_type, analyst.job_type) == ("remote", "part_time")


def test_himalayas_pages_with_limit_and_offset_and_reads_location_restrictions(new_boards_serving):
    batch = get_source("himalayas").collect()
    assert [path for path in new_boards_serving.paths() if path.startswith("/himalayas")] == [
        "/himalayas/jobs/api?limit=20&offset=0",
        "/himalayas/jobs/api?limit=20&offset=20",
    ]
    assert (len(batch.postings), batch.failed_items) == (3, 1)
    engineer = by_id(batch)["https://himalayas.app/companies/murmuration/jobs/senior-typescript-engineer"]
    assert (engineer.location, engineer.eligible_regions) == ("United States, Canada", ["US", "Canada"])
    assert (engineer.salary_min, engineer.salary_max, engineer.salary_currency) == (140000, 175000, "USD")
    assert engineer.posted_at == datetime(2024, 12, 3, 9, 0, tzinfo=UTC)  # from milliseconds
    assert engineer.tags == ["TypeScript", "React", "Node.js"]
    # no restriction is anywhere; a restriction may come as an object
    assert by_id(batch)["https://himalayas.app/companies/ledgerly/jobs/bookkeeper"].eligible_regions == ["Worldwide"]
    assert by_id(batch)["https://himalayas.app/companies/murmuration/jobs/growth-marketer"].location == "Germany"


def test_jobicy_is_asked_for_fifty_jobs_and_credits_jobicy(new_boards_serving):
    batch = get_source("jobicy").collect()
    assert "/jobicy/api/v2/remote-jobs?count=50" in new_boards_serving.paths()
    assert (len(batch.postings), batch.failed_items) == (2, 1)
    sre = by_id(batch)["113597"]
    assert (sre.salary_min, sre.salary_max, sre.salary_currency) == (150000, 185000, "USD")
    assert (sre.location, sre.eligible_regions, sre.job_type) == ("USA", ["US"], "full_time")
    assert sre.description == "Keep our Kubernetes and Terraform estate healthy.\n\nQualifications\n\n- AWS"
    assert sre.source_attribution == "Jobs by Jobicy (https://jobicy.com)"
    assert by_id(batch)["113598"].eligible_regions == ["Worldwide"]


def test_a_feed_that_repeats_a_job_on_its_next_page_keeps_it_once(board):
    # given a job that moved from page 1 to page 2 while the pages were read
    board.route("/arbeitnow/api/job-board-api?page=1", payload("arbeitnow_page1.json"))
    board.route("/arbeitnow/api/job-board-api?page=2", payload("arbeitnow_page1.json").replace(b'"next": "https', b'"next": null, "x": "https'))
    # when
    batch = get_source("arbeitnow").collect()
    # then
    assert [posting.source_id for posting in batch.postings] == ["backend-developer-go-kiesel-gmbh-241201"]
