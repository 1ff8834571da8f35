"""The Django admin for operators: scrape logs read-only, the sources with their boards and
"scrape now", matches searchable and spelled right."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from jobs.models import Job, Match, ScrapeLog
from jobs.services import scraping
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db

SOURCES = "/admin/jobs/scrapelog/sources/"
SCRAPE = "/admin/jobs/scrapelog/scrape/"


@pytest.fixture
def operator_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def viewer_client(make_user):
    """Staff who may look at scrape logs but not start a scrape."""
    viewer = make_user(email="viewer@example.com", username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_scrapelog"))
    client = Client()
    client.force_login(viewer)
    return client


def test_a_scrape_log_is_read_only(operator_client):
    # given a finished run
    parent, _ = scraping.scrape_run_request(trigger="api", sources=["remoteok"], enqueue=False)
    # when an operator opens it
    page = operator_client.get(f"/admin/jobs/scrapelog/{parent.pk}/change/")
    # then it shows, without a save or delete button, and nothing can be added or changed
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="_save"' not in content and "deletelink" not in content
    assert operator_client.get("/admin/jobs/scrapelog/add/").status_code == 403
    assert operator_client.post(f"/admin/jobs/scrapelog/{parent.pk}/change/", {"status": "success"}).status_code == 403
    assert operator_client.post(f"/admin/jobs/scrapelog/{parent.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ScrapeLog.objects.get(pk=parent.pk).status == "pending"


def test_the_sources_page_shows_each_source_its_boards_and_its_latest_run(operator_client, settings):
    # given greenhouse reading two boards, and one finished run of remoteok
    settings.GREENHOUSE_BOARDS = ["acme", "globex"]
    settings.JOB_SOURCES = ["remoteok", "greenhouse"]
    settings.LEVER_SITES = []
    parent, _ = scraping.scrape_run_request(trigger="api", sources=["remoteok"], enqueue=False)
    run = parent.children.get()
    ScrapeLog.objects.filter(pk=run.pk).update(status="success", jobs_created=12)
    # when
    page = operator_client.get(SOURCES)
    # then
    assert page.status_code == 200
    rows = {source["name"]: source for source in page.context["sources"]}
    assert [board.label for board in rows["greenhouse"]["boards"]] == ["greenhouse board 'acme'", "greenhouse board 'globex'"]
    assert (rows["greenhouse"]["enabled"], rows["lever"]["enabled"], rows["lever"]["configured"]) == (True, False, False)
    assert rows["remoteok"]["latest"] == run and rows["greenhouse"]["latest"] is None
    content = page.content.decode()
    assert "success, 12 new" in content and content.count('value="Scrape now"') == sum(r["configured"] for r in rows.values())


@pytest.mark.django_db(transaction=True)
def test_scrape_now_runs_one_source_and_says_what_it_did(operator_client, staff_user, all_boards_serving):
    # when an operator scrapes remoteok now (tasks run in-process, as on the embedded default)
    response = operator_client.post(SCRAPE, {"source": "remoteok"}, follow=True)
    # then that source alone ran, logged as the admin's, and the page says how it went
    run = ScrapeLog.objects.get(parent__isnull=True)
    assert (run.trigger, run.requested_by, list(run.children.values_list("source", flat=True))) == (
        "admin", staff_user, ["remoteok"],
    )
    assert Job.objects.filter(source="remoteok").count() == 3
    message = str(next(iter(response.context["messages"])))
    assert message.startswith(f'Scraped remoteok (<a href="/admin/jobs/scrapelog/{run.pk}/change/">run #{run.pk}</a>): partial')
    assert "3 new" in message


@pytest.mark.django_db(transaction=True)
def test_scrape_now_can_run_every_enabled_source(operator_client, settings, all_boards_serving):
    settings.JOB_SOURCES = ["remoteok", "lever"]

    operator_client.post(SCRAPE, {"source": "all"})

    run = ScrapeLog.objects.get(parent__isnull=True)
    assert (run.trigger, sorted(run.children.values_list("source", flat=True))) == ("admin", ["lever", "remoteok"])
    assert run.status == "partial" and run.jobs_created == 5


def test_with_a_worker_scrape_now_says_the_run_started(operator_client):
    # given the test's transaction: the run's tasks wait for a commit, as they wait for a worker
    response = operator_client.post(SCRAPE, {"source": "remoteok"}, follow=True)

    run = ScrapeLog.objects.get(parent__isnull=True)
    assert run.status == "pending"
    assert str(next(iter(response.context["messages"]))).startswith(
        f'Started a scrape of remoteok (<a href="/admin/jobs/scrapelog/{run.pk}/change/">run #{run.pk}</a>)'
    )


def test_scrape_now_refuses_an_unknown_or_unconfigured_source(operator_client, settings):
    settings.LEVER_SITES = []
    for name in ("nowhere", "lever"):
        response = operator_client.post(SCRAPE, {"source": name}, follow=True)
        assert f"No configured source is called '{name}'." in [str(m) for m in response.context["messages"]]
    assert not ScrapeLog.objects.exists()


def test_scrape_now_is_post_only_and_needs_the_permission(operator_client, viewer_client):
    assert operator_client.get(SCRAPE).status_code == 405
    assert viewer_client.get(SOURCES).status_code == 200
    assert 'value="Scrape now"' not in viewer_client.get(SOURCES).content.decode()
    assert viewer_client.post(SCRAPE, {"source": "remoteok"}).status_code == 403
    assert not ScrapeLog.objects.exists()


def test_matches_are_spelled_right_and_found_by_user_or_job(operator_client, user, other_user):
    # given
    mine = f.match(user, f.job(f.STRONG_JOB, title="Staff Platform Engineer", company="Initech"), score=80.0)
    f.match(other_user, f.job(f.STRONG_JOB, title="Data Analyst", company="Globex"), score=60.0)
    # then the list is "Matches" ...
    index = operator_client.get("/admin/").content.decode()
    assert "Matches" in index and "Matchs" not in index
    # ... and an operator finds a match by the user's email, the job's title or its company
    for query in (user.email, "platform engineer", "initech"):
        page = operator_client.get("/admin/jobs/match/", {"q": query})
        assert list(page.context["cl"].result_list) == [mine], query
    assert Match._meta.verbose_name_plural == "matches"
