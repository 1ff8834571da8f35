"""The jobs app's MCP tools (careerhub.mcp.registry): the job board, matches and generated material.

Each is the REST route's body with the token's user: the same serializers in and out, the same
selectors, services and throttles.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.exceptions import NotFound

from accounts.models import User
from careerhub.api import serializers
from careerhub.api.errors import ServiceUnavailable
from careerhub.api.throttles import GenerationThrottle, MatchRefreshThrottle
from careerhub.llm import LLMUnavailable
from careerhub.mcp.registry import PAGE_PROPERTIES, page, throttle_check, tool, validated
from careerhub.mcp.schema import field_schema, serializer_properties
from careerhub.selectors import get_or_404
from jobs import selectors
from jobs.api.serializers import generation as generation_serializers
from jobs.api.serializers import jobs as job_serializers
from jobs.api.serializers import matches as match_serializers
from jobs.generation import services as generation_services
from jobs.generation import state
from jobs.generation.tailoring.services import resume_tailor_from_cache
from jobs.matching import selectors as match_selectors
from jobs.matching import services as match_services
from jobs.matching.career_impact import career_impacts
from jobs.matching.selectors import candidate_get
from jobs.models import Match, MatchStatus
from profiles.selectors import resume_version_list

MATCH_ID = {"match_id": {"type": "string", "format": "uuid", "description": "A match's id (from list_matches)."}}
STILL_RUNNING = "Still generating: call this tool again with the same match_id in a few seconds for the result."


class _MatchIdSerializer(serializers.Serializer):
    match_id = serializers.UUIDField()


class _JobIdSerializer(serializers.Serializer):
    job_id = serializers.IntegerField(min_value=1)


def _match(user: User, arguments: dict[str, Any]) -> Match:
    match_id = validated(_MatchIdSerializer, arguments)["match_id"]
    return get_or_404(match_selectors.match_owned_list(user=user), detail="Match not found.", pk=match_id)


def _scored(user: User, jobs: list, serializer: type, scored_serializer: type, *, many: bool) -> Any:
    """Jobs as GET /jobs answers a signed-in user: with their career-impact score when they have a profile."""
    candidate = candidate_get(user_id=user.pk)
    rows = jobs if many else [jobs]
    if candidate is None or not rows:
        return serializer(jobs, many=many).data
    return scored_serializer(jobs, many=many, context={"career_impacts": career_impacts(candidate=candidate, jobs=rows)}).data


_SEARCH_PROPERTIES, _ = serializer_properties(job_serializers.JobListQuerySerializer)


@tool(
    name="search_jobs",
    scope="jobs:read",
    description=(
        "Search the job board (full text over title, company, tags and description; web-search syntax: "
        '"exact phrase", -excluded, or) with filters. Each job carries the user\'s match score when they have a '
        "profile. Open postings only unless include_closed. Paged with limit/offset; total is exact up to 1,000 "
        "jobs, above that an estimate (total_is_estimate)."
    ),
    properties={**_SEARCH_PROPERTIES, **PAGE_PROPERTIES},
)
def search_jobs(user: User, *, limit: int | None = None, offset: int | None = None, **filters: Any) -> dict[str, Any]:
    query = validated(job_serializers.JobListQuerySerializer, filters)
    jobs = selectors.job_results(viewer=user, **{key: value for key, value in query.items() if value not in ("", None)})
    return page(
        jobs,
        limit=limit,
        offset=offset,
        key="jobs",
        serialize=lambda rows: _scored(user, rows, job_serializers.JobSerializer, job_serializers.JobWithMatchSerializer, many=True),
        exact_total_up_to=settings.JOBS_EXACT_TOTAL_UP_TO,
    )


@tool(
    name="get_job",
    scope="jobs:read",
    description="One job posting in full (description, requirements, salary, where to apply), with the user's match score.",
    properties={"job_id": {"type": "integer", "minimum": 1, "description": "A job's id (from search_jobs or list_matches)."}},
    required=["job_id"],
)
def get_job(user: User, **arguments: Any) -> dict[str, Any]:
    job = selectors.job_get(viewer=user, job_id=validated(_JobIdSerializer, arguments)["job_id"])
    return _scored(user, job, job_serializers.JobDetailSerializer, job_serializers.JobDetailWithMatchSerializer, many=False)


@tool(
    name="list_matches",
    scope="matches:read",
    description=(
        "The user's matches: jobs scored against their profile, best first, each with its job, score, reasons and "
        "status. Without a status, rejected and hidden ones are left out. Run refresh_matches first if there are none."
    ),
    properties={
        "min_score": field_schema(match_serializers.MatchListQuerySerializer().fields["min_score"])
        | {"description": "Only matches scoring at least this (0-100, default 50)."},
        "status": {"type": "string", "enum": MatchStatus.values, "description": "Only matches with this status."},
        **PAGE_PROPERTIES,
    },
)
def list_matches(user: User, *, limit: int | None = None, offset: int | None = None, **arguments: Any) -> dict[str, Any]:
    query = validated(match_serializers.MatchListQuerySerializer, arguments)
    matches = match_selectors.match_list(user=user, min_score=query["min_score"], status=query.get("status") or None)
    return page(matches, limit=limit, offset=offset, key="matches", serialize=_matches_data)


def _matches_data(rows: list[Match]) -> list:
    match_selectors.match_explanations_fill(rows)
    return match_serializers.MatchSerializer(rows, many=True).data


@tool(
    name="refresh_matches",
    scope="matches:write",
    description=(
        "Re-score the job board against the user's profile in the background (a minute or so); list_matches "
        "shows the result. Throttled like the API's POST /matches/refresh."
    ),
)
def refresh_matches(user: User) -> dict[str, Any]:
    throttle_check(MatchRefreshThrottle, user)
    if match_services.match_refresh_request(user_id=user.pk):
        return {"status": "processing", "message": "Match refresh started: list_matches shows the new scores in a minute or so."}
    return {"status": "already_processing", "message": "A match refresh is already running."}


@tool(
    name="set_match_status",
    scope="matches:write",
    description=(
        "Set the user's status on a match: interested, applied (also adds it to the tracker), rejected or hidden "
        "(both left out of list_matches), or matched to undo. Future matching learns from it."
    ),
    properties={**MATCH_ID, **serializer_properties(match_serializers.MatchStatusInputSerializer)[0]},
    required=["match_id", "status"],
)
def set_match_status(user: User, *, status: Any = None, **arguments: Any) -> dict[str, Any]:
    match = _match(user, arguments)
    data = validated(match_serializers.MatchStatusInputSerializer, {"status": status})
    return match_serializers.MatchStatusResultSerializer(match_services.match_status_set(match=match, status=data["status"])).data


def _generated(user: User, generation: generation_services.Generation) -> dict[str, Any]:
    """The material, or how to get it: what the REST route answers with 200, 202 or its error."""
    if generation.status == state.COMPLETED and generation.kind == state.RESUME_TAILOR:
        resume = get_or_404(
            resume_version_list(user=user), detail="Resume version not found (it was deleted).", pk=generation.body["resume_id"]
        )
        return generation_serializers.TailoredResumeSerializer(resume, context={"cached": generation.body["cached"]}).data
    if generation.status == state.COMPLETED:
        return generation_serializers.CoverLetterSerializer(generation.body).data
    if generation.running:
        return {"status": generation.status, "generation_id": generation.id, "message": STILL_RUNNING}
    if generation.status == state.UNAVAILABLE:
        raise LLMUnavailable(generation.detail or None, retry_after=generation.retry_after or 30)
    if generation.code == "not_found":
        raise NotFound(generation.detail or "Match not found.")
    raise ServiceUnavailable(generation.detail or None, code="generation_failed", retry_after=5)


def _generate(user: User, match: Match, kind: str) -> dict[str, Any]:
    throttle_check(GenerationThrottle, user)
    generation = generation_services.generation_start(user=user, match=match, kind=kind, wait_seconds=settings.GENERATION_WAIT_SECONDS)
    return _generated(user, generation)


@tool(
    name="generate_cover_letter",
    scope="matches:write",
    description=(
        "Write a cover letter for a match from the user's profile and CV (never invented experience). Cached for "
        "30 days per job: asking again answers the same letter. May answer status 'processing': call again shortly."
    ),
    properties=MATCH_ID,
    required=["match_id"],
)
def generate_cover_letter(user: User, **arguments: Any) -> dict[str, Any]:
    match = _match(user, arguments)
    body = generation_services.material_cached(user=user, match=match, kind=state.COVER_LETTER)
    if body is not None:
        return generation_serializers.CoverLetterSerializer(body).data
    return _generate(user, match, state.COVER_LETTER)


@tool(
    name="tailor_resume",
    scope="matches:write",
    description=(
        "Rewrite the user's resume for a match's job and save it as a new resume version: summary aimed at the role, "
        "skills ordered by what the job asks. Nothing is invented (employers, titles, dates and schools are checked "
        "against the CV); keywords lists covered skills and gaps. May answer status 'processing': call again shortly."
    ),
    properties=MATCH_ID,
    required=["match_id"],
)
def tailor_resume(user: User, **arguments: Any) -> dict[str, Any]:
    match = _match(user, arguments)
    resume = resume_tailor_from_cache(user=user, match=match)
    if resume is not None:
        return generation_serializers.TailoredResumeSerializer(resume, context={"cached": True}).data
    return _generate(user, match, state.RESUME_TAILOR)
