"""Search at scale (issue 19): the rum path and the GIN path, detection at run time, and a total
that stops costing a full count. Correctness only; the speed is bench/search.py's."""

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from jobs import search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="ranked search is PostgreSQL's"),
]

URL = "/api/v1/jobs"

QUERIES = [
    {"search": "python"},
    {"search": "senior backend engineer"},
    {"search": '"machine learning"'},
    {"search": "python -django"},
    {"search": "kubernetes or terraform"},
    {"search": "python", "remote_type": "full", "min_salary": "100000"},
    {"search": "engineer", "job_type": "contract"},
    {"search": "nothing-matches-this"},
]


@pytest.fixture(autouse=True)
def _fresh_detection():
    search.forget_search_ranking()
    yield
    search.forget_search_ranking()


@pytest.fixture
def catalogue(make_job):
    """Forty jobs mixing the queried words across title, tags and description, filters and dates."""
    now = timezone.now()
    rows = [
        ("Senior Backend Engineer", ["Python", "Django"], "Build APIs in Python.", "remote", "full_time", 120_000),
        ("Backend Engineer", ["Go"], "Services for senior customers.", "hybrid", "full_time", 90_000),
        ("Machine Learning Engineer", ["Python", "PyTorch"], "Machine learning in production.", "remote", "contract", 150_000),
        ("Data Scientist", ["Python"], "Learning machine shop skills helps.", "onsite", "full_time", None),
        ("DevOps Engineer", ["Kubernetes", "Terraform"], "Run Kubernetes clusters.", "remote", "contract", 130_000),
        ("Site Reliability Engineer", ["Terraform"], "On call for the platform.", "remote", "full_time", 110_000),
        ("Office Manager", [], "Sometimes writes Python scripts.", "onsite", "part_time", 50_000),
        ("Python Developer", ["Django"], "A Django shop.", "remote", "full_time", 100_000),
    ]
    for n in range(5):
        for k, (title, tags, description, mode, kind, salary) in enumerate(rows):
            make_job(
                title=title, tags=tags, description=description, remote_type=mode, job_type=kind,
                salary_min=salary, salary_max=salary, salary_currency="USD" if salary else "",
                scraped_at=now - timedelta(hours=n * 10 + k),
            )


def _all_results(client, params: dict) -> tuple[list[int], dict]:
    body = client.get(URL, {**params, "limit": 200}).json()
    assert body["has_more"] is False
    return [job["id"] for job in body["jobs"]], body


def test_the_migrated_test_database_ranks_with_the_rum_index():
    # given the machine's postgresql-15-rum (the test command installs it)
    # then migration 0013 built the index and search detects it
    assert search.search_ranking() == search.RUM
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [search.RUM_INDEX])
        assert "USING rum (search_vector)" in cursor.fetchone()[0]  # rum_tsvector_ops, the default


@pytest.mark.parametrize("params", QUERIES, ids=[str(q) for q in QUERIES])
def test_the_rum_path_finds_exactly_the_jobs_the_gin_path_finds(api_client, catalogue, settings, params):
    # given the same catalogue, searched by each path
    rum_ids, rum_first = _all_results(api_client, params)
    settings.JOBS_SEARCH_RANKING = "gin"
    gin_ids, gin_first = _all_results(api_client, params)
    # then the same jobs, each once, with the same total
    assert sorted(rum_ids) == sorted(gin_ids)
    assert len(set(rum_ids)) == len(rum_ids)
    assert rum_first["total"] == gin_first["total"] == len(rum_ids)


def test_both_paths_rank_a_title_match_above_a_tag_match_above_a_description_match(api_client, make_job, settings):
    # given the word in a description only (newest), in a tag, and in the title (oldest)
    now = timezone.now()
    make_job(title="Office Manager", tags=[], description="Keeps the Kubernetes wiki tidy.", scraped_at=now)
    make_job(title="Platform Engineer", tags=["Kubernetes"], description="Clusters.", scraped_at=now - timedelta(days=1))
    make_job(title="Kubernetes Administrator", tags=[], description="Clusters.", scraped_at=now - timedelta(days=2))
    expected = ["Kubernetes Administrator", "Platform Engineer", "Office Manager"]
    # when searched through each path
    rum = [job["title"] for job in api_client.get(URL, {"search": "kubernetes"}).json()["jobs"]]
    settings.JOBS_SEARCH_RANKING = "gin"
    gin = [job["title"] for job in api_client.get(URL, {"search": "kubernetes"}).json()["jobs"]]
    # then
    assert rum == gin == expected


def test_the_rum_index_serves_the_order_with_the_filters_checked_on_its_rows(catalogue):
    from jobs import selectors

    # given a plan where the table is too small to matter (as it is at 100,000 jobs)
    jobs = selectors.job_list(viewer=None, search="python", remote_type="remote", min_salary=100_000)
    sql, params = jobs[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # then one index scan returns rows in rank order (no Sort node) and the filters are a Filter on it
    assert f"Index Scan using {search.RUM_INDEX}" in plan
    assert "Order By: (search_vector <=> " in plan
    assert "Sort" not in plan
    assert "remote_type" in plan.split("Filter:", 1)[1]


def test_without_the_rum_index_search_falls_back_to_gin_and_says_so_once(api_client, catalogue, caplog):
    # given a server where the index is missing (dropped inside the test's transaction)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {search.RUM_INDEX}")
    # when two searches run
    with caplog.at_level(logging.INFO, logger="jobs.search"):
        first = api_client.get(URL, {"search": "python"}).json()
        second = api_client.get(URL, {"search": "kubernetes"}).json()
    # then GIN ranks them, newest first among equals, and the logs say it once
    assert search.search_ranking() == search.GIN
    assert first["total"] == 25 and second["total"] == 5
    warnings = [record for record in caplog.records if "no rum index" in record.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


def test_the_rum_path_is_detected_once_and_said_in_the_logs_once(api_client, catalogue, caplog, django_assert_num_queries):
    # given a fresh process (nothing detected yet)
    with caplog.at_level(logging.INFO, logger="jobs.search"):
        # 1: the catalogue check, 2: the page with its bounded total
        with django_assert_num_queries(2):
            api_client.get(URL, {"search": "python"})
        # then later searches cost the page alone
        with django_assert_num_queries(1):
            api_client.get(URL, {"search": "kubernetes"})
    assert [record.getMessage() for record in caplog.records].count(
        f"Job search ranks with the rum index {search.RUM_INDEX} (ORDER BY search_vector <=> query)."
    ) == 1


# --- The total -----------------------------------------------------------------------------------


def test_a_total_within_the_bound_is_exact_from_the_one_statement(api_client, catalogue, settings, django_assert_num_queries):
    # given 25 jobs mentioning python and a bound of 25
    settings.JOBS_EXACT_TOTAL_UP_TO = 25
    search.search_ranking()
    # when a first page of 5 is asked for
    # 1: the page, one row past it, and its total counted up to 26 rows
    with django_assert_num_queries(1):
        body = api_client.get(URL, {"search": "python", "limit": 5}).json()
    # then the total is exact and says so
    assert (body["total"], body["total_is_estimate"], body["has_more"], len(body["jobs"])) == (25, False, True, 5)


def test_above_the_bound_the_total_is_the_planners_estimate_and_flagged(api_client, catalogue, settings, django_assert_num_queries):
    # given 25 jobs mentioning python and a bound of 10
    settings.JOBS_EXACT_TOTAL_UP_TO = 10
    search.search_ranking()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")
    # when a first page of 5 is asked for
    # 1: the page with its total counted up to 11 rows, 2: EXPLAIN of the search (the estimate)
    with django_assert_num_queries(2):
        body = api_client.get(URL, {"search": "python", "limit": 5}).json()
    # then an estimate, flagged, never below what the page proves
    assert body["total_is_estimate"] is True
    assert body["total"] >= 11 and body["has_more"] is True


def test_the_last_page_knows_its_total_exactly_whatever_the_bound(api_client, catalogue, settings):
    settings.JOBS_EXACT_TOTAL_UP_TO = 3
    body = api_client.get(URL, {"search": "python", "limit": 5, "offset": 20}).json()
    assert (body["total"], body["total_is_estimate"], body["has_more"], len(body["jobs"])) == (25, False, False, 5)


def test_an_empty_page_past_the_end_never_claims_more_than_its_offset(api_client, catalogue, settings):
    # given 25 matches, a bound of 3 and an offset of 30
    settings.JOBS_EXACT_TOTAL_UP_TO = 3
    body = api_client.get(URL, {"search": "python", "offset": 30}).json()
    # then an estimate between the bound and the offset
    assert body["jobs"] == [] and body["has_more"] is False
    assert body["total_is_estimate"] is True and 4 <= body["total"] <= 30
    # and within the bound, an empty page past the end counts exactly
    settings.JOBS_EXACT_TOTAL_UP_TO = 1000
    body = api_client.get(URL, {"search": "python", "offset": 30}).json()
    assert (body["total"], body["total_is_estimate"]) == (25, False)


def test_the_schema_documents_the_estimate_flag(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    ref = schema["paths"]["/api/v1/jobs"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    response = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert "total_is_estimate" in response["required"]
    assert response["properties"]["total_is_estimate"]["type"] == "boolean"
