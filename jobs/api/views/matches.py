"""Seed 004 "Matches": list, status (with a reason), refresh and refresh status; and the match blocklist."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import envelope
from careerhub.api.schema import error_response
from careerhub.api.throttles import MatchRefreshThrottle
from careerhub.api.views import OwnedObjectView
from jobs.api.serializers import matches as s
from jobs.matching import blocklist, refresh_state, selectors, services
from jobs.models import MatchStatus

REFRESH_STARTED = "Match refresh started. Poll /api/matches/refresh/status for updates."
REFRESH_RUNNING = "Match refresh is already in progress. Check status endpoint for updates."
REFRESH_STATE_UNAVAILABLE = error_response("The cache that tracks refreshes is unavailable; try again shortly.")


MATCH_EXAMPLE = {
    "id": "5b0e7c2a-8f1d-4e3b-a6c9-0d1e2f3a4b5c",
    "job_id": 4127,
    "user_id": "7d9f6a1e-2b4c-4e8f-9a3d-5c1b2e3f4a5b",
    "score": 86.5,
    "status": "matched",
    "reasoning": {
        "overall_score": 86.5,
        "skill_score": 100.0,
        "title_score": 100.0,
        "experience_score": 100.0,
        "work_type_score": 100.0,
        "location_score": 100.0,
        "salary_score": 50.0,
        "matching_skills": ["Python", "Django", "PostgreSQL"],
        "missing_skills": [],
        "weights": {"skills": 0.35, "title": 0.2, "experience": 0.15, "work_type": 0.1, "location": 0.1, "salary": 0.1},
        "industry_match_percent": 70.0,
        "blockers": [],
        "caveats": [],
    },
    "analysis": "This is a strong match (86.5/100). You have 3 of the 3 skills it names (Python, Django, PostgreSQL).",
    "job": {
        "id": 4127,
        "title": "Senior Backend Engineer",
        "company": "Northwind Analytics",
        "url": "https://boards.greenhouse.io/northwind-analytics/jobs/4012345",
        "salary_min": 90000,
        "salary_max": 110000,
        "location": "Amsterdam (Hybrid)",
        "tags": ["Python", "Django", "PostgreSQL"],
    },
    "cover_letter": "",
    "cv_highlights": [],
    "created_at": "2026-12-05T06:10:00Z",
    "updated_at": "2026-12-05T06:10:00Z",
    "applied_at": None,
    "stale": False,
}


class MatchListView(APIView):
    pagination_class = envelope("matches", 50)

    @extend_schema(
        tags=["matches"],
        summary="Your matches: the jobs ranked for you",
        description=(
            "Jobs scored against your profile, best first: the score (0 to 100), how it was reached (`reasoning`: "
            "each part's score and weight, the skills you have and miss, and `blockers` such as a region you "
            "cannot work from, which keep a score low), a plain-language `analysis`, and your status for it. "
            "`stale` is true when your profile changed since the score was computed: "
            "`POST /api/v1/matches/refresh` brings it up to date. Page with `limit` and `offset`."
        ),
        examples=[
            OpenApiExample(
                "A page of matches",
                response_only=True,
                value=MATCH_EXAMPLE,
            )
        ],
        parameters=[
            OpenApiParameter("min_score", float, description="Minimum match score, 0–100 (default 50)."),
            OpenApiParameter(
                "status",
                str,
                enum=MatchStatus.values,
                description="Only matches with this status. Without it, rejected and hidden matches are left out.",
            ),
            OpenApiParameter(
                "include_blocked",
                bool,
                description=(
                    "true: also list the matches held back by a blocker (a place you may not work, a visa, a clearance, "
                    "an employment type, pay far below your minimum, a level two steps away, another role family), whatever "
                    "their score; `reasoning.blockers` says why. Default false: a blocker caps the score at 35, below "
                    "the default min_score."
                ),
            ),
        ],
        responses={200: s.MatchSerializer(many=True)},
    )
    def get(self, request):
        query = s.MatchListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        matches = selectors.match_list(
            user=request.user,
            min_score=query.validated_data["min_score"],
            status=query.validated_data.get("status") or None,
            include_blocked=query.validated_data["include_blocked"],
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(matches, request, view=self)
        selectors.match_explanations_fill(page)
        return paginator.get_paginated_response(s.MatchSerializer(page, many=True).data)


class MatchStatusView(OwnedObjectView):

    lookup_url_kwarg = "match_id"
    not_found = "Match not found."

    def get_queryset(self):
        return selectors.match_owned_list(user=self.request.user)

    @extend_schema(
        tags=["matches"],
        summary="Mark a match interested, applied, rejected or hidden",
        description=(
            "Sets your status for a match: `matched`, `interested`, `applied`, `rejected` or `hidden`. `applied` "
            "also adds the job to your applications (once), so it can be followed there. `rejected` and `hidden` "
            "keep the job out of your matches for good; a refresh never changes the status you set. With `hidden` or "
            "`rejected` you may say why in `reason`: not_eligible, salary, seniority, location, role, company or "
            "other. `company` puts the job's company on your blocklist; a reason given on three or more matches "
            "tunes your soft preferences (never the blockers)."
        ),
        request=s.MatchStatusInputSerializer,
        examples=[OpenApiExample("Applied", request_only=True, value={"status": "applied"})],
        responses={200: s.MatchStatusResultSerializer},
    )
    def put(self, request, match_id):
        match = self.get_object()
        data = s.MatchStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = services.match_status_set(
            match=match, status=data.validated_data["status"], reason=data.validated_data.get("reason")
        )
        return Response(s.MatchStatusResultSerializer(match).data)


class MatchBlocklistView(APIView):
    @extend_schema(
        tags=["matches"],
        summary="Your match blocklist",
        description=(
            "The companies and title keywords you never want to be matched with. A job from a listed company "
            "(any spelling: Acme, ACME Inc., Acme S.L.) or whose title holds a listed keyword is never matched."
        ),
        responses={200: s.MatchBlocklistSerializer},
    )
    def get(self, request):
        return Response(s.MatchBlocklistSerializer(blocklist.match_blocklist_get(user_id=request.user.pk)).data)

    @extend_schema(
        tags=["matches"],
        summary="Replace your match blocklist",
        description=(
            "Replaces both lists (send both, each a list of non-empty strings, at most 200). Spellings of one company "
            "or keyword collapse to the first. Your open matches for jobs it blocks disappear at your next refresh "
            "(POST /matches/refresh); applied ones stay."
        ),
        request=s.MatchBlocklistSerializer,
        responses={200: s.MatchBlocklistSerializer},
    )
    def put(self, request):
        data = s.MatchBlocklistSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = blocklist.match_blocklist_set(user_id=request.user.pk, **data.validated_data)
        return Response(s.MatchBlocklistSerializer(saved).data)


class MatchRefreshView(APIView):
    throttle_classes = [MatchRefreshThrottle]

    @extend_schema(
        tags=["matches"],
        operation_id="matches_refresh",
        summary="Recompute your matches",
        description=(
            "Scores every job against your current profile in the background and answers at once: "
            "`processing`, or `already_processing` when a refresh of yours is running. Follow it with "
            "`GET /api/v1/matches/refresh/status`. Every signed-in user refreshes their own matches (seed 004 "
            "says admins only). At most 5 per hour per user."
        ),
        request=None,
        responses={
            200: s.MatchRefreshSerializer,
            429: error_response("Too many refreshes."),
            503: REFRESH_STATE_UNAVAILABLE,
        },
    )
    def post(self, request):
        if services.match_refresh_request(user_id=request.user.pk):
            return Response({"status": "processing", "message": REFRESH_STARTED})
        return Response({"status": "already_processing", "message": REFRESH_RUNNING})


class MatchRefreshStatusView(APIView):
    @extend_schema(
        tags=["matches"],
        summary="How your match refresh is going",
        description=(
            "`status` is `none` (no refresh in the last hour), `pending`, `processing` (with `progress` in per "
            "cent), `completed` (with the counts in `result`) or `failed` (with why in `message`)."
        ),
        responses={200: s.MatchRefreshStatusSerializer, 503: REFRESH_STATE_UNAVAILABLE},
    )
    def get(self, request):
        return Response(s.MatchRefreshStatusSerializer(refresh_state.refresh_state_get(user_id=request.user.pk)).data)
