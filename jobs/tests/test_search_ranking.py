"""Search at scale (issue 19): the rum path and the GIN path, detection at run time, and a total
that stops costing a full count. Correctness only; the speed is bench/search.py's."""

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
        # 1: the catalogue check, 2: the planner's estimate, 3: the page with its bounded total
        with django_assert_num_queries(3):
            api_client.get(URL, {"search": "python"})
        # then later searches cost the estimate and the page
        with django_assert_num_queries(2):
            api_client.get(URL, {"search": "kubernetes"})
    assert [record.getMessage() for record in caplog.records].count(
        f"Job search ranks with the rum index {search.RUM_INDEX} (ORDER BY search_vector <=> query)."
    ) == 1


# --- The total -----------------------------------------------------------------------------------


def test_a_total_within_the_bound_is_exact_from_the_page_statement(api_client, catalogue, settings, django_assert_num_queries):
    # given 25 jobs mentioning python and a bound of 25
    settings.JOBS_EXACT_TOTAL_UP_TO = 25
    search.search_ranking()
    # when a first page of 5 is asked for
    # 1: the planner's estimate (EXPLAIN), 2: the page, one row past it, and its total counted up to 26 rows
    with django_assert_num_queries(2):
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
    # 1: EXPLAIN of the search (the estimate), 2: the page (no count: 25 is more than twice the bound)
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


# --- Paging without ranking every match ----------------------------------------------------------


def _results(text: str, **filters) -> search.RankedSearch:
    from jobs import selectors

    results = selectors.job_results(viewer=None, search=text, **filters)
    assert isinstance(results, search.RankedSearch)
    return results


def _pages(results: search.RankedSearch, plan: str, *, size: int) -> list[int]:
    """Every page of `size`, fetched one by one by `plan`, as ids in order."""
    ids: list[int] = []
    while True:
        rows = results.page(offset=len(ids), limit=size, estimate=10**6, bound=None, plan=plan)
        ids += [job.pk for job in rows[:size]]
        if len(rows) <= size:
            return ids


@pytest.mark.parametrize("plan", [search.COLLECT, search.SCAN])
def test_a_window_ranks_the_newest_matches_then_lists_the_older_ones_newest_first(catalogue, settings, plan):
    # given a window of 7 jobs and "engineer" in 25 of the catalogue's 40 jobs
    settings.JOBS_SEARCH_RANKED_WINDOW = 7
    results = _results("engineer")
    newest_first = list(results.counted.order_by("-first_seen_at", "-id").values_list("pk", flat=True))
    distance = dict(
        results.counted.annotate(d=search.RumDistance(search.StoredSearchVector(), results.query)).values_list("pk", "d")
    )
    # when every page of 4 is read (pages 2 and 3 straddle the window's end)
    ids = _pages(results, plan, size=4)
    # then each match once: the 7 newest ranked (newest first among equal distances), then the rest newest first
    window = sorted(newest_first[:7], key=lambda pk: (distance[pk], newest_first.index(pk)))
    assert len(newest_first) == 25
    assert ids == window + newest_first[7:]


def test_every_plan_gives_the_same_order_when_the_matches_fit_in_the_window(catalogue, settings):
    # given a window larger than the 25 matches of "python"
    settings.JOBS_SEARCH_RANKED_WINDOW = 100
    results = _results("python")
    # then the window holds every match, so it is "every match, ranked" as the rum index ranks them
    by_plan = {plan: _pages(results, plan, size=6) for plan in (search.ALL, search.COLLECT, search.SCAN)}
    assert len(by_plan[search.ALL]) == 25
    distance = dict(
        results.counted.annotate(d=search.RumDistance(search.StoredSearchVector(), results.query)).values_list("pk", "d")
    )
    assert [distance[pk] for pk in by_plan[search.ALL]] == sorted(distance.values())
    assert by_plan[search.COLLECT] == by_plan[search.SCAN]
    assert [distance[pk] for pk in by_plan[search.COLLECT]] == [distance[pk] for pk in by_plan[search.ALL]]


@pytest.mark.parametrize("plan", [search.COLLECT, search.SCAN])
def test_a_window_keeps_the_filters_and_the_web_search_syntax(catalogue, settings, plan):
    # given a small window and queries with filters, a phrase, an exclusion and an "or"
    settings.JOBS_SEARCH_RANKED_WINDOW = 3
    for params in QUERIES:
        filters = {key: value for key, value in params.items() if key != "search"}
        if "remote_type" in filters:
            filters["remote_type"] = "remote"
        if "job_type" in filters:
            filters["job_type"] = "contract"
        if "min_salary" in filters:
            filters["min_salary"] = int(filters["min_salary"])
        results = _results(params["search"], **filters)
        # then the jobs found are exactly the jobs that match, each once
        ids = _pages(results, plan, size=2)
        assert sorted(ids) == sorted(results.counted.values_list("pk", flat=True)), params


def test_the_plan_follows_the_estimates(catalogue, settings, monkeypatch):
    # given a table the planner believes holds 100,000 jobs, and a window of 200
    settings.JOBS_SEARCH_RANKED_WINDOW = 200
    monkeypatch.setattr(search, "planner_row_estimate", lambda queryset: 100_000)
    one_word, three_words = _results("engineer"), _results("senior backend engineer")
    # few matches: rank them all (the window would hold them anyway)
    assert one_word.plan(estimate=150) == search.ALL
    # one word in 5 % of the jobs: rum ranks them inside its index
    assert one_word.plan(estimate=5_000) == search.ALL
    # a word in a quarter of them: the newest 200 are among the first thousand jobs of the newest-first index
    assert one_word.plan(estimate=25_000) == search.SCAN
    # three words: rum walks each word's posting list, still cheaper than the scan at this size
    assert three_words.plan(estimate=2_243) == search.ALL
    # without rum: a thousand matches are gathered, a quarter of the table is scanned for
    settings.JOBS_SEARCH_RANKING = "gin"
    assert _results("engineer").plan(estimate=1_000) == search.COLLECT
    assert _results("engineer").plan(estimate=25_000) == search.SCAN


def test_a_common_word_in_a_large_table_scans_the_newest_first_index(catalogue, settings, monkeypatch):
    # given a table the planner believes holds a million jobs
    settings.JOBS_SEARCH_RANKED_WINDOW = 200
    monkeypatch.setattr(search, "planner_row_estimate", lambda queryset: 1_000_000)
    # then a word in a quarter of them walks the newest jobs instead of ranking 250,000 matches
    assert _results("engineer").plan(estimate=250_000) == search.SCAN
    # and so do three common words
    assert _results("senior backend engineer").plan(estimate=23_450) == search.SCAN
    # while a rare word's few thousand matches are ranked in the rum index
    assert _results("kubernetes").plan(estimate=5_000) == search.ALL


def test_rum_is_charged_for_every_match_of_the_words_not_only_the_filtered_ones(catalogue, settings, monkeypatch):
    # given 100,000 visible jobs of which the filters keep 10,000, and 5,000 filtered matches of one word
    settings.JOBS_SEARCH_RANKED_WINDOW = 200
    monkeypatch.setattr(search, "planner_row_estimate", lambda qs: 10_000 if '"remote_type" = ' in str(qs.query) else 100_000)
    # then rum would rank 50,000 matches before checking a filter, where the scan reads 400 jobs
    assert _results("python", remote_type="remote").plan(estimate=5_000) == search.SCAN
    # while without the filter the same 5,000 matches are ranked in the index
    assert _results("python").plan(estimate=5_000) == search.ALL


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_scan_reads_the_newest_first_index_and_checks_each_job(catalogue, user, signed_in):
    from jobs import selectors

    # given the scan's statement for an anonymous and a signed-in viewer (who also sees their pasted jobs)
    results = selectors.job_results(viewer=user if signed_in else None, search="engineer")
    newest = results.filtered.filter(search.TextMatch(search.StoredSearchVector(), results.query))
    sql, params = newest.order_by("-first_seen_at", "-id").values("pk")[:200].query.sql_with_params()
    with connection.cursor() as cursor:
        # (a table of 40 jobs is sorted in memory: plan as for a large one)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # then no full-text index is read: the newest-first index, and the query checked on each row
    assert "job_open_first_seen_idx" in plan
    assert "ts_match_vq" in plan
    assert search.RUM_INDEX not in plan and "job_search_vector_gin" not in plan


def test_a_page_past_the_window_reads_the_older_matches_newest_first(api_client, catalogue, settings, monkeypatch):
    # given a window of 5 and a search the planner believes matches a million jobs
    settings.JOBS_SEARCH_RANKED_WINDOW = 5
    monkeypatch.setattr(search.RankedSearch, "plan", lambda self, estimate: search.SCAN)
    everything = [job["id"] for job in api_client.get(URL, {"search": "engineer", "limit": 100}).json()["jobs"]]
    # when pages of 4 are read through the API
    pages = [api_client.get(URL, {"search": "engineer", "limit": 4, "offset": offset}).json() for offset in range(0, 32, 4)]
    # then they add up to the one long page, and the last one knows the total
    assert [job["id"] for page in pages for job in page["jobs"]] == everything
    assert len(everything) == 25
    assert pages[-2]["has_more"] is False and pages[-2]["total"] == 25


def test_far_above_the_bound_the_estimate_stands_without_counting(api_client, catalogue, settings, django_assert_num_queries):
    # given 25 jobs mentioning python and a bound of 2: the estimate is more than twice the bound
    settings.JOBS_EXACT_TOTAL_UP_TO = 2
    search.search_ranking()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")
    # when a first page of 5 is asked for
    with CaptureQueriesContext(connection) as queries:
        body = api_client.get(URL, {"search": "python", "limit": 5}).json()
    # then 1: the estimate, 2: the page, with no count in it
    assert len(queries) == 2
    assert "count(" not in queries[1]["sql"].lower()
    assert body["total_is_estimate"] is True and body["total"] >= 6 and body["has_more"] is True


def test_the_estimate_of_words_that_must_all_appear_is_corrected(catalogue, monkeypatch):
    # given a planner estimating 1,000 matches for any search
    monkeypatch.setattr(search, "planner_row_estimate", lambda queryset: 1_000)
    # then words that must all appear are estimated 3.5 × higher (they come together in postings)
    assert _results("senior backend engineer").estimate() == 3_500
    # and one word, an alternative or an exclusion as the planner says
    assert [_results(text).estimate() for text in ("python", "kubernetes or terraform", "python -django")] == [1_000] * 3
