"""What every one of the ten newer sources shares through the one fetch loop: an empty board, an unknown
board, throttling, unreadable answers and the page cap."""

import pytest

from jobs.sources import get_source
from jobs.tests.conftest import NEW_SOURCE_PAGES

# The company-board sources read the watched boards from the database with the ones settings list.
pytestmark = pytest.mark.django_db

NEW_SOURCES = list(NEW_SOURCE_PAGES)
# An answer each API gives for a board with no job (Personio answers an empty feed).
EMPTY = {
    "ashby": '{"apiVersion": "1", "jobs": []}',
    "workable": '{"name": "Quill & Ink Ltd", "description": "", "jobs": []}',
    "smartrecruiters": '{"offset": 0, "limit": 100, "totalFound": 0, "content": []}',
    "recruitee": '{"offers": []}',
    "personio": "<workzag-jobs></workzag-jobs>",
    "hackernews": '{"hits": [], "page": 0, "nbPages": 0}',
    "remotive": '{"job-count": 0, "jobs": []}',
    "arbeitnow": '{"data": [], "links": {"next": null}, "meta": {"current_page": 1}}',
    "himalayas": '{"offset": 0, "limit": 20, "totalCount": 0, "jobs": []}',
    "jobicy": '{"apiVersion": "2.0", "jobCount": 0, "jobs": []}',
}
BOARD_SOURCES = {
    "ashby": ("ASHBY_BOARDS", "board"),
    "workable": ("WORKABLE_ACCOUNTS", "account"),
    "smartrecruiters": ("SMARTRECRUITERS_COMPANIES", "company"),
    "recruitee": ("RECRUITEE_COMPANIES", "company"),
    "personio": ("PERSONIO_COMPANIES", "company"),
}


def first_path(source: str) -> str:
    return NEW_SOURCE_PAGES[source][0][0]


@pytest.mark.parametrize("source", NEW_SOURCES)
def test_an_empty_board_gives_no_jobs_and_no_error(board, source):
    # given
    board.route(first_path(source), EMPTY[source])
    # when
    batch = get_source(source).collect()
    # then
    assert (batch.postings, batch.errors, batch.failed_items, batch.unreachable) == ([], [], 0, False)


@pytest.mark.parametrize("source", list(BOARD_SOURCES))
def test_an_unknown_board_is_skipped_and_the_others_are_read(new_boards_serving, settings, source):
    # given a setting that also names a board the ATS does not know (the local board answers 404)
    setting, noun = BOARD_SOURCES[source]
    setattr(settings, setting, ["no-such-board", *getattr(settings, setting)])
    # when
    batch = get_source(source).collect()
    # then
    assert batch.errors[0] == f"{source}: unknown {noun} 'no-such-board', skipped"
    assert batch.postings and batch.unreachable is False


@pytest.mark.parametrize("source", sorted(set(NEW_SOURCES) - set(BOARD_SOURCES)))
def test_a_feed_that_answers_404_is_an_error_not_worth_retrying(board, source):
    # when (nothing is routed: the local board answers 404)
    batch = get_source(source).collect()
    # then
    assert batch.postings == [] and batch.unreachable is False
    assert "404 from" in batch.errors[0]


@pytest.mark.parametrize("source", NEW_SOURCES)
def test_a_429_with_retry_after_makes_the_source_unreachable_for_now(board, source):
    # given every board throttling
    board.route(first_path(source), '{"error": "slow down"}', status=429, headers={"Retry-After": "120"})
    # when
    batch = get_source(source).collect()
    # then the task will retry with backoff, and the wait the board asked for is kept
    assert batch.postings == [] and batch.unreachable is True
    assert batch.retry_after == 120
    assert "429 from" in batch.errors[0] and "retry after 120s" in batch.errors[0]


def test_a_board_throttled_on_its_second_page_keeps_the_first(new_boards_serving):
    # given SmartRecruiters throttling its second page
    new_boards_serving.route(
        "/smartrecruiters/v1/companies/Northwind/postings?limit=100&offset=100", "", status=429, headers={"Retry-After": "30"}
    )
    # when
    batch = get_source("smartrecruiters").collect()
    # then the first page's jobs are kept, and the run is not unreachable (it got something)
    assert len(batch.postings) == 2 and batch.unreachable is False
    assert "429 from" in batch.errors[-1]


@pytest.mark.parametrize("source", NEW_SOURCES)
def test_an_answer_that_is_not_the_api_shape_is_an_error_not_a_crash(board, source):
    # given a board answering a page of HTML (a login wall, a maintenance page)
    board.route(first_path(source), "<html><body>Maintenance</body></html>", content_type="text/html")
    # when
    batch = get_source(source).collect()
    # then
    assert batch.postings == [] and batch.unreachable is False
    assert "unreadable" in batch.errors[0]


def test_a_paged_board_is_read_up_to_the_page_cap(new_boards_serving, settings):
    # given a cap of one page
    settings.JOB_SOURCE_MAX_PAGES = 1
    # when
    batch = get_source("himalayas").collect()
    # then the second page is not asked for
    assert [path for path in new_boards_serving.paths() if path.startswith("/himalayas")] == ["/himalayas/jobs/api?limit=20&offset=0"]
    assert len(batch.postings) == 2


@pytest.mark.parametrize("source", NEW_SOURCES)
def test_each_source_is_configured_only_with_somewhere_to_fetch(settings, source):
    # given the source's settings blank
    for name in ("ASHBY_BOARDS", "WORKABLE_ACCOUNTS", "SMARTRECRUITERS_COMPANIES", "RECRUITEE_COMPANIES", "PERSONIO_COMPANIES"):
        setattr(settings, name, [])
    for name in ("HN_API_URL", "REMOTIVE_API_URL", "ARBEITNOW_API_URL", "HIMALAYAS_API_URL", "JOBICY_API_URL"):
        setattr(settings, name, "")
    # then it is not configured and fetches nothing
    assert get_source(source).is_configured() is False
    assert get_source(source).collect().postings == []


@pytest.mark.parametrize("source", list(BOARD_SOURCES))
def test_one_board_no_setting_lists_can_be_scraped_alone(new_boards_serving, settings, source):
    # given a board token that is not in the source's setting (a board a user watches)
    setting, _ = BOARD_SOURCES[source]
    token = getattr(settings, setting)[0]
    setattr(settings, setting, [])
    scraper = get_source(source)
    # when
    batch = scraper.collect(boards=[scraper.board(token)])
    # then that board, and only it, is read
    assert batch.postings and batch.unreachable is False
    assert {posting.source_id.split(":")[0] for posting in batch.postings} == {token}
