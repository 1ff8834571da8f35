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

**Paging without ranking every match** (`RankedSearch`, what `GET /jobs` pages through). Both
paths above rank *every* match before the first row: a word in a quarter of a million jobs is a
quarter of a million distances per page (bench/search.py measured ~120 ms). So a page is fetched
by one of three plans, chosen per request from the planner's estimates (one EXPLAIN of the
matches, one of the filtered jobs) and a cost per row measured by bench/search.py:

* **all** — every match ranked, as above (rum's index order, or ts_rank on the GIN path): exact,
  and cheapest when the matches are few (or, with rum, one word in at most a few percent of jobs);
* **collect** and **scan** — the *ranked window*: the JOBS_SEARCH_RANKED_WINDOW newest matches,
  ranked by the same function, then the older matches newest first. *collect* gathers every
  match through the full-text index and keeps the newest (cheap when they are few); *scan* walks
  the newest-first index and checks each job against the query until the window is full (cheap
  when the matches are many: its cost is the window divided by the share of jobs that match,
  whatever the size of the table).

When the matches fit in the window, every plan returns the same order: every match, ranked.
"""

from __future__ import annotations

import logging
from functools import cached_property

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, FloatField, Func, Q, QuerySet, TextField
from django.db.models.expressions import Col, Expression, RawSQL
from django.db.models.functions import Cast
from django.db.models.sql import Query

from careerhub.paging import bounded_page, planner_row_estimate

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


class TextMatch(Func):
    """`ts_match_vq(search_vector, query)`: the `@@` test written as the function behind the operator.

    No index serves a function call, so PostgreSQL checks it on each row another index returns:
    the *scan* plan's way to walk the newest-first index instead of gathering every match.
    """

    function = "ts_match_vq"
    output_field = BooleanField()


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


# The plans RankedSearch chooses between (module docstring).
ALL, COLLECT, SCAN = "all", "collect", "scan"
# Microseconds per row on the benchmark machine (bench/search.py, docs/performance.md): rum ranking
# one match of a one-word query inside its index, and of a query of several words (it walks every
# word's posting list); collecting one match from the heap; checking one job of the newest-first
# scan against the query (reading its search vector).
RUM_ONE_WORD_COST, RUM_WORDS_COST, COLLECT_COST, SCAN_COST = 0.4, 3.5, 5.0, 5.0
# PostgreSQL estimates "a & b & c" as if the words were independent; in postings they are not
# (senior, backend and engineer come together): it was 3.5× short on the benchmark's jobs, at 100,000
# and at 1,000,000 (641 for 2,460 matches; 6,705 for 23,496).
AND_UNDERESTIMATE = 3.5


class RankedSearch:
    """The jobs matching a search, with the list's filters, paged most relevant first (`EstimatedPages`).

    `filtered` is the list before the search (visible jobs, filters, their columns). A page is read
    by the cheapest plan for the planner's estimate of the matches (module docstring); `counted`
    is what the total counts.
    """

    def __init__(self, filtered: QuerySet, text: str, *, unfiltered: QuerySet | None = None) -> None:
        self.filtered = filtered
        # The visible jobs before the list's filters (None: there are none): rum ranks every match of
        # the words, filtered or not, before it checks a filter.
        self.unfiltered = unfiltered
        self.text = text
        self.ranking = search_ranking()
        self.query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        self.counted = filtered.alias(document=StoredSearchVector()).filter(document=self.query)

    def ranked(self) -> QuerySet:
        """Every match, most relevant first (`apply_search`)."""
        return apply_search(self.filtered, self.text)

    @cached_property
    def several_words(self) -> bool:
        """More than one word, all required (no `or`, no `-word`): what the planner estimates short."""
        words = self.text.lower().split()
        return len(words) > 1 and "or" not in words and not any(word.startswith("-") for word in words)

    def estimate(self) -> int:
        """How many jobs match: the planner's estimate (one EXPLAIN), corrected for words that come together."""
        return round(planner_row_estimate(self.counted) * (AND_UNDERESTIMATE if self.several_words else 1))

    def plan(self, *, estimate: int) -> str:
        """ALL, COLLECT or SCAN: the cheapest for `estimate` (`self.estimate()`) matches among the filtered jobs."""
        window = settings.JOBS_SEARCH_RANKED_WINDOW
        if estimate <= window:
            return ALL
        matches = estimate
        jobs = max(planner_row_estimate(self.filtered), matches, 1)
        costs = {COLLECT: COLLECT_COST * matches, SCAN: SCAN_COST * window * jobs / matches}
        if self.ranking == RUM:
            # rum ranks the words' matches among all visible jobs, the filters' share of them included.
            everyone = planner_row_estimate(self.unfiltered) if self.unfiltered is not None else jobs
            ranked = matches * max(everyone, jobs) / jobs
            costs[ALL] = (RUM_WORDS_COST if self.several_words else RUM_ONE_WORD_COST) * ranked
        return min(costs, key=costs.__getitem__)

    def page(self, *, offset: int, limit: int, estimate: int, bound: int | None, plan: str | None = None) -> list:
        """`limit` + 1 rows from `offset` by the plan for `estimate` (EstimatedPages), or by `plan` when
        given (the tests and bench/search.py compare the plans on the same search)."""
        plan = plan or self.plan(estimate=estimate)
        if plan == ALL:
            return list(bounded_page(self.ranked(), offset=offset, limit=limit, bound=bound))
        return self._window_page(offset=offset, wanted=limit + 1, scan=plan == SCAN)

    def _newest(self, *, scan: bool) -> QuerySet:
        """The matches, newest first: read from the newest-first index and checked one by one (`scan`),
        or gathered through the full-text index and sorted."""
        if scan:
            return self.filtered.filter(TextMatch(StoredSearchVector(), self.query)).order_by("-first_seen_at", "-id")
        return self.counted.order_by("-first_seen_at", "-id")

    def _window_page(self, *, offset: int, wanted: int, scan: bool) -> list:
        """Rows [offset, offset + wanted) of: the window's matches ranked, then the older ones newest first."""
        window = settings.JOBS_SEARCH_RANKED_WINDOW
        newest = self._newest(scan=scan)
        rows: list = []
        if offset < window:
            end = min(offset + wanted, window)
            in_window = self.filtered.filter(pk__in=newest.values("pk")[:window])
            if self.ranking == RUM:
                ranked = in_window.annotate(distance=RumDistance(StoredSearchVector(), self.query)).order_by(
                    "distance", "-first_seen_at", "-id"
                )
            else:
                ranked = in_window.annotate(rank=SearchRank(StoredSearchVector(), self.query)).order_by(
                    "-rank", "-first_seen_at", "-id"
                )
            rows = list(ranked[offset:end])
            if len(rows) < end - offset:
                return rows  # fewer matches than the window holds: nothing older follows
        missing = wanted - len(rows)
        if missing > 0:
            rows += list(bounded_page(newest, offset=max(offset, window), limit=missing - 1, bound=None))
        return rows


def search_results(filtered: QuerySet, text: str, *, unfiltered: QuerySet | None = None) -> RankedSearch | QuerySet:
    """What `GET /jobs` pages through for a search: a RankedSearch on PostgreSQL, else the ranked queryset.
    `unfiltered`: the visible jobs before the list's filters, when it has any."""
    if search_ranking() == CONTAINS or not getattr(settings, "JOBS_SEARCH_STORED_VECTOR", True):
        return apply_search(filtered, text)
    return RankedSearch(filtered, text, unfiltered=unfiltered)
