"""GET /jobs (search, filters, one query per page), GET /jobs/{id}, POST /jobs/refresh, GET /jobs/logs/latest."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from jobs import search
from jobs.models import Job, ScrapeLog

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [job["title"] for job in response.json()["jobs"]]


def test_the_list_answers_seed_004s_envelope_newest_first(api_client, make_job):
    now = timezone.now()
    make_job(title="Old", scraped_at=now - timedelta(days=2))
    make_job(title="New", scraped_at=now)
    make_job(title="Middle", scraped_at=now - timedelta(days=1))
    body = api_client.get(URL, {"limit": 2}).json()
    assert [job["title"] for job in body["jobs"]] == ["New", "Middle"]
    assert (body["total"], body["limit"], body["offset"], body["has_more"]) == (3, 2, 0, True)
    assert api_client.get(URL, {"limit": 2, "offset": 2}).json()["has_more"] is False


def test_a_job_is_shown_in_seed_004s_spelling(api_client, make_job):
    make_job(
        title="Senior Python Developer", company="Tech Startup Inc", remote_type="remote", job_type="full_time",
        salary_min=100000, salary_max=150000, salary_currency="USD", tags=["Python"], eligible_regions=["Worldwide"],
        url="https://remoteok.com/remote-jobs/12345", source_id="12345", raw_data={"secret": "not in the list"},
    )
    job = api_client.get(URL).json()["jobs"][0]
    assert set(job) == {
        "id", "source", "source_id", "url", "title", "company", "description", "salary_min", "salary_max",
        "salary_currency", "location", "remote_type", "job_type", "tags", "eligible_regions", "visa_sponsorship",
        "posted_at", "scraped_at", "first_seen_at", "last_seen_at", "closed_at", "repost_count", "freshness",
        "source_attribution",
    }
    assert (job["remote_type"], job["job_type"], job["source_id"]) == ("full", "permanent", "12345")
    assert job["visa_sponsorship"] is None and isinstance(job["id"], int)


def test_the_credit_a_source_asks_for_is_shown_with_its_jobs(api_client, make_job):
    # given a job from a source that asks to be credited, and one from a source that does not
    credited = make_job(source="remotive", source_id="9001", title="Support Engineer", source_attribution="Jobs by Remotive (https://remotive.com)")
    make_job(source="greenhouse", source_id="acme:1", title="Platform Engineer")
    # when / then
    listed = {job["title"]: job["source_attribution"] for job in api_client.get(URL).json()["jobs"]}
    assert listed == {"Support Engineer": "Jobs by Remotive (https://remotive.com)", "Platform Engineer": None}
    detail = api_client.get(f"{URL}/{credited.pk}").json()
    assert detail["source_attribution"] == "Jobs by Remotive (https://remotive.com)"


def test_the_default_page_is_50_and_limit_is_capped(api_client, settings):
    body = api_client.get(URL).json()
    assert body["limit"] == 50
    assert api_client.get(URL, {"limit": 10_000}).json()["limit"] == settings.API_MAX_PAGE_SIZE


@pytest.mark.parametrize("params", [{"limit": 0}, {"offset": -1}, {"limit": "ten"}, {"min_salary": "lots"}])
def test_bad_paging_or_salary_values_are_400(api_client, params):
    response = api_client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_filters_take_seed_004s_spelling(api_client, make_job):
    make_job(title="Remote perm", remote_type="remote", job_type="full_time", source="remoteok")
    make_job(title="Hybrid contract", remote_type="hybrid", job_type="contract", source="lever")
    make_job(title="Onsite part-time", remote_type="onsite", job_type="part_time", source="greenhouse")
    assert titles(api_client.get(URL, {"remote_type": "full"})) == ["Remote perm"]
    assert titles(api_client.get(URL, {"job_type": "contract"})) == ["Hybrid contract"]
    assert titles(api_client.get(URL, {"job_type": "part-time"})) == ["Onsite part-time"]
    assert titles(api_client.get(URL, {"source": "lever"})) == ["Hybrid contract"]


@pytest.mark.parametrize(
    "name, value, allowed",
    [
        ("remote_type", "remote", "full, hybrid, onsite"),
        ("job_type", "full_time", "permanent, contract, freelance, part-time"),
        ("source", "linkedin", "remoteok, weworkremotely, greenhouse, lever, ashby, workable, smartrecruiters, recruitee, personio, hackernews, remotive, arbeitnow, himalayas, jobicy, user_submitted"),
    ],
)
def test_an_unknown_filter_value_is_400_naming_the_allowed_ones(api_client, name, value, allowed):
    response = api_client.get(URL, {name: value})
    assert response.status_code == 400
    message = response.json()["errors"][name][0]
    assert value in message and allowed in message


def test_salary_filters_keep_jobs_whose_range_reaches_the_bound(api_client, make_job):
    make_job(title="80-100k", salary_min=80_000, salary_max=100_000)
    make_job(title="120-160k", salary_min=120_000, salary_max=160_000)
    make_job(title="only min 150k", salary_min=150_000)
    make_job(title="no salary")
    assert sorted(titles(api_client.get(URL, {"min_salary": 110_000}))) == ["120-160k", "only min 150k"]
    assert sorted(titles(api_client.get(URL, {"max_salary": 120_000}))) == ["120-160k", "80-100k"]
    assert titles(api_client.get(URL, {"min_salary": 90_000, "max_salary": 100_000})) == ["80-100k"]


def test_search_finds_words_in_title_company_tags_and_description(api_client, make_job):
    make_job(title="Senior Python Developer", description="Backend work.")
    make_job(title="Designer", company="Pythonic Studio", description="Figma.")
    make_job(title="Data Engineer", tags=["Kubernetes"], description="Pipelines.")
    make_job(title="Office Manager", description="Keeps the kubernetes of the office running")
    make_job(title="Accountant", description="Spreadsheets.")
    assert titles(api_client.get(URL, {"search": "python developer"})) == ["Senior Python Developer"]
    assert api_client.get(URL, {"search": "python developer"}).json()["total"] == 1
    assert set(titles(api_client.get(URL, {"search": "kubernetes"}))) == {"Data Engineer", "Office Manager"}
    assert api_client.get(URL, {"search": "kubernetes", "limit": 1}).json()["total"] == 2


def test_the_computed_vector_finds_and_ranks_exactly_what_the_stored_one_does(api_client, make_job, settings):
    make_job(title="Python Developer", tags=["Django"])
    make_job(title="Office Manager", description="Some Python scripting.")
    make_job(title="Designer", tags=["Python"])
    make_job(title="Accountant")
    stored = api_client.get(URL, {"search": "python", "limit": 2}).json()
    settings.JOBS_SEARCH_STORED_VECTOR = False
    computed = api_client.get(URL, {"search": "python", "limit": 2}).json()
    assert computed == stored and stored["total"] == 3


def test_search_ranks_a_title_match_above_a_description_match(api_client, make_job):
    now = timezone.now()
    make_job(title="Office Manager", description="You will sometimes use Django admin.", scraped_at=now)
    make_job(title="Django Developer", description="Web apps.", scraped_at=now - timedelta(days=3))
    expected = ["Django Developer", "Office Manager"] if connection.vendor == "postgresql" else ["Office Manager", "Django Developer"]
    assert titles(api_client.get(URL, {"search": "django"})) == expected


@pytest.mark.parametrize(
    "query",
    ['"machine learning', "python & | ! :* <->", "-", "'; DROP TABLE jobs_job; --", "a" * 5000, "()" * 300, "🚀 rust"],
)
def test_search_is_safe_for_any_input(api_client, make_job, query):
    make_job(title="Machine Learning Engineer", description="Python and Rust.")
    response = api_client.get(URL, {"search": query})
    assert response.status_code == 200
    assert isinstance(response.json()["total"], int)


def test_a_search_with_a_nul_character_is_a_400_not_a_database_error(api_client):
    response = api_client.get(URL, {"search": "python\x00rust"})
    assert response.status_code == 400 and "search" in response.json()["errors"]


def test_phrase_and_exclusion_queries(api_client, make_job):
    make_job(title="Machine Learning Engineer")
    make_job(title="Learning Designer", description="Machine shop experience.")
    make_job(title="Machine Learning Researcher", description="Remote, no Python.")
    phrase = set(titles(api_client.get(URL, {"search": '"machine learning"'})))
    excluded = titles(api_client.get(URL, {"search": '"machine learning" -researcher'}))
    if connection.vendor == "postgresql":
        assert phrase == {"Machine Learning Engineer", "Machine Learning Researcher"}
        assert excluded == ["Machine Learning Engineer"]
    else:  # the fallback: every word, anywhere; operators are dropped
        assert phrase == {"Machine Learning Engineer", "Learning Designer", "Machine Learning Researcher"}
        assert set(excluded) == phrase


def test_the_stored_search_vector_exists_and_stays_current_on_postgresql_only(make_job):
    from jobs.search import SEARCH_VECTOR_SQL

    job = make_job(title="Rust Engineer", company="", tags=["Rust"], description="Systems.")
    job.title = "Haskell Engineer"
    job.save()
    columns = [column.name for column in connection.introspection.get_table_description(connection.cursor(), "jobs_job")]
    if connection.vendor != "postgresql":
        assert "search_vector" not in columns  # migration 0002 does nothing on SQLite
        return
    assert "search_vector" in columns
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_vector = ({SEARCH_VECTOR_SQL}), search_vector::text FROM jobs_job WHERE id = %s", [job.pk])
        same, text = cursor.fetchone()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'job_search_vector_gin'")
        (index,) = cursor.fetchone()
        cursor.execute("SELECT attstorage FROM pg_attribute WHERE attrelid = 'jobs_job'::regclass AND attname = 'search_vector'")
        (storage,) = cursor.fetchone()
    assert storage == "m"  # kept in the row, not TOASTed
    assert same is True
    assert "'haskel':1A" in text and "'rust':3B" in text and "'system':4C" in text
    assert "USING gin (search_vector)" in index


def test_the_page_and_its_total_come_from_two_queries_however_many_jobs(api_client, make_job, django_assert_num_queries):
    make_job(title="Python one")
    search.search_ranking()
    # 1: the planner's estimate (EXPLAIN), 2: the page with its total (a scalar subquery in the same statement)
    with django_assert_num_queries(2):
        assert api_client.get(URL, {"search": "python"}).json()["total"] == 1
    for n in range(30):
        make_job(title=f"Python {n}", tags=["Python"])
    with django_assert_num_queries(2):
        assert api_client.get(URL, {"search": "python", "remote_type": "full", "min_salary": 0}).json()["total"] == 0
    with django_assert_num_queries(2):
        assert api_client.get(URL, {"search": "python"}).json()["total"] == 31


def test_an_offset_past_the_end_is_an_empty_page_with_the_real_total(api_client, make_job):
    for n in range(3):
        make_job(title=f"Python {n}")
    body = api_client.get(URL, {"search": "python", "offset": 10}).json()
    assert (body["jobs"], body["total"], body["has_more"]) == ([], 3, False)
    assert api_client.get(URL, {"search": "nothing-matches-this"}).json()["total"] == 0


def test_a_signed_in_list_costs_two_more_queries_for_the_user_and_their_profile(auth_client, make_job, django_assert_num_queries):
    for n in range(5):
        make_job(title=f"Job {n}")
    # 1: the user behind the token, 2: the planner's estimate, 3: the page with its total, 4: the viewer's profile
    with django_assert_num_queries(4):
        assert auth_client.get(URL).json()["total"] == 5


def test_a_posting_seen_on_two_boards_is_listed_once(api_client, make_job):
    first = make_job(title="Senior Engineer", company="Acme")
    make_job(title="Senior Engineer", company="ACME", source="weworkremotely", duplicate_of=first)
    assert titles(api_client.get(URL)) == ["Senior Engineer"]


def test_user_submitted_jobs_are_listed_only_for_their_owner(api_client, auth_client, other_client, user, make_job):
    make_job(title="Scraped")
    make_job(title="Ada's own", source="user_submitted", owner=user)
    assert titles(api_client.get(URL)) == ["Scraped"]
    assert sorted(titles(auth_client.get(URL))) == ["Ada's own", "Scraped"]
    assert titles(other_client.get(URL)) == ["Scraped"]
    assert titles(other_client.get(URL, {"search": "own"})) == []


# --- Detail ----------------------------------------------------------------------------------


def test_a_job_detail_includes_raw_data(api_client, make_job):
    job = make_job(raw_data={"id": "12345", "position": "Dev"})
    body = api_client.get(f"{URL}/{job.pk}").json()
    assert body["raw_data"] == {"id": "12345", "position": "Dev"}
    assert body["id"] == job.pk and "created_at" in body and body["duplicate_of"] is None


def test_a_missing_job_is_404_in_the_error_shape(api_client):
    response = api_client.get(f"{URL}/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "Job not found.", "code": "not_found"}


def test_someone_elses_submitted_job_is_404(api_client, other_client, auth_client, user, make_job):
    job = make_job(source="user_submitted", owner=user)
    assert other_client.get(f"{URL}/{job.pk}").status_code == 404
    assert api_client.get(f"{URL}/{job.pk}").status_code == 404
    assert auth_client.get(f"{URL}/{job.pk}").status_code == 200


def test_the_list_answers_with_and_without_a_trailing_slash_under_both_prefixes(api_client):
    for path in ("/api/v1/jobs", "/api/v1/jobs/", "/api/jobs", "/api/jobs/"):
        assert api_client.get(path).status_code == 200


# --- Refresh and logs --------------------------------------------------------------------------


def test_refresh_answers_202_with_the_sources_and_the_log(auth_client, settings):
    settings.GREENHOUSE_BOARDS = []
    response = auth_client.post(f"{URL}/refresh")
    assert response.status_code == 202
    body = response.json()
    assert body["message"] == "Job scraping started"
    assert (body["status"], body["finished"], body["log_url"]) == ("pending", False, "/api/v1/jobs/logs/latest")
    assert body["sources"] == ["remoteok", "weworkremotely", "lever"]
    log = ScrapeLog.objects.get(pk=body["scrape_log_id"])
    assert (log.source, log.trigger, log.status) == ("all", "api", "pending")
    assert sorted(log.children.values_list("source", flat=True)) == ["lever", "remoteok", "weworkremotely"]


def test_refresh_scrapes_once_the_request_commits(auth_client, all_boards_serving, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = auth_client.post(f"{URL}/refresh").json()
    log = ScrapeLog.objects.get(pk=body["scrape_log_id"])
    assert log.status == "partial" and log.jobs_created == 9
    assert auth_client.get(URL).json()["total"] == 9


def test_refresh_survives_every_board_being_down(auth_client, board, django_capture_on_commit_callbacks):
    for path in ("/remoteok/api", "/wwr/remote-jobs.rss", "/greenhouse/v1/boards/acme/jobs?content=true", "/lever/v0/postings/pied-piper?mode=json"):
        board.route(path, b"down", status=503)
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(f"{URL}/refresh")
    assert response.status_code == 202
    assert ScrapeLog.objects.get(pk=response.json()["scrape_log_id"]).status == "failed"


@pytest.mark.django_db(transaction=True)
def test_on_the_embedded_default_refresh_answers_what_the_finished_run_did(auth_client, all_boards_serving):
    # given in-process tasks and no surrounding transaction, as `make run` serves requests
    # when
    response = auth_client.post(f"{URL}/refresh")
    # then the run has finished by the time of the answer, which says what it did
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["finished"]) == ("partial", True)
    assert (body["jobs_found"], body["jobs_created"], body["jobs_updated"], body["jobs_failed"]) == (18, 9, 0, 9)
    assert body["message"] == (
        "Job scraping finished with errors: 18 jobs found, 9 new, 0 updated, 9 failed. "
        "The errors are in GET /api/v1/jobs/logs/latest."
    )
    assert body["log_url"] == "/api/v1/jobs/logs/latest"
    assert auth_client.get(body["log_url"]).json()["id"] == body["scrape_log_id"]


@pytest.mark.django_db(transaction=True)
def test_on_the_embedded_default_a_failed_refresh_never_says_it_started(auth_client, board, settings):
    # given every board down
    settings.JOB_SOURCES = ["remoteok", "lever"]
    for path in ("/remoteok/api", "/lever/v0/postings/pied-piper?mode=json"):
        board.route(path, b"down", status=503)
    # when
    response = auth_client.post(f"{URL}/refresh")
    # then
    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["finished"], body["jobs_created"]) == ("failed", True, 0)
    assert body["message"] == (
        "Job scraping failed: 0 jobs found, 0 new, 0 updated, 0 failed. Why is in GET /api/v1/jobs/logs/latest."
    )


def test_refresh_needs_a_signed_in_user(api_client):
    assert api_client.post(f"{URL}/refresh").status_code == 401


def test_refresh_is_throttled(auth_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "jobs_refresh": "2/hour"}
    statuses = [auth_client.post(f"{URL}/refresh").status_code for _ in range(3)]
    assert statuses == [202, 202, 429]


def test_the_latest_log_shows_the_run_and_each_source(auth_client, all_boards_serving, django_capture_on_commit_callbacks):
    assert auth_client.get(f"{URL}/logs/latest").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        run_id = auth_client.post(f"{URL}/refresh").json()["scrape_log_id"]
    body = auth_client.get(f"{URL}/logs/latest").json()
    assert body["id"] == run_id and body["status"] == "partial" and body["trigger"] == "api"
    assert {row["source"]: row["jobs_created"] for row in body["sources"]} == {
        "remoteok": 3, "weworkremotely": 2, "greenhouse": 2, "lever": 2,
    }


def test_the_latest_log_needs_a_signed_in_user(api_client):
    assert api_client.get(f"{URL}/logs/latest").status_code == 401


@pytest.mark.parametrize("url", ["/api/v1/jobs", "/api/v1/user-jobs", "/api/v1/matches"])
def test_an_offset_past_any_integer_the_database_holds_is_an_empty_page(auth_client, url):
    response = auth_client.get(url, {"offset": 10**30})
    assert response.status_code == 200
    body = response.json()
    assert body[next(key for key in body if isinstance(body[key], list))] == []


def test_the_job_serializers_fast_output_is_exactly_drfs(make_job, user):
    from datetime import UTC, datetime

    from careerhub.api import serializers
    from jobs.api.serializers import jobs as job_serializers

    # given jobs with every field set, with the optional ones empty, closed, reposted, pasted and duplicated
    full = make_job(
        title="Staff Engineer", company="Acme", url="https://jobs.example/1", description="Build things.",
        salary_min=100_000, salary_max=150_000, salary_currency="EUR", location="Berlin", remote_type="hybrid",
        job_type="contract", tags=["Go", "Rust"], eligible_regions=["EU"], visa_sponsorship=1,
        posted_at=datetime(2026, 1, 2, 3, 4, 5, 678_901, tzinfo=UTC), source_attribution="Jobs by Example",
        repost_count=2,
    )
    bare = make_job(title="Bare", company="", url="", location="", remote_type=None, job_type=None, tags=[], posted_at=None)
    closed = make_job(title="Closed", closed_at=timezone.now())
    pasted = make_job(title="Mine", owner=user)
    copy = make_job(title="Staff Engineer", company="Acme", source="weworkremotely", duplicate_of=full)
    jobs = list(Job.objects.filter(pk__in=[full.pk, bare.pk, closed.pk, pasted.pk, copy.pk]).order_by("pk"))
    scores = {job.pk: {"score": 81.5, "industry_match_percent": None, "reasoning": {}, "analysis": "Strong."} for job in jobs}
    # then each list and detail serializer gives exactly what DRF's own field-by-field walk gives
    for cls, context in (
        (job_serializers.JobSerializer, {}),
        (job_serializers.JobWithMatchSerializer, {"career_impacts": scores}),
        (job_serializers.JobDetailSerializer, {}),
        (job_serializers.JobDetailWithMatchSerializer, {"career_impacts": scores}),
    ):
        serializer = cls(context=context)
        for job in jobs:
            assert serializer.to_representation(job) == serializers.Serializer.to_representation(serializer, job), cls
