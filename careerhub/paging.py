"""Paging a queryset on PostgreSQL without counting every row (the API's list envelopes and job search).

A page and its total usually come from one statement (`count_subquery`). Where counting every row
is what costs (a search matching a quarter of the jobs), the count stops at a bound
(`BoundedCount`) and above it the planner's estimate stands in (`planner_row_estimate`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

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


# Above this many times the bound, the estimate is taken as it is, without counting up to the bound
# first: counting a thousand rows of a search was a third of its time (bench/search.py), and an
# estimate twice the bound is rarely wrong by that much (the total says it is an estimate anyway).
TRUSTED_ESTIMATE_FACTOR = 2


class EstimatedPages(Protocol):
    """Results that estimate how many they are and choose how to fetch a page from that estimate
    (`jobs.search.RankedSearch`): what `page_with_bounded_total` pages besides a plain queryset."""

    counted: QuerySet  # the rows the total counts, in no particular order

    def estimate(self) -> int:
        """How many rows there are, as the planner estimates (`planner_row_estimate`), or better."""

    def page(self, *, offset: int, limit: int, estimate: int, bound: int | None) -> list:
        """`limit` + 1 rows from `offset` (as `bounded_page`), annotated with `paging_total` when `bound` is given."""


@dataclass(frozen=True)
class BoundedPage:
    rows: list
    total: int
    total_is_estimate: bool
    has_more: bool


def page_with_bounded_total(results: QuerySet | EstimatedPages, *, offset: int, limit: int, bound: int) -> BoundedPage:
    """A page of `results` (PostgreSQL) with a total that never costs a full count.

    The planner's estimate comes first (one EXPLAIN, never run); the page is read with one row past
    it, so `has_more` is exact. The total is exact on the last page (offset + its rows) and when at
    most `bound` rows match: while the estimate is within TRUSTED_ESTIMATE_FACTOR × bound, the page's
    statement also counts at most bound + 1 rows (`BoundedCount`). Otherwise it is the estimate,
    never less than what the page proves (past the end, an empty page, never more than the offset).
    """
    counted = results if isinstance(results, QuerySet) else results.counted
    estimate = planner_row_estimate(counted) if isinstance(results, QuerySet) else results.estimate()
    count_bound = bound if estimate <= bound * TRUSTED_ESTIMATE_FACTOR else None
    if isinstance(results, QuerySet):
        rows = list(bounded_page(results, offset=offset, limit=limit, bound=count_bound))
    else:
        rows = results.page(offset=offset, limit=limit, estimate=estimate, bound=count_bound)
    page, has_more = rows[:limit], len(rows) > limit
    if page and not has_more:
        return BoundedPage(page, offset + len(page), False, False)  # the last page: the total is known exactly
    if count_bound is not None:
        counted_rows = getattr(page[0], "paging_total", None) if page else None
        if counted_rows is None:
            counted_rows = bounded_count(counted, bound) if page or offset else 0
        if counted_rows <= bound:
            return BoundedPage(page, counted_rows, False, has_more)
    estimate = max(estimate, bound + 1)
    total = max(estimate, offset + len(page) + 1) if page else min(estimate, offset)
    return BoundedPage(page, total, True, has_more)
