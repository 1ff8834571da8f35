"""Full-text search over jobs (DESIGN §4).

PostgreSQL keeps `jobs_job.search_vector` up to date itself: a stored generated column
(migration 0002) with the weights below. The selector matches it with `websearch_to_tsquery`,
which accepts any user input (quotes, `-`, `or`, stray operators) without a syntax error, and
ranks by one of two paths, chosen at run time (`search_ranking`, detected once per process and
database, and logged once):

* **rum** — when the `rum` index exists (migration 0013 builds it where the server has the
  extension): `ORDER BY search_vector <=> query`, which the index serves. The index keeps every
  lexeme's positions, so the distance of each match is computed inside the index, without
  reading the row, and rows come out of the scan already in rank order: filters are checked on
  them as they come, the scan stops after the page. Jobs with the same distance come in the
  index's order (stable while the table is unchanged).
* **gin** — the stock GIN index finds the matches and `ts_rank` ranks each of them from its row
  (newest first among equals). A managed database without the extension runs this path; so does
  JOBS_SEARCH_RANKING=gin.

The two paths find exactly the same jobs; they rank with different functions of the same
weights (rum's distance is a cover-density rank, `ts_rank` counts occurrences), which agree on
what matters most — a title match above a company or tag match above a description match.
On SQLite the same selector falls back to a case-insensitive contains-match of every word.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import FloatField, Func, Q, QuerySet, TextField
from django.db.models.expressions import Col, Expression, RawSQL
from django.db.models.functions import Cast
from django.db.models.sql import Query

logger = logging.getLogger(__name__)

SEARCH_CONFIG = "english"
RUM, GIN, CONTAINS = "rum", "gin", "contains"
# Built by migration 0013 where the server has the extension; its presence selects the rum path.
RUM_INDEX = "job_search_vector_rum"
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


# database name -> the path its server supports, detected on first use.
_detected: dict[str, str] = {}


def _rum_index_ready() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_index JOIN pg_class ON pg_class.oid = pg_index.indexrelid "
            "WHERE pg_class.relname = %s AND pg_index.indisvalid AND pg_index.indrelid = 'jobs_job'::regclass)",
            [RUM_INDEX],
        )
        return bool(cursor.fetchone()[0])


def search_ranking() -> str:
    """`rum`, `gin` or `contains` (SQLite): how this database ranks a search.

    Detected once per process and database (one catalogue query) and said in the logs once;
    JOBS_SEARCH_RANKING=gin forces the GIN path. `forget_search_ranking()` detects again (after
    building or dropping the index without restarting).
    """
    if not uses_postgres_search():
        return CONTAINS
    if settings.JOBS_SEARCH_RANKING == GIN:
        return GIN
    name = connection.settings_dict["NAME"]
    if name not in _detected:
        _detected[name] = RUM if _rum_index_ready() else GIN
        if _detected[name] == RUM:
            logger.info("Job search ranks with the rum index %s (ORDER BY search_vector <=> query).", RUM_INDEX)
        else:
            logger.warning(
                "Job search: no rum index (the rum extension is not installed on this server), so every match is "
                "ranked with ts_rank over the GIN index; common words cost more (docs/performance.md)."
            )
    return _detected[name]


def forget_search_ranking() -> None:
    _detected.clear()


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


class RumDistance(Func):
    """`search_vector <=> query`: rum's distance (smaller is more relevant), served by the rum index."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def apply_search(queryset: QuerySet, text: str) -> QuerySet:
    """Filter `queryset` to jobs matching `text`, most relevant first (module docstring: the two paths)."""
    ranking = search_ranking()
    if ranking == CONTAINS:
        return _apply_contains_search(queryset, text)
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    vector = _vector_expression()
    matching = queryset.alias(document=vector).filter(document=query)
    if ranking == RUM and getattr(settings, "JOBS_SEARCH_STORED_VECTOR", True):
        # Nothing after the distance in ORDER BY: a tie-breaker would make PostgreSQL read every
        # match to sort the ties (one word often gives a handful of distinct distances).
        return matching.annotate(distance=RumDistance(vector, query)).order_by("distance")
    return matching.annotate(rank=SearchRank(vector, query)).order_by("-rank", "-scraped_at", "-id")


def _apply_contains_search(queryset: QuerySet, text: str) -> QuerySet:
    words = [word.strip("\"'()") for word in text.split()]
    words = [word for word in words if word and word.lower() not in {"or", "and"} and not word.startswith("-")]
    queryset = queryset.alias(tags_text=Cast("tags", TextField()))
    for word in words[:MAX_FALLBACK_WORDS]:
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(company__icontains=word) | Q(tags_text__icontains=word) | Q(description__icontains=word)
        )
    return queryset.order_by("-scraped_at", "-id")
