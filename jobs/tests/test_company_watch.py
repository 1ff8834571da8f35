"""Companies a user follows by their careers page (issue 17), end to end against the local job board.

Watching a board creates its one row, scrapes it once the request commits (through the real
task and source), and every scheduled run of its source includes it while someone watches it.
"""

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from jobs import cache_keys, selectors
from jobs.ats_links import SUPPORTED_ATS
from jobs.models import ATS_SOURCES, CompanyBoard, CompanyWatch, Job, ScrapeLog
from jobs.services import scraping
from jobs.sources import enabled_source_names, get_source
from jobs.sources.base import CompanyBoardSource
from jobs.tests.conftest import payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/companies/watch"
GLOBEX_PAGE = "https://boards.greenhouse.io/globex"
GLOBEX_API = "/greenhouse/v1/boards/globex/jobs?content=true"


@pytest.fixture
def globex_serving(board):
    """A second Greenhouse board, globex, answering the recorded-shape payload (two jobs and a broken one)."""
    board.route(GLOBEX_API, payload("greenhouse_acme.json"))
    return board


@pytest.fixture
def watch(django_capture_on_commit_callbacks):
    """watch(client, url) -> the response, with the tasks it enqueued run as the request commits."""

    def post(client, url):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {"url": url})

    return post


# --- Watching ------------------------------------------------------------------------------------


def test_watching_a_careers_page_follows_its_board_and_scrapes_it_soon_after(auth_client, user, globex_serving, watch):
    # when
    response = watch(auth_client, f"{GLOBEX_PAGE}/jobs/4012345?gh_src=abc")
    # then the watch answers with its board, read once the request committed
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "ats", "board", "company_name", "url", "last_scraped_at", "job_count"}
    assert (body["ats"], body["board"], body["url"]) == ("greenhouse", "globex", "https://boards.greenhouse.io/globex")
    assert globex_serving.paths() == [GLOBEX_API]
    # and its jobs are in the listing, the board's row says when it was read and the company its postings name
    assert set(Job.objects.filter(source="greenhouse").values_list("source_id", flat=True)) == {"globex:4012345", "globex:4012346"}
    listed = auth_client.get(URL).json()["companies"]
    assert [(c["id"], c["company_name"], c["job_count"]) for c in listed] == [(body["id"], "Acme Robotics", 2)]
    assert listed[0]["last_scraped_at"] is not None
    # and the run is its own log, naming the board and who asked
    log = ScrapeLog.objects.get(trigger="board")
    assert (log.source, log.company_board.board, log.requested_by_id, log.status, log.jobs_created) == (
        "greenhouse", "globex", user.pk, "partial", 2,
    )


def test_the_answer_to_a_watch_is_the_board_as_it_stands_before_its_first_read(auth_client, board):
    # given a board (nothing enqueued runs: the request's tasks wait for a commit that never comes)
    response = auth_client.post(URL, {"url": "https://jobs.lever.co/hooli"})
    # then
    assert response.status_code == 201
    assert {key: value for key, value in response.json().items() if key != "id"} == {
        "ats": "lever", "board": "hooli", "company_name": "Hooli", "url": "https://jobs.lever.co/hooli",
        "last_scraped_at": None, "job_count": 0,
    }
    assert board.requests == []


@pytest.mark.parametrize(
    "url, ats, token",
    [
        ("https://job-boards.greenhouse.io/globex", "greenhouse", "globex"),
        ("https://jobs.lever.co/pied-piper/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8", "lever", "pied-piper"),
        ("https://jobs.ashbyhq.com/lumen", "ashby", "lumen"),
        ("https://apply.workable.com/quill/", "workable", "quill"),
        ("https://jobs.smartrecruiters.com/Northwind", "smartrecruiters", "Northwind"),
        ("https://tallyho.recruitee.com/", "recruitee", "tallyho"),
        ("https://bergwerk.jobs.personio.com/", "personio", "bergwerk"),
    ],
)
def test_every_supported_ats_is_recognised_from_the_url_alone(auth_client, settings, board, url, ats, token):
    settings.JOB_SOURCES = list(settings.JOB_SOURCE_NAMES)
    response = auth_client.post(URL, {"url": url})
    assert response.status_code == 201, response.content
    assert (response.json()["ats"], response.json()["board"]) == (ats, token)
    assert board.requests == []


@pytest.mark.parametrize(
    "url", ["https://example.com/careers", "https://www.linkedin.com/jobs/view/123", "ftp://jobs.lever.co/hooli", "not a url"]
)
def test_an_unrecognised_url_is_a_400_naming_the_supported_ats(auth_client, url):
    response = auth_client.post(URL, {"url": url})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "boards.greenhouse.io/{token}" in body["errors"]["url"][0] and "{company}.recruitee.com" in body["errors"]["url"][0]
    assert not CompanyBoard.objects.exists()


def test_an_ats_this_server_does_not_read_is_refused(auth_client, settings):
    settings.JOB_SOURCES = ["remoteok"]
    response = auth_client.post(URL, {"url": GLOBEX_PAGE})
    assert response.status_code == 400
    assert "does not read greenhouse boards" in response.json()["errors"]["url"][0]


def test_many_users_watching_a_board_share_one_row_and_it_is_not_scraped_twice(client_for, make_user, globex_serving, watch):
    # given a board one user watched, and so it was just read
    first, second = make_user(), make_user()
    assert watch(client_for(first), GLOBEX_PAGE).status_code == 201
    # when another user watches it, written in another case
    response = watch(client_for(second), "https://boards.greenhouse.io/GLOBEX")
    # then
    assert response.status_code == 201
    assert CompanyBoard.objects.count() == 1 and CompanyWatch.objects.count() == 2
    assert response.json()["board"] == "globex"
    assert globex_serving.paths() == [GLOBEX_API]


def test_watching_a_board_one_already_watches_answers_the_same_watch(auth_client, globex_serving, watch):
    created = watch(auth_client, GLOBEX_PAGE).json()
    again = watch(auth_client, f"{GLOBEX_PAGE}/jobs/4012346")
    assert again.status_code == 200
    assert again.json()["id"] == created["id"]
    assert CompanyWatch.objects.count() == 1
    assert globex_serving.paths() == [GLOBEX_API]


def test_a_board_not_read_lately_is_read_again_when_one_more_user_watches_it(client_for, make_user, globex_serving, watch):
    # given a board read two hours ago
    assert watch(client_for(make_user()), GLOBEX_PAGE).status_code == 201
    CompanyBoard.objects.update(last_scraped_at=timezone.now() - timedelta(hours=2))
    # when
    watch(client_for(make_user()), GLOBEX_PAGE)
    # then
    assert globex_serving.paths() == [GLOBEX_API, GLOBEX_API]


def test_a_user_follows_at_most_the_configured_number_of_companies(auth_client, settings, board):
    settings.COMPANY_WATCH_MAX_PER_USER = 2
    for token in ("initech", "hooli"):
        assert auth_client.post(URL, {"url": f"https://jobs.lever.co/{token}"}).status_code == 201
    response = auth_client.post(URL, {"url": "https://jobs.lever.co/umbrella"})
    assert response.status_code == 400
    assert response.json()["code"] == "watch_limit_reached"
    assert "2 companies" in response.json()["detail"]
    # a company already followed is still answered
    assert auth_client.post(URL, {"url": "https://jobs.lever.co/hooli"}).status_code == 200


def test_a_board_that_does_not_exist_says_so_on_its_row(auth_client, board, watch):
    # given a misspelt token: the board answers 404
    response = watch(auth_client, "https://boards.greenhouse.io/globx")
    # then
    assert response.status_code == 201
    assert response.json()["last_scraped_at"] is None
    assert CompanyBoard.objects.get().last_error == "greenhouse: unknown board 'globx', skipped"


def test_a_board_an_operator_turned_off_is_watched_but_not_scraped(auth_client, globex_serving, watch):
    CompanyBoard.objects.create(ats="greenhouse", board="globex", url=GLOBEX_PAGE, is_active=False)
    assert watch(auth_client, GLOBEX_PAGE).status_code == 201
    assert globex_serving.requests == []
    assert get_source("greenhouse").tokens() == ["acme"]


def test_every_recognised_ats_is_a_board_source_a_board_row_can_name():
    assert [source.value for source in ATS_SOURCES] == list(SUPPORTED_ATS)
    assert all(isinstance(get_source(name), CompanyBoardSource) for name in SUPPORTED_ATS)


# --- The scheduled runs --------------------------------------------------------------------------


def test_the_scheduled_run_of_a_source_reads_the_watched_boards_with_the_listed_ones(
    user, other_user, all_boards_serving, globex_serving, django_capture_on_commit_callbacks
):
    # given a watched board, a board nobody watches any more, and one listed in the setting in another case
    globex = CompanyBoard.objects.create(ats="greenhouse", board="globex", url=GLOBEX_PAGE)
    CompanyWatch.objects.create(user=user, board=globex)
    CompanyWatch.objects.create(user=other_user, board=globex)
    CompanyBoard.objects.create(ats="greenhouse", board="abandoned", url="https://boards.greenhouse.io/abandoned")
    acme = CompanyBoard.objects.create(ats="greenhouse", board="ACME", url="https://boards.greenhouse.io/ACME")
    CompanyWatch.objects.create(user=user, board=acme)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        parent, _ = scraping.scrape_run_request(trigger="schedule", sources=["greenhouse"])
    # then each board is read once
    assert sorted(all_boards_serving.paths()) == ["/greenhouse/v1/boards/acme/jobs?content=true", GLOBEX_API]
    assert parent.children.get().status == "partial"
    # and both watched rows say they were read
    read = CompanyBoard.objects.filter(last_scraped_at__isnull=False).values_list("board", flat=True)
    assert sorted(read) == ["ACME", "globex"]


def test_a_run_of_a_feed_source_touches_no_board_row(all_boards_serving, django_assert_num_queries):
    # given a board row whose token looks like a feed's key
    CompanyBoard.objects.create(ats="greenhouse", board="x", url=GLOBEX_PAGE)
    batch = get_source("remoteok").collect()
    # when / then
    with django_assert_num_queries(0):
        scraping.company_boards_record_scrape(ats="remoteok", outcomes=batch.boards, at=timezone.now())


def test_a_source_with_no_board_listed_runs_when_someone_watches_one(user, settings):
    settings.GREENHOUSE_BOARDS = []
    assert "greenhouse" not in enabled_source_names()
    CompanyWatch.objects.create(user=user, board=CompanyBoard.objects.create(ats="greenhouse", board="globex", url=GLOBEX_PAGE))
    assert "greenhouse" in enabled_source_names()


def test_a_board_run_goes_on_while_its_sources_scheduled_run_holds_the_source(auth_client, globex_serving, watch):
    # given the whole greenhouse source locked by a run in progress
    cache.add(cache_keys.scrape_lock_key("greenhouse"), "another run", timeout=60)
    # when a user watches a board of it
    watch(auth_client, GLOBEX_PAGE)
    # then that board is read all the same
    assert ScrapeLog.objects.get(trigger="board").status == "partial"
    assert globex_serving.paths() == [GLOBEX_API]


def test_a_board_run_whose_board_was_deleted_is_skipped(user):
    globex = CompanyBoard.objects.create(ats="greenhouse", board="globex", url=GLOBEX_PAGE)
    log = ScrapeLog.objects.create(source="greenhouse", trigger="board", company_board=globex)
    globex.delete()
    scraping.scrape_source_run(scrape_log_id=log.pk)
    log.refresh_from_db()
    assert (log.status, log.error) == ("skipped", "The company board was deleted before its run.")


def test_the_latest_run_of_the_sources_is_not_a_board_run(auth_client, globex_serving, watch):
    # given a run of the sources, then a board run
    parent, _ = scraping.scrape_run_request(trigger="api", sources=["lever"], enqueue=False)
    watch(auth_client, GLOBEX_PAGE)
    # then
    assert auth_client.get("/api/v1/jobs/logs/latest").json()["id"] == parent.pk


# --- The list and unwatching ----------------------------------------------------------------------


def test_the_list_shows_only_the_users_own_companies_newest_first(auth_client, other_client, board):
    for token in ("initech", "hooli"):
        auth_client.post(URL, {"url": f"https://jobs.lever.co/{token}"})
    other_client.post(URL, {"url": "https://jobs.lever.co/umbrella"})
    body = auth_client.get(URL).json()
    assert [company["board"] for company in body["companies"]] == ["hooli", "initech"]
    assert (body["total"], body["has_more"]) == (2, False)


def test_job_count_counts_the_boards_scraped_jobs_in_any_case_and_nothing_else(user, make_job):
    # given jobs of the board, of another board whose token starts the same, of another ATS and a user's own
    globex = CompanyBoard.objects.create(ats="greenhouse", board="globex", url=GLOBEX_PAGE)
    watch = CompanyWatch.objects.create(user=user, board=globex)
    for source, source_id in [("greenhouse", "globex:1"), ("greenhouse", "Globex:2"), ("greenhouse", "globex-eu:3"), ("lever", "globex:4")]:
        make_job(source=source, source_id=source_id, title=f"Job {source_id}")
    make_job(source="user_submitted", source_id="globex:5", owner=user, title="Mine")
    # when / then
    assert selectors.company_watch_get(user=user, watch_id=watch.pk).job_count == 2


@pytest.mark.parametrize("count", [1, 20])
def test_the_list_takes_the_same_queries_for_one_company_or_twenty(auth_client, user, make_job, count, django_assert_num_queries):
    for n in range(count):
        board = CompanyBoard.objects.create(ats="lever", board=f"company-{n}", url=f"https://jobs.lever.co/company-{n}")
        CompanyWatch.objects.create(user=user, board=board)
        make_job(source="lever", source_id=f"company-{n}:1", title=f"Job {n}")
    # 1 the user of the token, 2 the page and its total: watches, their boards and job counts
    with django_assert_num_queries(2):
        body = auth_client.get(URL).json()
    assert len(body["companies"]) == count and all(company["job_count"] == 1 for company in body["companies"])


def test_unwatching_deletes_the_watch_and_keeps_the_board_unscraped(auth_client, user, board):
    watch_id = auth_client.post(URL, {"url": GLOBEX_PAGE}).json()["id"]
    response = auth_client.delete(f"{URL}/{watch_id}")
    assert response.status_code == 204
    assert not CompanyWatch.objects.exists()
    assert CompanyBoard.objects.filter(board="globex").exists()
    assert get_source("greenhouse").tokens() == ["acme"]


def test_someone_elses_watch_is_not_found_and_stays(auth_client, other_client):
    watch_id = auth_client.post(URL, {"url": GLOBEX_PAGE}).json()["id"]
    for response in (other_client.delete(f"{URL}/{watch_id}"), other_client.delete(f"{URL}/{uuid.uuid4()}")):
        assert response.status_code == 404
        assert response.json() == {"detail": "Company not found.", "code": "not_found"}
    assert CompanyWatch.objects.filter(pk=watch_id).exists()
    assert other_client.get(URL).json()["companies"] == []


def test_anonymous_callers_are_refused(api_client, auth_client):
    watch_id = auth_client.post(URL, {"url": GLOBEX_PAGE}).json()["id"]
    for response in (api_client.get(URL), api_client.post(URL, {"url": GLOBEX_PAGE}), api_client.delete(f"{URL}/{watch_id}")):
        assert response.status_code == 401
    assert CompanyWatch.objects.count() == 1


# --- The admin ---------------------------------------------------------------------------------


def test_operators_see_the_boards_with_their_watchers_and_can_scrape_one_now(
    admin_client, user, other_user, globex_serving, django_capture_on_commit_callbacks
):
    globex = CompanyBoard.objects.create(ats="greenhouse", board="globex", company_name="Globex", url=GLOBEX_PAGE)
    CompanyWatch.objects.create(user=user, board=globex)
    CompanyWatch.objects.create(user=other_user, board=globex)
    page = admin_client.get("/admin/jobs/companyboard/").content.decode()
    assert "globex" in page and '<td class="field-watchers">2</td>' in page
    assert admin_client.get(f"/admin/jobs/companyboard/{globex.pk}/change/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/jobs/companyboard/", {"action": "scrape_now", "_selected_action": [globex.pk]})
    assert response.status_code == 302
    log = ScrapeLog.objects.get(trigger="board")
    assert (log.company_board_id, log.status) == (globex.pk, "partial")
    globex.refresh_from_db()
    assert globex.last_scraped_at is not None and globex.company_name == "Acme Robotics"
