"""Reads for jobs. Every queryset is scoped to what the viewer may see before any lookup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from accounts.models import User
from careerhub.selectors import get_or_404
from jobs.models import Job, ScrapeLog
from jobs.search import apply_search, clean_search_text

# Columns the list never shows: left in the table, not read.
_LIST_DEFERRED = ("raw_data", "dedupe_key", "updated_at", "created_at")


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
    # Salary filters keep jobs whose range reaches the bound; jobs without a salary drop out.
    "min_salary": lambda jobs, value: jobs.alias(salary_top=Coalesce("salary_max", "salary_min")).filter(salary_top__gte=value),
    "max_salary": lambda jobs, value: jobs.alias(salary_bottom=Coalesce("salary_min", "salary_max")).filter(
        salary_bottom__lte=value
    ),
}


def job_list(*, viewer: User | AnonymousUser | None, search: str = "", **filters: Any) -> QuerySet[Job]:
    """Seed 004 `GET /jobs`: ranked by relevance when searching (jobs.search), newest scraped first otherwise.

    `filters` are JOB_LIST_FILTERS by name; a value of None or "" is no filter. A posting seen on
    two boards is listed once (duplicates are linked to the first one).
    """
    jobs = _visible_jobs(viewer).filter(duplicate_of__isnull=True).defer(*_LIST_DEFERRED)
    for name, value in filters.items():
        if value not in (None, ""):
            jobs = JOB_LIST_FILTERS[name](jobs, value)
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
    latest = ScrapeLog.objects.filter(parent__isnull=True).prefetch_related("children").order_by("-created_at", "-id")[:1]
    return get_or_404(latest, detail="No scrape has run yet.")
