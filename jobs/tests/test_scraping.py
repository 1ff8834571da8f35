"""Scrape runs: ScrapeLog per run, upserts, de-duplication across boards, retries, the lock, the command."""

from io import StringIO

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import OperationalError

from jobs import sources, tasks
from jobs.models import Job, ScrapeLog
from jobs.services import scraping
from jobs.services.ingest import job_upsert_from_posting
from jobs.sources.base import make_posting
from jobs.sources.remoteok import RemoteOkSource
from jobs.tests.conftest import payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def embedded_default_celery():
    """Eager tasks whose errors do not propagate to the caller, as in the embedded default."""
    conf = tasks.scrape_source.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield conf
    conf.task_eager_propagates = before


def run(*sources, trigger="api"):
    """Open a run of `sources` and execute each child's task (Celery is eager in tests)."""
    parent, _ = scraping.scrape_run_request(trigger=trigger, sources=list(sources), enqueue=False)
    for child in parent.children.order_by("id"):
        tasks.scrape_source.apply(args=[child.pk])
    parent.refresh_from_db()
    return parent


def open_run(source: str) -> ScrapeLog:
    """A run of one source, not executed yet; its child log."""
    parent, _ = scraping.scrape_run_request(trigger="api", sources=[source], enqueue=False)
    return parent.children.get()


def deliver(log: ScrapeLog, *, retries: int = 0) -> ScrapeLog:
    """Run the task for `log` as a worker delivers it (not in-process) on its `retries`-th retry.

    A failure the task hands back to Celery to retry with backoff is raised here.
    """
    task = tasks.scrape_source
    task.push_request(args=[log.pk], retries=retries)
    try:
        task.run(log.pk)
    finally:
        task.pop_request()
        log.refresh_from_db()
    return log


@pytest.fixture
def remoteok_replaced_by(monkeypatch):
    """remoteok_replaced_by(cls): the "remoteok" source is `cls` (a RemoteOkSource that misbehaves)."""

    def replace(source_class):
        monkeypatch.setitem(sources.REGISTRY, "remoteok", source_class)

    return replace


def test_a_run_stores_every_source_and_logs_the_counts(all_boards_serving):
    parent = run("remoteok", "weworkremotely", "greenhouse", "lever")
    children = {child.source: child for child in parent.children.all()}
    assert {name: (c.status, c.jobs_created, c.jobs_failed) for name, c in children.items()} == {
        "remoteok": ("partial", 3, 3),
        "weworkremotely": ("partial", 2, 2),
        "greenhouse": ("partial", 2, 2),
        "lever": ("partial", 2, 2),
    }
    assert (parent.status, parent.jobs_created, parent.jobs_failed, parent.jobs_found) == ("partial", 9, 9, 18)
    assert parent.started_at and parent.finished_at
    assert Job.objects.count() == 9
    assert "[remoteok]" in parent.error


def test_scraping_again_updates_jobs_and_never_duplicates_them(all_boards_serving):
    run("remoteok")
    Job.objects.filter(source_id="1093421").update(title="Stale title")
    second = run("remoteok").children.get()
    assert (second.jobs_created, second.jobs_updated) == (0, 3)
    assert Job.objects.filter(source="remoteok").count() == 3
    assert Job.objects.get(source_id="1093421").title == "Senior Python Developer"


def test_the_same_posting_on_two_boards_is_linked_not_listed_twice(db):
    first, _ = job_upsert_from_posting(
        posting=make_posting(source="remoteok", source_id="1", title="Senior Engineer", company="Acme, Inc.")
    )
    second, created = job_upsert_from_posting(
        posting=make_posting(source="weworkremotely", source_id="wwr-1", title="Senior Engineer (Remote)", company="ACME")
    )
    other, _ = job_upsert_from_posting(
        posting=make_posting(source="lever", source_id="l-1", title="Junior Engineer", company="Acme")
    )
    assert created is True
    assert second.duplicate_of_id == first.pk
    assert other.duplicate_of_id is None


def test_on_a_worker_a_source_answering_500_is_retried_and_the_last_failure_recorded(board):
    # given a board that answers 500 to every attempt
    board.route("/remoteok/api", b"oops", status=500)
    child = open_run("remoteok")
    # when a worker runs the task and every retry but the last
    for retries in range(tasks.scrape_source.max_retries):
        with pytest.raises(scraping.SourceUnavailable, match="500 from"):
            deliver(child, retries=retries)
        # then each of those hands the failure back to Celery, which retries with backoff
        assert child.status == "retrying"
    # and the last one records it
    deliver(child, retries=tasks.scrape_source.max_retries)
    assert child.status == "failed"
    assert child.attempts == 1 + tasks.scrape_source.max_retries
    assert "500 from" in child.error
    assert board.paths().count("/remoteok/api") == 1 + tasks.scrape_source.max_retries


def test_in_process_a_down_source_is_asked_once_and_its_run_recorded_as_failed(
    auth_client, board, settings, django_capture_on_commit_callbacks
):
    # given the embedded default (eager tasks, errors kept from the request) and a board answering 503
    settings.JOB_SOURCES = ["remoteok"]
    board.route("/remoteok/api", b"down", status=503)
    # when someone asks for a refresh
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post("/api/v1/jobs/refresh")
    # then the board was asked once (the client itself never retries), not once per retry
    assert response.status_code == 202
    assert board.paths() == ["/remoteok/api"]
    parent = ScrapeLog.objects.get(pk=response.json()["scrape_log_id"])
    child = parent.children.get()
    assert (child.status, child.attempts) == ("failed", 1)
    assert "503 from" in child.error
    assert parent.status == "failed"


def test_a_source_that_recovers_on_a_retry_succeeds(board):
    # given a board that fails a worker's first attempt
    board.route("/remoteok/api", b"", status=503)
    child = open_run("remoteok")
    with pytest.raises(scraping.SourceUnavailable):
        deliver(child)
    # when it answers by the time of the retry
    board.route("/remoteok/api", payload("remoteok.json"))
    deliver(child, retries=1)
    # then
    assert (child.status, child.attempts, child.jobs_created) == ("partial", 2, 3)


def test_a_403_is_not_retried(board):
    board.route("/remoteok/api", b"", status=403)
    child = deliver(open_run("remoteok"))  # a worker's first attempt: no SourceUnavailable for Celery
    assert (child.status, child.attempts) == ("failed", 1)
    assert "403 from" in child.error


def test_an_item_no_parser_foresaw_is_counted_and_the_good_ones_are_stored(all_boards_serving, remoteok_replaced_by):
    # given a parser that fails on one item in a way it does not expect
    class OneItemBreaks(RemoteOkSource):
        def parse_item(self, item):
            if isinstance(item, dict) and item.get("id") == 1093422:
                raise RuntimeError("the parser met something new")
            return super().parse_item(item)

    remoteok_replaced_by(OneItemBreaks)
    # when
    child = run("remoteok").children.get()
    # then the other jobs are stored and that item counts as failed, beside the 3 unusable ones
    assert (child.status, child.jobs_created, child.jobs_failed, child.jobs_found) == ("partial", 2, 4, 6)
    assert "remoteok: unreadable item (RuntimeError: the parser met something new)" in child.error
    assert set(Job.objects.values_list("source_id", flat=True)) == {"1093421", "1093423"}


def test_a_time_limit_hit_while_parsing_ends_the_run_not_just_the_item(all_boards_serving, remoteok_replaced_by):
    # given a run whose soft time limit strikes while an item is parsed
    class SlowParser(RemoteOkSource):
        def parse_item(self, item):
            raise SoftTimeLimitExceeded()

    remoteok_replaced_by(SlowParser)
    # when
    parent = run("remoteok")
    # then the run stops as the task's time limit says, instead of going on item after item
    child = parent.children.get()
    assert (child.status, child.jobs_failed) == ("failed", 0)
    assert "exceeded its time limit" in child.error
    assert parent.status == "failed"


def test_a_run_that_stops_on_an_unexpected_error_is_recorded_as_failed_never_left_running(
    all_boards_serving, remoteok_replaced_by
):
    # given a source that breaks in the middle of its run
    class Broken(RemoteOkSource):
        def collect(self):
            raise RuntimeError("a bug")

    remoteok_replaced_by(Broken)
    # when
    parent = run("remoteok", "lever")
    # then its log, and the run's, are finished, with the error; the other source still ran
    children = {child.source: child for child in parent.children.all()}
    assert children["remoteok"].status == "failed"
    assert "Unexpected error: RuntimeError: a bug" in children["remoteok"].error
    assert children["remoteok"].finished_at is not None
    assert children["lever"].status == "partial"
    assert parent.status == "partial" and parent.finished_at is not None
    assert "[remoteok] Unexpected error" in parent.error
    # and the source is not left locked
    assert cache.get("jobs:scrape-lock:remoteok") is None


def test_a_database_error_mid_run_is_retried_by_a_worker_and_recorded_on_the_last_attempt(board, remoteok_replaced_by):
    # given a run during which the database fails
    class DatabaseDown(RemoteOkSource):
        def collect(self):
            raise OperationalError("server closed the connection unexpectedly")

    remoteok_replaced_by(DatabaseDown)
    child = open_run("remoteok")
    # when a worker runs it: the failure goes back to Celery to retry with backoff
    with pytest.raises(OperationalError):
        deliver(child)
    assert child.status == "running"
    # then the last retry records it
    deliver(child, retries=tasks.scrape_source.max_retries)
    assert (child.status, child.attempts) == ("failed", 2)
    assert "Database error: server closed the connection unexpectedly" in child.error
    assert child.parent.status == "failed"


def test_a_second_run_of_a_source_that_is_already_running_is_skipped(all_boards_serving):
    # given another run holds the RemoteOK lock
    cache.add("jobs:scrape-lock:remoteok", "someone-else", timeout=60)
    parent = run("remoteok", "lever")
    children = {child.source: child for child in parent.children.all()}
    assert children["remoteok"].status == "skipped"
    assert "in progress" in children["remoteok"].error
    assert children["lever"].status == "partial"
    assert all_boards_serving.paths() == ["/lever/v0/postings/pied-piper?mode=json"]
    # and the lock of the other run is left alone
    assert cache.get("jobs:scrape-lock:remoteok") == "someone-else"


def test_the_lock_is_released_after_a_run(all_boards_serving):
    run("remoteok")
    assert cache.get("jobs:scrape-lock:remoteok") is None
    assert run("remoteok").children.get().status == "partial"


def test_running_the_task_again_for_a_finished_log_does_nothing(all_boards_serving):
    child = run("remoteok").children.get()
    requests_before = len(all_boards_serving.requests)
    tasks.scrape_source.apply(args=[child.pk])
    tasks.scrape_source.apply(args=[999_999])  # a log that no longer exists
    child.refresh_from_db()
    assert child.attempts == 1
    assert len(all_boards_serving.requests) == requests_before


def test_the_beat_task_opens_a_run_of_every_enabled_source(all_boards_serving, settings, django_capture_on_commit_callbacks):
    settings.JOB_SOURCES = ["remoteok", "lever"]
    with django_capture_on_commit_callbacks(execute=True):
        parent_id = tasks.scrape_all_sources.apply().get()
    parent = ScrapeLog.objects.get(pk=parent_id)
    assert parent.trigger == "schedule"
    assert sorted(parent.children.values_list("source", flat=True)) == ["lever", "remoteok"]
    assert parent.status == "partial" and parent.jobs_created == 5


def test_the_beat_schedule_runs_every_source_every_six_hours(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["jobs-scrape-all-sources"]
    assert entry["task"] == "jobs.scrape_all_sources"
    assert entry["schedule"].total_seconds() == 6 * 3600


def test_the_task_has_a_retry_policy_and_time_limits():
    # a database error retries with Celery's backoff; an unreachable source with scrape_retry_delay (test_scrape_retries.py)
    task = tasks.scrape_source
    assert task.max_retries == 3 and task.retry_backoff and task.time_limit and task.soft_time_limit
    assert OperationalError in task.autoretry_for


def test_with_nothing_configured_a_run_is_recorded_as_skipped(settings):
    settings.JOB_SOURCES = []
    parent, sources = scraping.scrape_run_request(trigger="api")
    assert sources == [] and parent.status == "skipped" and "No job source" in parent.error


# --- The management command ---------------------------------------------------------------


def test_scrape_jobs_dry_run_fetches_and_stores_nothing(all_boards_serving):
    out = StringIO()
    call_command("scrape_jobs", "--source", "remoteok", "--dry-run", stdout=out)
    assert "remoteok: 3 postings, 3 unusable items" in out.getvalue()
    assert not Job.objects.exists() and not ScrapeLog.objects.exists()


def test_scrape_jobs_stores_jobs_with_a_progress_bar(all_boards_serving):
    out = StringIO()
    call_command("scrape_jobs", "--source", "remoteok", "--source", "lever", stdout=out)
    output = out.getvalue()
    assert "[" + "#" * 30 + "] 3/3" in output
    assert "remoteok: partial — 3 created, 0 updated, 3 failed" in output
    assert Job.objects.count() == 5
    assert ScrapeLog.objects.get(parent__isnull=True).trigger == "command"


def test_scrape_jobs_reports_a_source_that_broke_and_goes_on_with_the_next(all_boards_serving, remoteok_replaced_by):
    # given a source that breaks in the middle of its run
    class Broken(RemoteOkSource):
        def collect(self):
            raise RuntimeError("a bug")

    remoteok_replaced_by(Broken)
    out = StringIO()
    # when
    call_command("scrape_jobs", "--source", "remoteok", "--source", "lever", stdout=out)
    # then
    output = out.getvalue()
    assert "remoteok: failed — 0 created, 0 updated, 0 failed" in output
    assert "Unexpected error: RuntimeError: a bug" in output
    assert "lever: partial — 2 created" in output
    assert ScrapeLog.objects.get(parent__isnull=True).status == "partial"


def test_scrape_jobs_refuses_a_source_without_configuration(settings):
    settings.LEVER_SITES = []
    with pytest.raises(CommandError, match="Not configured: lever"):
        call_command("scrape_jobs", "--source", "lever")


def test_an_in_process_run_records_a_transient_failure_at_once_instead_of_raising(board, embedded_default_celery):
    # eager tasks whose errors would reach the request that published them (the test settings)
    embedded_default_celery.task_eager_propagates = True
    board.route("/remoteok/api", b"", status=500)
    parent, _ = scraping.scrape_run_request(trigger="api", sources=["remoteok"], enqueue=False)
    tasks.scrape_source.apply(args=[parent.children.get().pk])
    child = parent.children.get()
    assert (child.status, child.attempts) == ("failed", 1)
