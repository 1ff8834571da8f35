"""The two list dialects of the seeds (DESIGN §2).

* Seed 003 lists take `skip`/`limit` and answer a plain JSON array.
* Seed 004 lists take `limit`/`offset` and answer `{<items>: [...], total, limit, offset, has_more}`.

In both, `limit` above API_MAX_PAGE_SIZE is clamped to it (documented on the parameter),
and a negative or non-integer value is a 400.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import connections
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from drf_spectacular.utils import OpenApiParameter
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from careerhub.api import serializers

# Offsets past any real row count are all the same empty page; clamping keeps them inside the
# database's 64-bit integers (PostgreSQL rejects a larger OFFSET).
MAX_OFFSET = 10**15


def max_page_size() -> int:
    return settings.API_MAX_PAGE_SIZE


def query_int(request, name: str, default: int, *, minimum: int) -> int:
    """An integer query parameter: absent → `default`; blank, repeated or not an integer → 400."""
    values = request.query_params.getlist(name)
    if not values:
        return default
    if len(values) > 1:
        raise serializers.ValidationError({name: ["Give this parameter once."]})
    raw = values[0]
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise serializers.ValidationError({name: [f"A valid integer is required (>= {minimum})."]}) from None
    if value < minimum:
        raise serializers.ValidationError({name: [f"Ensure this value is greater than or equal to {minimum}."]})
    return value


def query_offset(request, name: str = "offset") -> int:
    """A `skip`/`offset`: past any real row count every offset is the same empty page, so it
    is clamped to MAX_OFFSET, which keeps it inside the database's 64-bit integers."""
    return min(query_int(request, name, 0, minimum=0), MAX_OFFSET)


def query_limit(request, default: int) -> int:
    return min(query_int(request, "limit", default, minimum=1), max_page_size())


def _int_parameter(name: str, default: int, minimum: int, description: str) -> dict:
    return {
        "name": name,
        "required": False,
        "in": "query",
        "description": description,
        "schema": {"type": "integer", "minimum": minimum, "default": default},
    }


def limit_parameter(default: int, description: str) -> OpenApiParameter:
    """The schema of a `limit` read with `query_limit` outside a pagination class (its bounds included)."""
    return OpenApiParameter("limit", {"type": "integer", "minimum": 1, "default": default}, description=description)


class SkipLimitPagination(BasePagination):
    """Seed 003: `?skip=&limit=` → a plain array."""

    default_limit = 100

    def paginate_queryset(self, queryset, request, view=None):
        skip = query_offset(request, "skip")
        limit = query_limit(request, self.default_limit)
        return list(queryset[skip : skip + limit])

    def get_paginated_response(self, data):
        return Response(data)

    def get_paginated_response_schema(self, schema):
        return schema

    def get_schema_operation_parameters(self, view):
        return [
            _int_parameter("skip", 0, 0, "Number of items to skip."),
            _int_parameter(
                "limit", self.default_limit, 1, f"Maximum number of items (values above {max_page_size()} are clamped)."
            ),
        ]


def skip_limit(default_limit: int) -> type[SkipLimitPagination]:
    """A SkipLimitPagination with the seed's default page size for one endpoint."""
    return type(f"SkipLimit{default_limit}Pagination", (SkipLimitPagination,), {"default_limit": default_limit})


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

    def __init__(self, queryset: QuerySet, bound: int):
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


def bounded_page(queryset: QuerySet, *, offset: int, limit: int, bound: int) -> QuerySet:
    """The statement of a page with a bounded total: `limit` + 1 rows from `offset` (the extra one says
    whether more follow), each annotated with `paging_total`, the count of at most `bound` + 1 rows."""
    window = slice(offset, offset + limit + 1)
    if offset >= DEFERRED_JOIN_FROM_OFFSET:
        # A deep page: the rows skipped are read as keys only (an index-only scan where the order
        # has an index), and only the page's rows are read whole.
        return queryset.filter(pk__in=queryset.values("pk")[window]).annotate(paging_total=BoundedCount(queryset, bound))
    return queryset.annotate(paging_total=BoundedCount(queryset, bound))[window]


class EnvelopePagination(BasePagination):
    """Seed 004: `?limit=&offset=` → `{<items_key>: [...], total, limit, offset, has_more}`.

    The page and its total come from one statement: the total is a scalar subquery
    (`count_subquery`), which reads the index once instead of carrying every matching row
    through a window function as `COUNT(*) OVER ()` would (bench/search.py measured the
    difference). Only an empty page past the end costs a second COUNT, and querysets that
    group or de-duplicate rows are counted separately.

    With `exact_total_setting` (the name of a setting holding a bound) the total stops costing a
    full count: the statement counts at most bound + 1 rows (`BoundedCount`) and reads one row
    past the page, so `has_more` is always exact. The total is exact when the page is the last
    one (offset + its rows) or when at most `bound` rows match; above the bound it is the
    planner's estimate (`planner_row_estimate`, a second, cheap query: EXPLAIN, never run), never
    less than what the page proves, and the response adds `total_is_estimate: true`. Such an
    envelope always carries `total_is_estimate` (always false on SQLite, which counts exactly).
    """

    items_key = "items"
    default_limit = 50
    exact_total_setting: str | None = None

    def paginate_queryset(self, queryset, request, view=None):
        self.limit = query_limit(request, self.default_limit)
        self.offset = query_offset(request)
        window = slice(self.offset, self.offset + self.limit)
        self.total_is_estimate = False
        self.has_more = None
        if not isinstance(queryset, QuerySet):
            self.total = len(queryset)
            return list(queryset[window])
        if queryset.query.distinct or queryset.query.group_by is not None:
            self.total = queryset.count()
            return list(queryset[window])
        if self.exact_total_setting is not None and connections[queryset.db].vendor == "postgresql":
            return self._paginate_with_bounded_total(queryset, getattr(settings, self.exact_total_setting))
        page = list(queryset.annotate(paging_total=count_subquery(queryset))[window])
        if page:
            self.total = page[0].paging_total
        else:
            self.total = queryset.count() if self.offset else 0
        return page

    def _paginate_with_bounded_total(self, queryset: QuerySet, bound: int) -> list:
        rows = list(bounded_page(queryset, offset=self.offset, limit=self.limit, bound=bound))
        page = rows[: self.limit]
        self.has_more = len(rows) > self.limit
        if page and not self.has_more:
            self.total = self.offset + len(page)  # the last page: the total is known exactly
            return page
        if page:
            counted = page[0].paging_total
        elif self.offset:
            counted = queryset.order_by().values("pk")[: bound + 1].count()
        else:
            counted = 0
        if counted <= bound:
            self.total = counted
            return page
        estimate = max(planner_row_estimate(queryset), bound + 1)
        # Never below what the page proves; past the end (an empty page) never above the offset.
        self.total = max(estimate, self.offset + len(page) + 1) if page else min(estimate, self.offset)
        self.total_is_estimate = True
        return page

    def get_paginated_response(self, data):
        body = {
            self.items_key: data,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "has_more": self.has_more if self.has_more is not None else self.offset + len(data) < self.total,
        }
        if self.exact_total_setting is not None:
            body["total_is_estimate"] = self.total_is_estimate
        return Response(body)

    def get_paginated_response_schema(self, schema):
        envelope = {
            "type": "object",
            "required": [self.items_key, "total", "limit", "offset", "has_more"],
            # The examples let drf-spectacular wrap an endpoint's item example in the envelope.
            "properties": {
                self.items_key: schema,
                "total": {"type": "integer", "example": 1},
                "limit": {"type": "integer", "example": self.default_limit},
                "offset": {"type": "integer", "example": 0},
                "has_more": {"type": "boolean", "example": False},
            },
        }
        if self.exact_total_setting is not None:
            bound = getattr(settings, self.exact_total_setting)
            envelope["required"].append("total_is_estimate")
            envelope["properties"]["total"]["description"] = (
                f"Exact up to {bound:,} items (and on the last page); above, PostgreSQL's estimate."
            )
            envelope["properties"]["total_is_estimate"] = {
                "type": "boolean",
                "description": f"true when more than {bound:,} items match and `total` is an estimate.",
                "example": False,
            }
        return envelope

    def get_schema_operation_parameters(self, view):
        return [
            _int_parameter(
                "limit", self.default_limit, 1, f"Page size (values above {max_page_size()} are clamped)."
            ),
            _int_parameter("offset", 0, 0, "Number of items to skip."),
        ]


def envelope(items_key: str, default_limit: int = 50, *, exact_total_setting: str | None = None) -> type[EnvelopePagination]:
    """An EnvelopePagination naming its list (`jobs`, `matches`, ...) as the seed does; with
    `exact_total_setting`, a total exact up to that setting's bound, then estimated (flagged)."""
    return type(
        f"{items_key.title().replace('_', '')}EnvelopePagination",
        (EnvelopePagination,),
        {"items_key": items_key, "default_limit": default_limit, "exact_total_setting": exact_total_setting},
    )
