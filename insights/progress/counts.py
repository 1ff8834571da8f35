"""Per-user counts as correlated subqueries, so many counts cost one query on the user row."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, QuerySet, Subquery


class SubqueryCount(Subquery):
    """`(SELECT COUNT(*) FROM (<queryset>))` as an integer expression."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet, **extra: Any) -> None:
        super().__init__(queryset.order_by().values("pk"), **extra)
