"""Full-text search over jobs (DESIGN §4).

PostgreSQL keeps `jobs_job.search_vector` up to date itself: a stored generated column
(migration 0002) with the weights below and a GIN index. The selector matches it with
`websearch_to_tsquery`, which accepts any user input (quotes, `-`, `or`, stray operators)
without a syntax error, and ranks with `ts_rank`. On SQLite the same selector falls back to
a case-insensitive contains-match of every word.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.expressions import Col, Expression, RawSQL
from django.db.models.functions import Cast
from django.db.models.sql import Query

SEARCH_CONFIG = "english"
# Longer queries are cut here: enough for any real search, bounded work for the parser.
MAX_SEARCH_LENGTH = 200
MAX_FALLBACK_WORDS = 8

# The weighted document, exactly as the generated column computes it (migration 0002).
# Title A, company and tags B, description C.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(tags, '[]'::jsonb)), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')"
)


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def clean_search_text(raw: str | None) -> str:
    """Trimmed, without NUL or control characters (PostgreSQL rejects NUL), bounded in length."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    text = " ".join(text.split())
    if len(text) > MAX_SEARCH_LENGTH:
        text = text[:MAX_SEARCH_LENGTH].rsplit(" ", 1)[0] or text[:MAX_SEARCH_LENGTH]
    return text


class StoredSearchVector(Expression):
    """`search_vector`, the column PostgreSQL maintains (not a model field, so SQLite can do without it).

    It resolves to a real column reference on the query's base table, so it follows the table
    when Django re-aliases it inside a subquery (the total count of a page).
    """

    output_field = SearchVectorField()

    def resolve_expression(
        self,
        query: Query | None = None,
        allow_joins: bool = True,
        reuse: set[str] | None = None,
        summarize: bool = False,
        for_save: bool = False,
    ) -> Col:
        from jobs.models import Job

        column = SearchVectorField()
        column.set_attributes_from_name("search_vector")
        column.model = Job
        return Col(query.get_initial_alias(), column, output_field=SearchVectorField())


def _vector_expression() -> Expression:
    """The stored column, or (when JOBS_SEARCH_STORED_VECTOR is off) the same document computed per row.

    The computed form exists so the benchmark can measure what the stored column and its
    index buy, in one run, through the same endpoint. Its column names are unqualified, so
    inside a subquery they name the subquery's own table.
    """
    if getattr(settings, "JOBS_SEARCH_STORED_VECTOR", True):
        return StoredSearchVector()
    return RawSQL(f"({SEARCH_VECTOR_SQL})", [], output_field=SearchVectorField())


def apply_search(queryset: QuerySet, text: str) -> QuerySet:
    """Filter `queryset` to jobs matching `text`, most relevant first (newest first among equals)."""
    if uses_postgres_search():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        vector = _vector_expression()
        return (
            queryset.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-scraped_at", "-id")
        )
    return _apply_contains_search(queryset, text)


def _apply_contains_search(queryset: QuerySet, text: str) -> QuerySet:
    words = [word.strip("\"'()") for word in text.split()]
    words = [word for word in words if word and word.lower() not in {"or", "and"} and not word.startswith("-")]
    queryset = queryset.alias(tags_text=Cast("tags", TextField()))
    for word in words[:MAX_FALLBACK_WORDS]:
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(company__icontains=word) | Q(tags_text__icontains=word) | Q(description__icontains=word)
        )
    return queryset.order_by("-scraped_at", "-id")
