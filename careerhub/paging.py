"""Paging a queryset on PostgreSQL without counting every row (the API's list envelopes and job search).

A page and its total usually come from one statement (`count_subquery`). Where counting every row
is what costs (a search matching a quarter of the jobs), the count stops at a bound
(`BoundedCount`) and above it the planner's estimate stands in (`planner_row_estimate`).
"""

from __future__ import annotations

import json

from django.db import connections
from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_subquery(queryset: QuerySet) -> Subquery:
    """COUNT(*) of a queryset as an uncorrelated scalar subquery PostgreSQL runs once.

    A plain COUNT() Func rather than the Count aggregate, so no GROUP BY is added.
    """
    counted = queryset.order_by().annotate(_count=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Subquery(counted.values("_count")[:1], output_field=IntegerField())


# From this offset on, a page with a bounded total is fetched as its keys first (see below).
DEFERRED_JOIN_FROM_OFFSET = 500


class BoundedCount(Subquery):
    """COUNT(*) of at most `bound` + 1 rows of a queryset, as a scalar subquery: the cost stops at
    the bound however many rows match (a LIMIT inside, so PostgreSQL stops reading there)."""

    template = "(SELECT count(*) FROM (%(subquery)s) AS bounded)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet, bound: int) -> None:
        super().__init__(queryset.order_by().values("pk")[: bound + 1])


def planner_row_estimate(queryset: QuerySet) -> int:
    """How many rows PostgreSQL's planner expects the queryset to return (one EXPLAIN, no execution).

    It comes from the table's statistics (ANALYZE, autovacuum): the most common values of each
    column and, for a tsvector, of its lexemes; conditions on different columns are taken as
    independent. Good to a few percent for one common word, rougher for combinations.
    """
    query = queryset.order_by().values("pk")
    sql, params = query.query.get_compiler(using=query.db).as_sql()
    with connections[query.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def bounded_page(queryset: QuerySet, *, offset: int, limit: int, bound: int | None) -> QuerySet:
    """The statement of a page: `limit` + 1 rows from `offset` (the extra one says whether more follow),
    each annotated with `paging_total`, the count of at most `bound` + 1 rows, unless `bound` is None."""
    window = slice(offset, offset + limit + 1)
    if offset >= DEFERRED_JOIN_FROM_OFFSET:
        # A deep page: the rows skipped are read as keys only (an index-only scan where the order
        # has an index), and only the page's rows are read whole.
        queryset = queryset.filter(pk__in=queryset.values("pk")[window])
        window = slice(None)
    if bound is not None:
        queryset = queryset.annotate(paging_total=BoundedCount(queryset, bound))
    return queryset[window]


def bounded_count(queryset: QuerySet, bound: int) -> int:
    """How many rows the queryset has, counting at most `bound` + 1 of them (one statement)."""
    return queryset.order_by().values("pk")[: bound + 1].count()
