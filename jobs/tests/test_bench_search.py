"""The search benchmark's requests stay valid as the API evolves (bench/search.py).

The benchmark runs for minutes on 100,000 jobs, outside the suite; this keeps its query set
and its SQL floor (the endpoint's own queryset) from rotting unnoticed between runs.
"""

import pytest

from bench import search as search_bench

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("label", "params"), search_bench.QUERIES, ids=[label for label, _ in search_bench.QUERIES])
def test_each_benchmarked_query_is_a_valid_request_with_a_sql_floor(label, params, api_client):
    assert api_client.get("/api/v1/jobs", params).status_code == 200
    statements = search_bench._sql_of(params)
    assert statements[0][0].startswith("EXPLAIN") and "jobs_job" in statements[-1][0]
    assert search_bench._plan_of(params)
