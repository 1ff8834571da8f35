"""Keeping up (issue 18): consecutive scrapes of the local boards close the jobs that left them,
link reposts, and every job shows how fresh it is."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from jobs import tasks
from jobs.models import Job, ScrapeLog
from jobs.services import scraping
from jobs.services.closing import jobs_close_missing
from jobs.services.ingest import job_upsert_from_posting
from jobs.sources.base import SourceBatch, make_posting
from jobs.tests import factories
from tracker.models import Application

pytestmark = pytest.mark.django_db

ACME = "/greenhouse/v1/boards/acme/jobs?content=true"
GLOBEX = "/greenhouse/v1/boards/globex/jobs?content=true"
JOBS = "/api/v1/jobs"


@pytest.fixture(autouse=True)
def greenhouse_only(settings):
    settings.JOB_SOURCES = ["greenhouse"]
    settings.GREENHOUSE_BOARDS = ["acme"]


@pytest.fixture(autouse=True)
def embedded_default_celery():
    """Eager tasks whose errors do not propagate (a failed scrape is recorded, not raised), as in the embedded default."""
    conf = tasks.scrape_source.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


POSTINGS = {
    1: ("Backend Engineer", "Remote - US"),
    2: ("Product Designer", "Berlin, Germany"),
    3: ("Data Analyst", "London, UK"),
}


def item(job_id: int, title: str | None = None, location: str | None = None, company: str = "Acme Robotics") -> dict:
    """A Greenhouse board item, in the shape of the recorded payload (greenhouse_acme.json)."""
    default_title, default_location = POSTINGS.get(job_id, (f"Role {job_id}", "Remote"))
    return {
        "id": job_id,
        "title": title or default_title,
        "company_name": company,
        "location": {"name": location or default_location},
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{job_id}",
        "content": "&lt;p&gt;Python and Django.&lt;/p&gt;",
    }


def serve(board, path: str, *items) -> None:
    board.route(path, json.dumps({"jobs": list(items)}))


def scrape() -> ScrapeLog:
    """One run of greenhouse, as beat starts it; the source's log."""
    parent, _ = scraping.scrape_run_request(trigger="schedule", sources=["greenhouse"], enqueue=False)
    child = parent.children.get()
    tasks.scrape_source.apply(args=[child.pk])
    child.refresh_from_db()
    return child


def job(source_id: str) -> Job:
    return Job.objects.get(source="greenhouse", source_id=source_id)


# --- Closing -----------------------------------------------------------------------------------


def test_a_job_missing_from_two_complete_listings_of_its_board_in_a_row_closes(board):
    # given a board that listed two jobs
    serve(board, ACME, item(1), item(2))
    assert scrape().status == "success"
    # when it lists only the first, once
    serve(board, ACME, item(1))
    first = scrape()
    # then the second has missed one listing and is still open
    assert (first.status, first.jobs_closed) == ("success", 0)
    assert (job("acme:2").missed_listings, job("acme:2").closed_at) == (1, None)
    # when it leaves it out a second time in a row
    second = scrape()
    # then it is closed, and the first stays open
    assert second.jobs_closed == 1
    assert job("acme:2").closed_at is not None
    assert job("acme:1").closed_at is None and job("acme:1").missed_listings == 0


def test_a_failed_scrape_closes_nothing_and_does_not_count_as_a_listing(board):
    # given a board that listed two jobs, then missed the second once
    serve(board, ACME, item(1), item(2))
    scrape()
    serve(board, ACME, item(1))
    scrape()
    # when the next scrape fails (the board answers 500)
    board.route(ACME, b"oops", status=500)
    failed = scrape()
    # then nothing closes and the miss is still one
    assert failed.status == "failed"
    assert (job("acme:2").missed_listings, job("acme:2").closed_at) == (1, None)
    # and the next complete listing is the second in a row that misses it
    serve(board, ACME, item(1))
    assert scrape().jobs_closed == 1
    assert job("acme:2").closed_at is not None


def test_closing_is_per_board_a_board_that_failed_in_a_partial_run_keeps_its_jobs(board, settings):
    # given two boards of one source, each listing a job
    settings.GREENHOUSE_BOARDS = ["acme", "globex"]
    serve(board, ACME, item(1), item(2))
    serve(board, GLOBEX, item(3, company="Globex"))
    scrape()
    # when acme drops its second job twice while globex answers 500 both times
    serve(board, ACME, item(1))
    board.route(GLOBEX, b"down", status=503)
    runs = [scrape(), scrape()]
    # then the runs are partial, acme's missing job is closed and globex's job is untouched
    assert [run.status for run in runs] == ["partial", "partial"]
    assert job("acme:2").closed_at is not None
    assert (job("globex:3").closed_at, job("globex:3").missed_listings) == (None, 0)


def test_a_board_with_an_unusable_item_is_not_a_complete_listing(board):
    # given a board that listed two jobs
    serve(board, ACME, item(1), item(2))
    scrape()
    # when it twice lists the first and an item without an id (which might be the second)
    serve(board, ACME, item(1), {"title": "No id"})
    runs = [scrape(), scrape()]
    # then those scrapes are partial and close nothing
    assert [run.status for run in runs] == ["partial", "partial"]
    assert (job("acme:2").closed_at, job("acme:2").missed_listings) == (None, 0)


def test_a_listing_that_names_the_job_again_resets_its_misses_and_reopens_it(board):
    # given a job missed once, then listed again
    serve(board, ACME, item(1), item(2))
    scrape()
    serve(board, ACME, item(1))
    scrape()
    serve(board, ACME, item(1), item(2))
    scrape()
    assert job("acme:2").missed_listings == 0
    # when it is missed twice and closes, then comes back
    serve(board, ACME, item(1))
    scrape()
    scrape()
    assert job("acme:2").closed_at is not None
    serve(board, ACME, item(1), item(2))
    scrape()
    # then it is open again, the same row
    assert job("acme:2").closed_at is None
    assert Job.objects.filter(source="greenhouse").count() == 2


def test_user_submitted_jobs_never_close_by_themselves(board, user):
    # given a user's own job and a board scraped completely again and again
    own = factories.job(owner=user, title="My pasted job")
    serve(board, ACME, item(1))
    for _ in range(3):
        scrape()
    # then the user's job is open
    own.refresh_from_db()
    assert (own.closed_at, own.missed_listings) == (None, 0)


def test_a_job_stored_before_boards_were_recorded_closes_only_when_every_board_was_complete(board, settings):
    # given an old job of greenhouse with no board recorded, and two boards
    settings.GREENHOUSE_BOARDS = ["acme", "globex"]
    old = factories.job(source="greenhouse", source_id="legacy:1", title="Old role")
    serve(board, ACME, item(1))
    board.route(GLOBEX, b"down", status=503)
    # when only acme is complete, twice
    scrape()
    scrape()
    # then the old job (which may be globex's) stays open
    old.refresh_from_db()
    assert old.closed_at is None
    # when both boards are complete twice
    serve(board, GLOBEX, item(3, company="Globex"))
    scrape()
    scrape()
    # then it closes
    old.refresh_from_db()
    assert old.closed_at is not None


def test_when_the_first_listing_closes_its_duplicate_on_another_board_is_listed_instead(db):
    # given the same posting on two boards: the first seen is listed, the other is its duplicate
    first, _ = job_upsert_from_posting(posting=_posting("remoteok", "r-1", board="feed"))
    second, _ = job_upsert_from_posting(posting=_posting("weworkremotely", "w-1", board="wwr"))
    assert second.duplicate_of_id == first.pk
    # when the first closes (missing from two complete listings of its board)
    for _ in range(2):
        jobs_close_missing(source="remoteok", batch=SourceBatch(listings={"feed": set()}, complete_boards={"feed"}), seen_at=timezone.now())
    # then the second is listed on its own
    second.refresh_from_db()
    assert second.duplicate_of_id is None
    assert [row["id"] for row in _list()] == [second.pk]


def test_a_posting_seen_on_another_board_after_the_first_closed_is_not_hidden_as_its_duplicate(db):
    first, _ = job_upsert_from_posting(posting=_posting("remoteok", "r-1", board="feed"))
    Job.objects.filter(pk=first.pk).update(closed_at=timezone.now())
    second, _ = job_upsert_from_posting(posting=_posting("weworkremotely", "w-1", board="wwr"))
    assert second.duplicate_of_id is None


def _posting(source: str, source_id: str, *, board: str, title: str = "Senior Engineer", location: str = "Remote"):
    posting = make_posting(source=source, source_id=source_id, title=title, company="Acme", location=location)
    posting.board = board
    return posting


def _list(**params) -> list[dict]:
    from rest_framework.test import APIClient

    response = APIClient().get(JOBS, params)
    assert response.status_code == 200, response.content
    return response.json()["jobs"]


# --- Reposts -----------------------------------------------------------------------------------


def test_the_same_posting_back_under_a_new_id_is_a_repost_and_counts_them(board):
    # given a posting that closed
    serve(board, ACME, item(1))
    scrape()
    serve(board, ACME)
    scrape()
    scrape()
    assert job("acme:1").closed_at is not None
    # when the same company, title and place come back under a new id, twice over
    serve(board, ACME, item(7, title="Backend Engineer", location="Remote (US)"))
    scrape()
    serve(board, ACME, item(7, title="Backend Engineer", location="Remote (US)"), item(8, title="Backend engineer", location="remote - us"))
    scrape()
    # then each new row links to the one before and counts the listings before it
    assert (job("acme:7").repost_of_id, job("acme:7").repost_count) == (job("acme:1").pk, 1)
    assert (job("acme:8").repost_of_id, job("acme:8").repost_count) == (job("acme:7").pk, 2)


def test_the_same_title_elsewhere_or_after_the_window_is_not_a_repost(board, settings):
    # given a posting last seen longer ago than the repost window
    serve(board, ACME, item(1))
    scrape()
    Job.objects.filter(source_id="acme:1").update(last_seen_at=timezone.now() - timedelta(days=settings.JOB_REPOST_WINDOW_DAYS + 1))
    # when the same title comes back under new ids, one in the same place and one elsewhere
    serve(board, ACME, item(5, title="Backend Engineer", location="Remote - US"), item(6, title="Backend Engineer", location="Paris"))
    scrape()
    # then neither is a repost: the earlier listing is too old, the other place is another posting
    assert (job("acme:5").repost_of_id, job("acme:5").repost_count) == (None, 0)
    assert (job("acme:6").repost_of_id, job("acme:6").repost_count) == (None, 0)


# --- Freshness on the API ------------------------------------------------------------------------


def _freshness(jobs: list[dict]) -> dict[str, dict]:
    return {row["title"]: row["freshness"] for row in jobs}


def test_jobs_show_their_freshness(api_client, make_job):
    now = timezone.now()
    make_job(title="Fresh", first_seen_at=now - timedelta(days=1))
    make_job(title="Settled", first_seen_at=now - timedelta(days=10), posted_at=now - timedelta(days=12))
    make_job(title="Old posting", first_seen_at=now - timedelta(days=1), posted_at=now - timedelta(days=45))
    make_job(title="Not seen lately", first_seen_at=now - timedelta(days=60), last_seen_at=now - timedelta(days=31))
    make_job(title="Gone", first_seen_at=now - timedelta(days=1), closed_at=now)
    make_job(title="Again", first_seen_at=now - timedelta(days=5), repost_count=2)
    body = api_client.get(JOBS, {"include_closed": "true"}).json()["jobs"]
    assert _freshness(body) == {
        "Fresh": {"status": "new", "reposted": False, "repost_count": 0},
        "Settled": {"status": "active", "reposted": False, "repost_count": 0},
        "Old posting": {"status": "stale", "reposted": False, "repost_count": 0},
        "Not seen lately": {"status": "stale", "reposted": False, "repost_count": 0},
        "Gone": {"status": "closed", "reposted": False, "repost_count": 0},
        "Again": {"status": "active", "reposted": True, "repost_count": 2},
    }
    gone = next(row for row in body if row["title"] == "Gone")
    assert gone["closed_at"] and gone["first_seen_at"] and gone["last_seen_at"]


def test_the_list_hides_closed_jobs_unless_asked_and_the_detail_still_shows_them(api_client, make_job):
    # given an open and a closed job
    make_job(title="Open")
    closed = make_job(title="Closed", closed_at=timezone.now())
    # then the list leaves the closed one out unless include_closed=true
    assert [row["title"] for row in api_client.get(JOBS).json()["jobs"]] == ["Open"]
    assert [row["title"] for row in api_client.get(JOBS, {"include_closed": "false"}).json()["jobs"]] == ["Open"]
    assert {row["title"] for row in api_client.get(JOBS, {"include_closed": "true"}).json()["jobs"]} == {"Open", "Closed"}
    # and its page says it closed
    detail = api_client.get(f"{JOBS}/{closed.pk}").json()
    assert detail["freshness"]["status"] == "closed" and detail["closed_at"]


def test_sort_newest_orders_a_search_by_first_seen_instead_of_relevance(api_client, make_job):
    # given a strong match first seen long ago and a weak one first seen today
    now = timezone.now()
    make_job(title="Django Developer", description="Django all day.", tags=["Django"], first_seen_at=now - timedelta(days=20))
    make_job(title="Office Manager", description="You will sometimes use the Django admin.", first_seen_at=now)
    # then relevance (the default with a search) ranks the strong match first, newest the recent one
    assert [row["title"] for row in api_client.get(JOBS, {"search": "django"}).json()["jobs"]] == ["Django Developer", "Office Manager"]
    assert [row["title"] for row in api_client.get(JOBS, {"search": "django", "sort": "relevance"}).json()["jobs"]] == [
        "Django Developer", "Office Manager"
    ]
    assert [row["title"] for row in api_client.get(JOBS, {"search": "django", "sort": "newest"}).json()["jobs"]] == [
        "Office Manager", "Django Developer"
    ]


def test_without_a_search_the_list_is_newest_first_seen_first(api_client, make_job):
    now = timezone.now()
    make_job(title="Week old", first_seen_at=now - timedelta(days=7), scraped_at=now)
    make_job(title="Today", first_seen_at=now, scraped_at=now - timedelta(hours=1))
    assert [row["title"] for row in api_client.get(JOBS).json()["jobs"]] == ["Today", "Week old"]


def test_location_filters_by_a_part_of_the_place(api_client, make_job):
    make_job(title="Berlin role", location="Berlin, Germany")
    make_job(title="Paris role", location="Paris, France")
    assert [row["title"] for row in api_client.get(JOBS, {"location": "berlin"}).json()["jobs"]] == ["Berlin role"]


@pytest.mark.parametrize("params", [{"sort": "oldest"}, {"include_closed": "maybe"}])
def test_an_unknown_sort_or_a_bad_include_closed_is_a_400(api_client, params):
    response = api_client.get(JOBS, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)


# --- Matches and applications on a closed posting ------------------------------------------------


def test_a_match_on_a_closed_job_leaves_the_default_list_and_says_so_by_status(auth_client, user, make_job):
    # given two matches, one on a job that closed
    open_job, closed_job = make_job(title="Open"), make_job(title="Closed")
    factories.match(user, open_job, score=90)
    factories.match(user, closed_job, score=95, status="interested")
    Job.objects.filter(pk=closed_job.pk).update(closed_at=timezone.now())
    # then the default list leaves it out
    matches = auth_client.get("/api/v1/matches").json()["matches"]
    assert [(m["job"]["title"], m["job_closed"]) for m in matches] == [("Open", False)]
    # and asked for by status it is there, marked closed
    interested = auth_client.get("/api/v1/matches", {"status": "interested"}).json()["matches"]
    assert [(m["job"]["title"], m["job_closed"]) for m in interested] == [("Closed", True)]


def test_an_application_made_from_a_match_says_when_its_posting_closed_and_reopened(
    board, auth_client, user, django_capture_on_commit_callbacks
):
    # given a scraped job the user applied to through its match
    serve(board, ACME, item(1), item(2))
    scrape()
    match = factories.match(user, job("acme:2"))
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.put(f"/api/v1/matches/{match.pk}/status", {"status": "applied"}, format="json").status_code == 200
    application = Application.objects.get(user=user)
    url = f"/api/v1/applications/{application.pk}"
    assert (auth_client.get(url).json()["posting_closed"], auth_client.get(url).json()["posting_closed_at"]) == (False, None)
    # when the posting leaves its board
    serve(board, ACME, item(1))
    with django_capture_on_commit_callbacks(execute=True):
        scrape()
        scrape()
    # then the application keeps working and says the posting closed
    body = auth_client.get(url).json()
    assert body["posting_closed"] is True and body["posting_closed_at"]
    assert body["status"] == "Applied"
    # when it comes back
    serve(board, ACME, item(1), item(2))
    with django_capture_on_commit_callbacks(execute=True):
        scrape()
    assert auth_client.get(url).json()["posting_closed"] is False


def test_applying_to_a_match_on_a_closed_posting_makes_an_application_that_says_so(
    auth_client, user, make_job, django_capture_on_commit_callbacks
):
    closed = make_job(title="Closed", closed_at=timezone.now())
    match = factories.match(user, closed)
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put(f"/api/v1/matches/{match.pk}/status", {"status": "applied"}, format="json")
    assert Application.objects.get(user=user).posting_closed is True
