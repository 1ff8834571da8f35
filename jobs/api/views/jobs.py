"""Seed 004 "Jobs": the listing (with the signed-in viewer's score), a job, scraping runs."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
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
from jobs.models import JobSource, ScrapeTrigger
from jobs.search import MAX_SEARCH_LENGTH
from jobs.selectors import JOB_SORTS
from jobs.services import scraping

JOB_LIST_PARAMETERS = [
    OpenApiParameter(
        "search",
        str,
        description=(
            "Full-text search over title, company, tags and description, ranked by relevance. Web-search syntax: "
            f'"exact phrase", -excluded, or. Longer than {MAX_SEARCH_LENGTH} characters is cut.'
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


def _viewer_scores(request, jobs) -> dict | None:
    """The signed-in viewer's career-impact scores for these jobs (one batch); None when anonymous."""
    if not request.user.is_authenticated or not jobs:
        return None
    candidate = candidate_get(user_id=request.user.pk)
    return career_impacts(candidate=candidate, jobs=jobs) if candidate is not None else None


class JobListView(APIView):
    permission_classes = [AllowAny]
    pagination_class = envelope("jobs", 50, exact_total_setting="JOBS_EXACT_TOTAL_UP_TO")

    @extend_schema(tags=["jobs"], parameters=JOB_LIST_PARAMETERS, responses={200: s.JobWithMatchSerializer(many=True)})
    def get(self, request):
        query = s.JobListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = {key: value for key, value in query.validated_data.items() if value not in ("", None)}
        jobs = selectors.job_list(viewer=request.user, **filters)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(jobs, request, view=self)
        scores = _viewer_scores(request, page)
        if scores is None:
            return paginator.get_paginated_response(s.JobSerializer(page, many=True).data)
        data = s.JobWithMatchSerializer(page, many=True, context={"career_impacts": scores}).data
        return paginator.get_paginated_response(data)


class JobDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(tags=["jobs"], responses={200: s.JobDetailWithMatchSerializer})
    def get(self, request, job_id):
        job = selectors.job_get(viewer=request.user, job_id=job_id)
        scores = _viewer_scores(request, [job])
        if scores is None:
            return Response(s.JobDetailSerializer(job).data)
        return Response(s.JobDetailWithMatchSerializer(job, context={"career_impacts": scores}).data)


class JobsRefreshView(APIView):
    throttle_classes = [JobsRefreshThrottle]

    @extend_schema(
        tags=["jobs"],
        request=None,
        responses={202: s.JobsRefreshSerializer, 429: error_response("Too many refreshes.")},
    )
    def post(self, request):
        log, sources = scraping.scrape_run_request(trigger=ScrapeTrigger.API, requested_by=request.user)
        message = "Job scraping started" if sources else "No job source is configured"
        return Response({"message": message, "sources": sources, "scrape_log_id": log.pk}, status=status.HTTP_202_ACCEPTED)


class ScrapeLogLatestView(APIView):
    @extend_schema(
        tags=["jobs"],
        responses={200: s.ScrapeLogSerializer, 404: error_response("No scrape has run yet.")},
    )
    def get(self, request):
        return Response(s.ScrapeLogSerializer(selectors.scrape_log_latest_get()).data)
