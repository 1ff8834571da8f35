"""Seed 004 "Jobs": the listing (with the signed-in viewer's score), a job, scraping runs."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import envelope
from careerhub.api.schema import error_response
from careerhub.api.throttles import JobsRefreshThrottle
from careerhub.vocabulary import AGENT, EMPLOYMENT_TYPES, WORK_MODES
from jobs import selectors
from jobs.api.serializers import jobs as s
from jobs.matching.career_impact import career_impacts
from jobs.matching.selectors import candidate_get
from jobs.models import JobSource, ScrapeLog, ScrapeStatus, ScrapeTrigger
from jobs.search import MAX_SEARCH_LENGTH
from jobs.selectors import JOB_SORTS
from jobs.services import scraping

JOB_LIST_PARAMETERS = [
    OpenApiParameter(
        "search",
        str,
        description=(
            "Full-text search over title, company, tags and description, ranked by relevance. Web-search syntax: "
            f'"exact phrase", -excluded, or. Longer than {MAX_SEARCH_LENGTH} characters is cut at a word.'
        ),
    ),
    OpenApiParameter("source", str, enum=JobSource.values, description="Only jobs from this source."),
    OpenApiParameter("remote_type", str, enum=WORK_MODES.allowed(AGENT), description="Work mode."),
    OpenApiParameter("job_type", str, enum=EMPLOYMENT_TYPES.allowed(AGENT), description="Employment type."),
    OpenApiParameter("location", str, description="Jobs whose location contains this (any case)."),
    OpenApiParameter("min_salary", int, description="Jobs whose salary range reaches at least this (jobs without a salary are left out)."),
    OpenApiParameter("max_salary", int, description="Jobs whose salary range starts at or below this."),
    OpenApiParameter(
        "include_closed", bool, description="Also list postings that have left their board (`freshness.status` closed). Default false."
    ),
    OpenApiParameter(
        "sort",
        str,
        enum=list(JOB_SORTS),
        description="relevance (default): the search's ranking, or newest first without a search; newest: first seen last, first.",
    ),
]


JOB_EXAMPLE = {
    "id": 4127,
    "source": "greenhouse",
    "source_id": "northwind-analytics:4012345",
    "url": "https://boards.greenhouse.io/northwind-analytics/jobs/4012345",
    "title": "Senior Backend Engineer",
    "company": "Northwind Analytics",
    "description": "Northwind builds analytics software. You will build APIs in Python and Django...",
    "salary_min": 90000,
    "salary_max": 110000,
    "salary_currency": "EUR",
    "location": "Amsterdam (Hybrid)",
    "remote_type": "hybrid",
    "job_type": "permanent",
    "tags": ["Python", "Django", "PostgreSQL"],
    "eligible_regions": ["Netherlands"],
    "visa_sponsorship": 1,
    "posted_at": "2026-12-01T09:00:00Z",
    "scraped_at": "2026-12-05T06:00:00Z",
}


def _viewer_scores(request, jobs) -> dict | None:
    """The signed-in viewer's career-impact scores for these jobs (one batch); None when anonymous."""
    if not request.user.is_authenticated or not jobs:
        return None
    candidate = candidate_get(user_id=request.user.pk)
    return career_impacts(candidate=candidate, jobs=jobs) if candidate is not None else None


class JobListView(APIView):
    permission_classes = [AllowAny]
    pagination_class = envelope("jobs", 50, exact_total_setting="JOBS_EXACT_TOTAL_UP_TO")

    @extend_schema(
        tags=["jobs"],
        summary="Search the jobs",
        description=(
            "Jobs scraped from the boards careerhub reads, newest first (best first with `search`), and the jobs "
            "you added yourself. A posting seen on two boards is listed once. Filter by source, work mode "
            "(`full` is remote), contract type and salary; page with `limit` and `offset`. Signed in, each job "
            "also carries `match`: your score for it, with its reasoning. No sign-in needed."
        ),
        parameters=JOB_LIST_PARAMETERS,
        examples=[
            OpenApiExample(
                "A page of jobs",
                response_only=True,
                value=JOB_EXAMPLE,
            )
        ],
        responses={200: s.JobWithMatchSerializer(many=True)},
    )
    def get(self, request):
        query = s.JobListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = {key: value for key, value in query.validated_data.items() if value not in ("", None)}
        jobs = selectors.job_results(viewer=request.user, **filters)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(jobs, request, view=self)
        scores = _viewer_scores(request, page)
        if scores is None:
            return paginator.get_paginated_response(s.JobSerializer(page, many=True).data)
        data = s.JobWithMatchSerializer(page, many=True, context={"career_impacts": scores}).data
        return paginator.get_paginated_response(data)


class JobDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["jobs"],
        summary="One job",
        description=(
            "Everything about a job, with the board's original data (`raw_data`) and, when it is a copy seen on "
            "another board, the job it duplicates. Signed in, `match` is your score for it. A job someone else "
            "added is a 404."
        ),
        responses={200: s.JobDetailWithMatchSerializer},
    )
    def get(self, request, job_id):
        job = selectors.job_get(viewer=request.user, job_id=job_id)
        scores = _viewer_scores(request, [job])
        if scores is None:
            return Response(s.JobDetailSerializer(job).data)
        return Response(s.JobDetailWithMatchSerializer(job, context={"career_impacts": scores}).data)


LATEST_LOG_PATH = "/api/v1/jobs/logs/latest"


def _refresh_message(log: ScrapeLog, sources: list[str]) -> str:
    """What a refresh did, as far as it is known when the answer is written."""
    if not sources:
        return "No job source is configured"
    if not log.is_finished:
        return "Job scraping started"
    counts = f"{log.jobs_found} jobs found, {log.jobs_created} new, {log.jobs_updated} updated, {log.jobs_failed} failed"
    if log.status == ScrapeStatus.SUCCESS:
        return f"Job scraping finished: {counts}."
    if log.status == ScrapeStatus.PARTIAL:
        return f"Job scraping finished with errors: {counts}. The errors are in GET {LATEST_LOG_PATH}."
    return f"Job scraping {log.status}: {counts}. Why is in GET {LATEST_LOG_PATH}."


class JobsRefreshView(APIView):
    throttle_classes = [JobsRefreshThrottle]

    @extend_schema(
        tags=["jobs"],
        operation_id="jobs_refresh",
        summary="Scrape the job boards now",
        description=(
            "Starts a run of every configured board. Where runs happen in the background the answer is 202 "
            "`Job scraping started`; where they run inside the request (a server without a task worker) the "
            "run has already finished and the answer (200) says how it went: `status` (`success`, `partial`, "
            "`failed`), with the counts. Either way `GET /api/v1/jobs/logs/latest` (`log_url`) shows each "
            "board's status, counts and errors. At most 2 per hour per user."
        ),
        request=None,
        examples=[
            OpenApiExample(
                "Finished inside the request",
                response_only=True,
                status_codes=["200"],
                value={
                    "message": "Job scraping finished: 42 jobs found, 30 new, 12 updated, 0 failed.",
                    "sources": ["remoteok", "greenhouse"],
                    "scrape_log_id": 17,
                    "status": "success",
                    "finished": True,
                    "jobs_found": 42,
                    "jobs_created": 30,
                    "jobs_updated": 12,
                    "jobs_failed": 0,
                    "log_url": "/api/v1/jobs/logs/latest",
                },
            ),
            OpenApiExample(
                "Running in the background",
                response_only=True,
                status_codes=["202"],
                value={
                    "message": "Job scraping started",
                    "sources": ["remoteok", "greenhouse"],
                    "scrape_log_id": 18,
                    "status": "pending",
                    "finished": False,
                    "jobs_found": 0,
                    "jobs_created": 0,
                    "jobs_updated": 0,
                    "jobs_failed": 0,
                    "log_url": "/api/v1/jobs/logs/latest",
                },
            ),
        ],
        responses={
            200: OpenApiResponse(s.JobsRefreshSerializer, description="The run has already finished (the embedded default)."),
            202: OpenApiResponse(s.JobsRefreshSerializer, description="The run goes on in the background."),
            429: error_response("Too many refreshes."),
        },
    )
    def post(self, request):
        log, sources = scraping.scrape_run_start(trigger=ScrapeTrigger.API, requested_by=request.user)
        body = {
            "message": _refresh_message(log, sources),
            "sources": sources,
            "scrape_log_id": log.pk,
            "status": log.status,
            "finished": log.is_finished,
            "jobs_found": log.jobs_found,
            "jobs_created": log.jobs_created,
            "jobs_updated": log.jobs_updated,
            "jobs_failed": log.jobs_failed,
            "log_url": LATEST_LOG_PATH,
        }
        return Response(body, status=status.HTTP_200_OK if log.is_finished else status.HTTP_202_ACCEPTED)


class ScrapeLogLatestView(APIView):
    @extend_schema(
        tags=["jobs"],
        summary="What the last scrape did",
        description=(
            "The latest run: when it started and finished, its status (`pending`, `running`, `success`, "
            "`partial`, `failed`, `skipped`), how many postings were found, stored, updated and refused, its "
            "errors, and one row per board with the same figures. 404 before the first run."
        ),
        responses={200: s.ScrapeLogSerializer, 404: error_response("No scrape has run yet.")},
    )
    def get(self, request):
        return Response(s.ScrapeLogSerializer(selectors.scrape_log_latest_get()).data)
