"""`GET /jobs` at 100,000 and 1,000,000 jobs through the full stack, each query against its raw SQL.

The stack is the deployed one: gunicorn (production settings, one sync worker) on PostgreSQL and a
throwaway Redis, anonymous requests over loopback HTTP, one at a time (c=1). Per query, two figures
in the same run, interleaved request by request:

  * endpoint: `GET /api/v1/jobs?...` — routing, middleware, the selector (rum-ranked search, filters,
    the bounded total and, above JOBS_EXACT_TOTAL_UP_TO, the planner's estimate), DRF, JSON;
  * raw SQL: the page's statement exactly as the endpoint sends it (the page, one row past it and
    the bounded count), through a cursor in this process: what the database alone costs.

Jobs are generated (bench/_synthetic.py) and loaded with COPY; the second level adds 900,000 more.
Targets (issue 19): p95 ≤ 30 ms at 100,000 jobs and ≤ 50 ms at 1,000,000.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode

TITLE = "Job search (`GET /jobs?search=`) at 100,000 and 1,000,000 jobs (full stack)"

LEVELS = [(100_000, 30.0, 100), (1_000_000, 50.0, 60)]  # (jobs, p95 target in ms, timed requests per query)
QUICK_LEVELS = [(10_000, 30.0, 40), (100_000, 30.0, 40)]
WARMUP = 5
# The web role's work_mem for the benchmark's database (the server default is 4MB).
WORK_MEM = "64MB"

QUERIES = [
    ("word + filters", {"search": "python", "remote_type": "full", "min_salary": "100000"}),
    ("three words", {"search": "senior backend engineer"}),
    ("no search, deep page", {"offset": "5000"}),
    ("a rarer word", {"search": "kubernetes"}),
    ("a word in 28 % of jobs", {"search": "engineer"}),
]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _get(port: int, params: dict) -> tuple[float, int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", f"/api/v1/jobs?{urlencode(params)}")
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, response.status, body


def _statements(call) -> list[tuple[str, tuple]]:
    """The SQL statements (with their parameters) `call()` sends, in order."""
    from django.db import connection

    sent: list[tuple[str, tuple]] = []

    def capture(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        call()
    return sent


def _sql_of(params: dict) -> list[tuple[str, tuple]]:
    """The statements the endpoint sends for these parameters: the planner's estimates (EXPLAIN) and the
    page, as one in-process request sends them (anonymous, like the benchmark's requests)."""
    from django.test import Client

    return _statements(lambda: Client().get("/api/v1/jobs", params))


def _results_of(params: dict):
    """The endpoint's results for these parameters (validated as the view validates them; query
    parameters are text: a plain dict would be read as JSON types)."""
    from django.http import QueryDict

    from jobs import selectors
    from jobs.api.serializers.jobs import JobListQuerySerializer

    query = JobListQuerySerializer(data=QueryDict(urlencode({k: v for k, v in params.items() if k != "offset"})))
    query.is_valid(raise_exception=True)
    filters = {key: value for key, value in query.validated_data.items() if value not in ("", None)}
    return selectors.job_results(viewer=None, **filters)


def _every_match_ranked_sql(params: dict) -> list[tuple[str, tuple]] | None:
    """For a search, the statements of the same page with every match ranked (the plan before the window)."""
    from jobs import search

    results = _results_of(params)
    if not isinstance(results, search.RankedSearch):
        return None
    return _statements(
        lambda: results.page(offset=0, limit=50, estimate=results.estimate(), bound=None, plan=search.ALL)
    )


def _plan_of(params: dict) -> str:
    from jobs import search

    results = _results_of(params)
    if not isinstance(results, search.RankedSearch):
        return "newest-first index"
    plan = results.plan(estimate=results.estimate())
    return {
        search.ALL: "every match ranked (rum index order)" if results.ranking == search.RUM else "every match ranked (ts_rank)",
        search.SCAN: "window: newest-first scan",
        search.COLLECT: "window: matches collected",
    }[plan]


def _time_sql(cursor, statements: list[tuple[str, tuple]]) -> float:
    started = time.perf_counter()
    for sql, params in statements:
        cursor.execute(sql, params)
        cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def _measure_level(port: int, samples: int) -> list[dict]:
    from django.db import connection

    results = []
    with connection.cursor() as cursor:
        for label, params in QUERIES:
            statements = _sql_of(params)
            ranked_all = _every_match_ranked_sql(params)
            endpoint, raw, every, body = [], [], [], b""
            for i in range(WARMUP + samples):
                took, status, body = _get(port, params)
                assert status == 200, body[:300]
                raw_took = _time_sql(cursor, statements)
                every_took = _time_sql(cursor, ranked_all) if ranked_all else None
                if i >= WARMUP:
                    endpoint.append(took)
                    raw.append(raw_took)
                    if every_took is not None:
                        every.append(every_took)
            page = json.loads(body)
            results.append({
                "label": label, "params": params, "endpoint": _percentiles(endpoint), "raw": _percentiles(raw),
                "every": _percentiles(every) if every else None, "statements": len(statements),
                "total": page["total"], "estimate": page["total_is_estimate"], "rows": len(page["jobs"]),
                "plan": _plan_of(params),
            })
            r = results[-1]
            every_text = f", every match ranked {r['every'][0]:.1f}/{r['every'][1]:.1f}" if r["every"] else ""
            print(f"[bench] search:   {label}: endpoint p50/p95 {r['endpoint'][0]:.1f}/{r['endpoint'][1]:.1f} ms, "
                  f"raw SQL {r['raw'][0]:.1f}/{r['raw'][1]:.1f}{every_text}, total {r['total']:,}"
                  f"{' (estimate)' if r['estimate'] else ''}, {r['plan']}", flush=True)
    return results


def _share(cursor, word: str) -> float:
    cursor.execute(
        "SELECT count(*) FILTER (WHERE search_vector @@ websearch_to_tsquery('english', %s))::float / count(*) FROM jobs_job", [word]
    )
    return cursor.fetchone()[0]


def run(context) -> str:
    from django.db import connection

    from bench import _synthetic
    from careerhub.tests.hardening import loadstack
    from jobs.search import forget_search_ranking, search_ranking

    levels = QUICK_LEVELS if context.quick else LEVELS
    with connection.cursor() as cursor:
        # rum sorts every match inside the index; above work_mem that sort spills to disk (docs/scaling.md).
        cursor.execute(f"ALTER DATABASE {connection.ops.quote_name(connection.settings_dict['NAME'])} SET work_mem = '{WORK_MEM}'")
    report, loaded = [], 0
    for jobs, target, samples in levels:
        before = os.getloadavg()[0]
        print(f"[bench] search: loading {jobs - loaded:,} more jobs (COPY) to reach {jobs:,}", flush=True)
        timings = _synthetic.load_jobs(jobs - loaded, seed=20241218 + loaded, prefix=f"bench{loaded}")
        loaded = jobs
        forget_search_ranking()
        with connection.cursor() as cursor:
            shares = {word: _share(cursor, word) for word in ("engineer", "python", "kubernetes")}
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('jobs_job')), pg_size_pretty(pg_relation_size('job_search_vector_rum'))")
            table_size, rum_size = cursor.fetchone()
        with ExitStack() as stack:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="careerhub-search.")))
            redis = stack.enter_context(loadstack.redis_server(workdir))
            environment = loadstack.stack_environment(
                database=loadstack.database_url(), redis=redis, workdir=workdir, signing_key=loadstack.signing_key(),
            )
            server = stack.enter_context(loadstack.gunicorn(environment=environment, workdir=workdir, workers=1))
            port = int(server.url.rsplit(":", 1)[1])
            print(f"[bench] search: {jobs:,} jobs, ranking path {search_ranking()}", flush=True)
            results = _measure_level(port, samples)
            errors = server.server_errors()
        assert errors == [], errors[:5]
        report.append({
            "jobs": jobs, "target": target, "samples": samples, "results": results, "load": (before, os.getloadavg()[0]),
            "timings": timings, "shares": shares, "table_size": table_size, "rum_size": rum_size, "ranking": search_ranking(),
        })
    return _report(report, context)


def _report(levels: list[dict], context) -> str:
    from django.conf import settings

    lines = [
        f"## {TITLE}",
        "",
        "gunicorn (production settings, one sync worker) on PostgreSQL and Redis, anonymous requests over loopback HTTP,",
        "one at a time (c=1), a new connection each; the default page of 50. Per query, three figures alternate request by",
        f"request after {WARMUP} warm-up rounds: the **endpoint**; its **raw SQL**, every statement the endpoint sends for that",
        "page (the planner's estimates by EXPLAIN, then the page, with a count bounded at JOBS_EXACT_TOTAL_UP_TO = 1,000",
        "when the estimate is within 2× of it), run through a cursor in the benchmark's process; and, for a search, the",
        "same page with **every match ranked** (the rum index's order, the plan before the ranked window), as SQL.",
        f"The plan is the one jobs/search.py chose from the estimates (JOBS_SEARCH_RANKED_WINDOW = {settings.JOBS_SEARCH_RANKED_WINDOW}).",
        "Jobs generated by `bench/_synthetic.py` (~50 titles over 20 role families, ~150-word",
        "descriptions mixing common and rare words, 3–6 skill tags, 60 % with a salary, twelve locations) and loaded with COPY,",
        f"the table's secondary indexes dropped and rebuilt around it. The database's `work_mem` is {WORK_MEM}.",
        "",
    ]
    for level in levels:
        timings = level["timings"]
        before, after = level["load"]
        lines += [
            f"### {level['jobs']:,} jobs",
            "",
            f"Loaded in {timings['total']:.0f} s (COPY with PostgreSQL computing every search vector {timings['copy']:.0f} s, "
            f"index builds {timings['index']:.0f} s, VACUUM ANALYZE {timings['vacuum']:.0f} s); table with indexes "
            f"{level['table_size']}, the rum index {level['rum_size']}. Ranking path: **{level['ranking']}**. Share of jobs "
            + ", ".join(f"matching `{word}`: {share:.0%}" for word, share in level["shares"].items())
            + f". Machine load (1-minute average) {before:.1f} before and {after:.1f} after, on {os.cpu_count()} CPUs "
            "(above the CPU count, other work shared the machine: the milliseconds are inflated, the ratios much less so).",
            "",
            f"Milliseconds, {level['samples']} requests per query:",
            "",
            f"| query | parameters | total | plan | endpoint p50 / p95 | raw SQL p50 / p95 | endpoint ÷ SQL (p95) "
            f"| every match ranked, SQL p50 / p95 | ranked ÷ plan (p95) | p95 ≤ {level['target']:.0f} ms |",
            "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | :---: |",
        ]
        for r in level["results"]:
            (e50, e95), (s50, s95) = r["endpoint"], r["raw"]
            total = f"~{r['total']:,} (estimate)" if r["estimate"] else f"{r['total']:,}"
            every = f"{r['every'][0]:.1f} / {r['every'][1]:.1f} | {r['every'][1] / s95:.1f}×" if r["every"] else "– | –"
            lines.append(
                f"| {r['label']} | `{'&'.join(f'{k}={v}' for k, v in r['params'].items())}` | {total} | {r['plan']} "
                f"| {e50:.1f} / {e95:.1f} | {s50:.1f} / {s95:.1f} | **{e95 / s95:.1f}×** | {every} "
                f"| {'met' if e95 <= level['target'] else 'missed'} |"
            )
        met = all(r["endpoint"][1] <= level["target"] for r in level["results"])
        lines += ["", f"**p95 ≤ {level['target']:.0f} ms at {level['jobs']:,} jobs: {'met' if met else 'missed'}.**", ""]
    return "\n".join(lines + WHY)


WHY = [
    "### Why these numbers",
    "",
    "- Ranking every match is what cost: rum computes the distance of every match of the words inside its index and",
    "  sorts them before the first row (the *every match ranked* column), so a word in 28 % of 1,000,000 jobs is 270,000",
    "  distances per page, and filters are checked only after that. A page no longer waits for that: jobs/search.py",
    "  picks, from the planner's estimates, between ranking every match (few matches, or one word in a few percent of",
    "  the jobs, which rum ranks cheaply), and the *ranked window*: the JOBS_SEARCH_RANKED_WINDOW newest matches,",
    "  found by walking the newest-first index and checking each job against the query (about 200 ÷ share of jobs",
    "  matching rows, whatever the table's size), ranked, then the older matches newest first. So the common words",
    "  cost the same at 1,000,000 jobs as at 100,000, and the filters narrow the walk instead of following the ranking.",
    "- Three words: PostgreSQL estimates `senior & backend & engineer` as if the words were independent (3.5× short);",
    "  the estimate is corrected by that measured ratio, which sends it to the window at 1,000,000 jobs, where ranking",
    "  its 23,000 matches would cost more than the walk.",
    "- The total: the planner's estimate comes first (one EXPLAIN); above twice JOBS_EXACT_TOTAL_UP_TO it is the",
    "  total, flagged, with no count; below, the page's statement counts up to the bound. A deep page without a search",
    "  reads the 5,000 skipped keys from the newest-first index alone (it carries the owner: an index-only scan).",
    "- The endpoint adds HTTP (a new connection per request), Django's middleware, DRF, serialising 50 jobs with",
    "  their descriptions (FastReadMixin: DRF's generic walk was 7 ms of it) and JSON to its SQL: about 8–13 ms here,",
    "  more at the p95 when the other CPU is busy (the benchmark shared the 2 CPUs with the fan-out's benchmark).",
    "",
]
