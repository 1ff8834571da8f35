"""Reads for jobs. Every queryset is scoped to what the viewer may see before any lookup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from accounts.models import User
from careerhub.paging import BoundedPage, page_with_bounded_total
from careerhub.selectors import get_or_404
from jobs.matching.career_impact import career_impacts
from jobs.matching.selectors import candidate_get
from jobs.models import CompanyBoard, CompanyWatch, Job, SavedSearch, ScrapeLog, ScrapeTrigger
from jobs.search import RankedSearch, apply_search, clean_search_text, search_results

# Columns the list never shows: left in the table, not read.
_LIST_DEFERRED = ("raw_data", "dedupe_key", "repost_key", "updated_at", "created_at")

# GET /jobs?sort=: relevance (the search's ranking; newest first without a search) or newest.
SORT_RELEVANCE, SORT_NEWEST = "relevance", "newest"
JOB_SORTS = (SORT_RELEVANCE, SORT_NEWEST)
NEWEST_FIRST = ("-first_seen_at", "-id")


def _visible_jobs(viewer: User | AnonymousUser | None) -> QuerySet[Job]:
    """Scraped jobs for everyone; a user-submitted job only for its owner."""
    if viewer is not None and viewer.is_authenticated:
        return Job.objects.filter(Q(owner__isnull=True) | Q(owner=viewer))
    return Job.objects.filter(owner__isnull=True)


# GET /jobs filters: query parameter -> how it narrows the list. A filter is a WHERE condition on
# the jobs table; with a search, PostgreSQL checks it on rows as the rum index returns them in
# rank order, so a new filter keeps the ranking (and its index) without further work.
JOB_LIST_FILTERS: dict[str, Callable[[QuerySet[Job], Any], QuerySet[Job]]] = {
    "source": lambda jobs, value: jobs.filter(source=value),
    "remote_type": lambda jobs, value: jobs.filter(remote_type=value),
    "job_type": lambda jobs, value: jobs.filter(job_type=value),
    # A case-insensitive part of the posting's location.
    "location": lambda jobs, value: jobs.filter(location__icontains=value),
    # Salary filters keep jobs whose range reaches the bound; jobs without a salary drop out.
    "min_salary": lambda jobs, value: jobs.alias(salary_top=Coalesce("salary_max", "salary_min")).filter(salary_top__gte=value),
    "max_salary": lambda jobs, value: jobs.alias(salary_bottom=Coalesce("salary_min", "salary_max")).filter(
        salary_bottom__lte=value
    ),
}


def job_list(
    *,
    viewer: User | AnonymousUser | None,
    search: str = "",
    include_closed: bool = False,
    sort: str = SORT_RELEVANCE,
    **filters: Any,
) -> QuerySet[Job]:
    """Seed 004 `GET /jobs`: ranked by relevance when searching (jobs.search), newest first otherwise
    (or newest first whatever the search with `sort="newest"`: first seen last first).

    `filters` are JOB_LIST_FILTERS by name; a value of None or "" is no filter. A posting seen on
    two boards is listed once (duplicates are linked to the first one). Closed postings are left
    out unless `include_closed`. With a search, every match is ranked: `job_results` pages a
    search without that.
    """
    jobs = _filtered_jobs(viewer=viewer, include_closed=include_closed, filters=filters)
    text = clean_search_text(search)
    if text:
        jobs = apply_search(jobs, text)
        return jobs.order_by(*NEWEST_FIRST) if sort == SORT_NEWEST else jobs
    return jobs.order_by(*NEWEST_FIRST)


def job_results(
    *,
    viewer: User | AnonymousUser | None,
    search: str = "",
    include_closed: bool = False,
    sort: str = SORT_RELEVANCE,
    **filters: Any,
) -> QuerySet[Job] | RankedSearch:
    """`job_list` as `GET /jobs` pages it: a search by relevance is a RankedSearch, which reads each page
    by the cheapest plan for how many jobs match (jobs.search), so a common word costs no more than a rare one."""
    text = clean_search_text(search)
    if not text or sort == SORT_NEWEST:
        return job_list(viewer=viewer, search=text, include_closed=include_closed, sort=sort, **filters)
    filtered = _filtered_jobs(viewer=viewer, include_closed=include_closed, filters=filters)
    if not any(value not in (None, "") for value in filters.values()):
        return search_results(filtered, text)
    return search_results(filtered, text, unfiltered=_filtered_jobs(viewer=viewer, include_closed=include_closed, filters={}))


def _filtered_jobs(*, viewer: User | AnonymousUser | None, include_closed: bool, filters: dict[str, Any]) -> QuerySet[Job]:
    jobs = _visible_jobs(viewer).filter(duplicate_of__isnull=True).defer(*_LIST_DEFERRED)
    if not include_closed:
        jobs = jobs.filter(closed_at__isnull=True)
    for name, value in filters.items():
        if value not in (None, ""):
            jobs = JOB_LIST_FILTERS[name](jobs, value)
    return jobs


def job_get(*, viewer: User | AnonymousUser | None, job_id: int) -> Job:
    return get_or_404(_visible_jobs(viewer), detail="Job not found.", pk=job_id)


def user_job_list(*, user: User) -> QuerySet[Job]:
    """The jobs the user pasted in, newest first: the scope every lookup of one of them starts from."""
    return Job.objects.filter(owner=user).defer("raw_data", "dedupe_key").order_by("-created_at", "-id")


def scrape_log_latest_get() -> ScrapeLog:
    """The most recent run (a parent row, or a lone source run), with its per-source rows."""
    # A run of one company board (someone watched it) is not a run of the sources.
    latest = (
        ScrapeLog.objects.filter(parent__isnull=True)
        .exclude(trigger=ScrapeTrigger.BOARD)
        .prefetch_related("children")
        .order_by("-created_at", "-id")[:1]
    )
    return get_or_404(latest, detail="No scrape has run yet.")


# --- Saved searches ------------------------------------------------------------------------------

# The keyword arguments of job_list a saved search's query may hold (its `query` keys).
SAVED_QUERY_FILTERS = (
    "search", "source", "remote_type", "job_type", "location", "min_salary", "max_salary", "include_closed", "sort",
)
# With a minimum match score, at most this many of the query's jobs (in its order) are scored.
SCORED_RESULTS_LIMIT = 1000


def saved_search_list(*, user: User) -> QuerySet[SavedSearch]:
    """The user's saved searches, oldest first: the scope every lookup of one of them starts from."""
    return SavedSearch.objects.filter(user=user).select_related("user").order_by("created_at", "id")


def saved_search_job_list(*, search: SavedSearch) -> QuerySet[Job]:
    """The jobs the search's query finds now, as GET /jobs would list them for its owner."""
    filters = {key: value for key, value in (search.query or {}).items() if key in SAVED_QUERY_FILTERS}
    return job_list(viewer=search.user, **filters)


@dataclass(frozen=True)
class ScoredJobs:
    """A page of jobs, how many there are in all, and the user's score for each job of the page (job id → impact)."""

    jobs: list[Job]
    total: int
    scores: dict[Any, dict[str, Any]]
    has_more: bool
    total_is_estimate: bool = False


def saved_search_result_list(*, search: SavedSearch, limit: int, offset: int) -> ScoredJobs:
    """`GET /saved-searches/{id}/results`: the query's jobs with the owner's score for each.

    Paged as GET /jobs pages them (on PostgreSQL a total exact up to JOBS_EXACT_TOTAL_UP_TO, then
    the estimate, and a search by relevance read by the plan its estimate calls for). With
    `min_match_score` only the jobs scoring at least that stay: the first SCORED_RESULTS_LIMIT jobs
    of the query are scored (in one batch, cached) and filtered.
    """
    candidate = candidate_get(user_id=search.user_id)
    if search.min_match_score is None or candidate is None:
        page = _results_page(saved_search_job_results(search=search), offset=offset, limit=limit)
        scores = career_impacts(candidate=candidate, jobs=page.rows) if candidate is not None else {}
        return ScoredJobs(
            jobs=page.rows, total=page.total, scores=scores, has_more=page.has_more, total_is_estimate=page.total_is_estimate
        )
    scanned = list(saved_search_job_list(search=search)[:SCORED_RESULTS_LIMIT])
    scores = career_impacts(candidate=candidate, jobs=scanned)
    kept = [job for job in scanned if scores[job.pk]["score"] >= search.min_match_score]
    page = kept[offset : offset + limit]
    return ScoredJobs(
        jobs=page, total=len(kept), scores={job.pk: scores[job.pk] for job in page}, has_more=offset + len(page) < len(kept)
    )


def saved_search_job_results(*, search: SavedSearch) -> QuerySet[Job] | RankedSearch:
    """`saved_search_job_list` as a page of it is read (`job_results`)."""
    filters = {key: value for key, value in (search.query or {}).items() if key in SAVED_QUERY_FILTERS}
    return job_results(viewer=search.user, **filters)


def _results_page(results: QuerySet[Job] | RankedSearch, *, offset: int, limit: int) -> BoundedPage:
    """A page of `job_results` and its total as GET /jobs counts it (exactly on SQLite, which has no planner estimate)."""
    if connection.vendor == "postgresql":
        return page_with_bounded_total(results, offset=offset, limit=limit, bound=settings.JOBS_EXACT_TOTAL_UP_TO)
    total = results.count()
    rows = list(results[offset : offset + limit])
    return BoundedPage(rows=rows, total=total, total_is_estimate=False, has_more=offset + len(rows) < total)


# --- Watched company boards ------------------------------------------------------------------


def company_board_tokens_watched(*, ats: str) -> list[str]:
    """The tokens of the boards on `ats` to scrape: watched by someone and not turned off by an operator."""
    watched = CompanyWatch.objects.filter(board=OuterRef("pk"))
    return list(
        CompanyBoard.objects.filter(Exists(watched), ats=ats, is_active=True).order_by("id").values_list("board", flat=True)
    )


def _board_job_count() -> Coalesce:
    """How many scraped jobs careerhub holds from a watch's board: one subquery in the list's own query.

    A board's postings are stored with source = its ATS and source_id = "<token>:<job id>"; the
    token is compared in any case, as boards are.
    """
    jobs = (
        Job.objects.filter(
            owner__isnull=True,
            source=OuterRef("board__ats"),
            source_id__istartswith=Concat(OuterRef("board__board"), Value(":")),
        )
        .order_by()
        .values("source")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(jobs[:1]), 0)


def company_watch_list(*, user: User) -> QuerySet[CompanyWatch]:
    """The companies the user follows, newest first, each with its board and `job_count`."""
    return (
        CompanyWatch.objects.filter(user=user)
        .select_related("board")
        .annotate(job_count=_board_job_count())
        .order_by("-created_at", "-id")
    )


def company_watch_get(*, user: User, watch_id: Any) -> CompanyWatch:
    return get_or_404(company_watch_list(user=user), detail="Company not found.", pk=watch_id)


def scrape_log_latest_per_source() -> dict[str, ScrapeLog]:
    """Each source's latest run (a run's per-source row, or a run of that source alone), by source name."""
    latest_ids = (
        ScrapeLog.objects.exclude(source=ScrapeLog.ALL_SOURCES).values("source").annotate(latest=Max("id")).values("latest")
    )
    return {log.source: log for log in ScrapeLog.objects.filter(pk__in=latest_ids)}
