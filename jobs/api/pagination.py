"""Seed 004's envelope for `GET /jobs`, with the total counted by a scalar subquery.

`careerhub.api.pagination.envelope` counts with a window function, which makes PostgreSQL
buffer every matching row — whole rows, descriptions included — before it can return the
first one. With 100,000 jobs that is most of the cost of a page (bench/search.py). Here the
page and its total are still one statement, but the total is an uncorrelated subquery that
PostgreSQL runs once, reading the index instead of carrying full rows through a window.
"""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, QuerySet, Subquery

from careerhub.api.pagination import EnvelopePagination, query_int, query_limit


def _count_of(queryset: QuerySet) -> Subquery:
    # A plain COUNT() Func, not the Count aggregate: no GROUP BY, one row.
    counted = queryset.order_by().annotate(_count=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Subquery(counted.values("_count")[:1], output_field=IntegerField())


class JobsEnvelopePagination(EnvelopePagination):
    items_key = "jobs"
    default_limit = 50

    def paginate_queryset(self, queryset, request, view=None):
        self.limit = query_limit(request, self.default_limit)
        self.offset = query_int(request, "offset", 0, minimum=0)
        page = list(queryset.annotate(_total=_count_of(queryset))[self.offset : self.offset + self.limit])
        if page:
            self.total = page[0]._total
        else:
            self.total = queryset.count() if self.offset else 0
        return page
