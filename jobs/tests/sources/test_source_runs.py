"""Each of the ten newer sources scraped end to end: the scraping service's run writes Job rows and a ScrapeLog."""

import pytest

from jobs import tasks
from jobs.models import Job, ScrapeLog
from jobs.services import scraping
from jobs.sources import enabled_source_names
from jobs.tests.conftest import NEW_SOURCE_PAGES

pytestmark = pytest.mark.django_db

# (jobs stored, items counted as failed) from each source's recorded-shape payloads.
EXPECTED = {
    "ashby": (2, 2),
    "workable": (2, 1),
    "smartrecruiters": (3, 1),
    "recruitee": (2, 1),
    "personio": (2, 1),
    "hackernews": (3, 1),
    "remotive": (2, 1),
    "arbeitnow": (2, 1),
    "himalayas": (3, 1),
    "jobicy": (2, 1),
}


@pytest.fixture(autouse=True)
def errors_recorded_not_raised():
    conf = tasks.scrape_source.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


@pytest.mark.parametrize("source", list(NEW_SOURCE_PAGES))
def test_a_run_of_the_source_stores_its_jobs_and_logs_the_counts(new_boards_serving, source):
    # given
    parent, _ = scraping.scrape_run_request(trigger="api", sources=[source], enqueue=False)
    # when the task runs the child log
    tasks.scrape_source.apply(args=[parent.children.get().pk])
    # then
    stored, failed = EXPECTED[source]
    child = ScrapeLog.objects.get(parent=parent)
    assert (child.status, child.jobs_created, child.jobs_failed, child.jobs_found) == ("partial", stored, failed, stored + failed)
    assert Job.objects.filter(source=source, owner__isnull=True).count() == stored
    parent.refresh_from_db()
    assert (parent.status, parent.jobs_created) == ("partial", stored)
    # and a second run updates the same rows
    again, _ = scraping.scrape_run_request(trigger="api", sources=[source], enqueue=False)
    tasks.scrape_source.apply(args=[again.children.get().pk])
    assert ScrapeLog.objects.get(parent=again).jobs_updated == stored
    assert Job.objects.filter(source=source).count() == stored


def test_the_attribution_a_board_asks_for_is_stored_on_its_jobs(new_boards_serving):
    # when
    for source in ("remotive", "jobicy", "ashby"):
        parent, _ = scraping.scrape_run_request(trigger="api", sources=[source], enqueue=False)
        tasks.scrape_source.apply(args=[parent.children.get().pk])
    # then
    assert set(Job.objects.values_list("source", "source_attribution").distinct()) == {
        ("remotive", "Jobs by Remotive (https://remotive.com)"),
        ("jobicy", "Jobs by Jobicy (https://jobicy.com)"),
        ("ashby", ""),
    }


def test_the_same_posting_on_a_company_board_and_a_feed_is_listed_once(new_boards_serving, settings):
    # given Ovenbird Software's own Ashby board, which lists the job Remotive lists too
    settings.ASHBY_BOARDS = ["ovenbird-software"]
    new_boards_serving.route(
        "/ashby/posting-api/job-board/ovenbird-software?includeCompensation=true",
        '{"jobs": [{"id": "x1", "title": "Senior Django Developer", "isListed": true}]}',
    )
    # when the board is scraped, then the feed
    for source in ("ashby", "remotive"):
        parent, _ = scraping.scrape_run_request(trigger="api", sources=[source], enqueue=False)
        tasks.scrape_source.apply(args=[parent.children.get().pk])
    # then the feed's listing points at the board's, and the other Remotive job stands alone
    primary = Job.objects.get(source="ashby", source_id="ovenbird-software:x1")
    assert Job.objects.get(source="remotive", source_id="1934521").duplicate_of_id == primary.pk
    assert Job.objects.get(source="remotive", source_id="1934522").duplicate_of_id is None


def test_every_source_is_enabled_by_default_when_configured(settings):
    # given every source selected
    settings.JOB_SOURCES = list(settings.JOB_SOURCE_NAMES)
    # then all fourteen run, in the registry's order
    assert enabled_source_names() == list(settings.JOB_SOURCE_NAMES)
