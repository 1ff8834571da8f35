"""The two list dialects of the seeds (DESIGN §2).

* Seed 003 lists take `skip`/`limit` and answer a plain JSON array.
* Seed 004 lists take `limit`/`offset` and answer `{<items>: [...], total, limit, offset, has_more}`.

In both, `limit` above API_MAX_PAGE_SIZE is clamped to it (documented on the parameter),
and a negative or non-integer value is a 400.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from careerhub.api import serializers
from careerhub.paging import EstimatedPages, count_subquery, page_with_bounded_total

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


class EnvelopePagination(BasePagination):
    """Seed 004: `?limit=&offset=` → `{<items_key>: [...], total, limit, offset, has_more}`.

    The page and its total come from one statement: the total is a scalar subquery
    (`count_subquery`), which reads the index once instead of carrying every matching row
    through a window function as `COUNT(*) OVER ()` would (bench/search.py measured the
    difference). Only an empty page past the end costs a second COUNT, and querysets that
    group or de-duplicate rows are counted separately.

    With `exact_total_setting` (the name of a setting holding a bound) the total stops costing a
    full count on PostgreSQL (`careerhub.paging.page_with_bounded_total`: exact up to the bound and on
    the last page, the planner's estimate above, flagged with `total_is_estimate: true`; `has_more`
    always exact). Such an envelope always carries `total_is_estimate` (always false on SQLite, which
    counts exactly). The results may be a queryset or `EstimatedPages` (a search that reads each page
    by the plan its estimate calls for).
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
        if self.exact_total_setting is not None and not isinstance(queryset, (QuerySet, list)):
            return self._paginate_with_bounded_total(queryset, getattr(settings, self.exact_total_setting))
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

    def _paginate_with_bounded_total(self, results: QuerySet | EstimatedPages, bound: int) -> list:
        page = page_with_bounded_total(results, offset=self.offset, limit=self.limit, bound=bound)
        self.total, self.total_is_estimate, self.has_more = page.total, page.total_is_estimate, page.has_more
        return page.rows

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
