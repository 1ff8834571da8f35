"""Reads for jobs. Every queryset is scoped to what the viewer may see before any lookup."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from accounts.models import User
from careerhub.selectors import get_or_404
from jobs.models import CompanyBoard, CompanyWatch, Job, ScrapeLog, ScrapeTrigger
from jobs.search import apply_search, clean_search_text

# Columns the list never shows: left in the table, not read.
_LIST_DEFERRED = ("raw_data", "dedupe_key", "updated_at", "created_at")


def _visible_jobs(viewer: User | AnonymousUser | None) -> QuerySet[Job]:
    """Scraped jobs for everyone; a user-submitted job only for its owner."""
    if viewer is not None and viewer.is_authenticated:
        return Job.objects.filter(Q(owner__isnull=True) | Q(owner=viewer))
    return Job.objects.filter(owner__isnull=True)


def job_list(
    *,
    viewer: User | AnonymousUser | None,
    search: str = "",
    source: str | None = None,
    remote_type: str | None = None,
    job_type: str | None = None,
    min_salary: int | None = None,
    max_salary: int | None = None,
) -> QuerySet[Job]:
    """Seed 004 `GET /jobs`: ranked by relevance when searching, newest scraped first otherwise.

    A posting seen on two boards is listed once (duplicates are linked to the first one).
    Salary filters keep jobs whose range reaches the bound; jobs without a salary drop out.
    """
    jobs = _visible_jobs(viewer).filter(duplicate_of__isnull=True).defer(*_LIST_DEFERRED)
    if source:
        jobs = jobs.filter(source=source)
    if remote_type:
        jobs = jobs.filter(remote_type=remote_type)
    if job_type:
        jobs = jobs.filter(job_type=job_type)
    if min_salary is not None:
        jobs = jobs.alias(salary_top=Coalesce("salary_max", "salary_min")).filter(salary_top__gte=min_salary)
    if max_salary is not None:
        jobs = jobs.alias(salary_bottom=Coalesce("salary_min", "salary_max")).filter(salary_bottom__lte=max_salary)
    text = clean_search_text(search)
    if text:
        return apply_search(jobs, text)
    return jobs.order_by("-scraped_at", "-id")


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
