"""Progress endpoints (seed 003 "Progress & Milestones")."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import limit_parameter, max_page_size, query_limit
from careerhub.api.schema import error_response
from insights.progress import selectors
from insights.progress import serializers as s

UNAUTHENTICATED = error_response("Not authenticated.")
COMMUNITY_DEFAULT_LIMIT = 20


class MilestoneListView(APIView):
    @extend_schema(
        tags=["progress"],
        responses={200: s.MilestoneSerializer(many=True), 401: UNAUTHENTICATED},
        description="Every milestone there is to reach.",
    )
    def get(self, request):
        return Response(s.MilestoneSerializer(selectors.milestones_list(), many=True).data)


class MilestoneMineView(APIView):
    @extend_schema(
        tags=["progress"],
        responses={200: s.UserMilestoneSerializer(many=True), 401: UNAUTHENTICATED},
        description="The milestones the caller has reached, most recent first.",
    )
    def get(self, request):
        return Response(s.UserMilestoneSerializer(selectors.user_milestones_list(user=request.user), many=True).data)


class CommunityView(APIView):
    @extend_schema(
        tags=["progress"],
        parameters=[
            limit_parameter(
                COMMUNITY_DEFAULT_LIMIT, f"Maximum number of members (values above {max_page_size()} are clamped)."
            )
        ],
        responses={200: s.CommunityMemberSerializer(many=True), 400: error_response("Invalid limit."), 401: UNAUTHENTICATED},
        description=(
            f"Users active in the last {selectors.COMMUNITY_ACTIVE_DAYS} days whose profile the caller may see "
            "(public profiles, and followers/groups profiles as their visibility allows), most recent activity first."
        ),
    )
    def get(self, request):
        limit = query_limit(request, COMMUNITY_DEFAULT_LIMIT)
        members = selectors.community_list(viewer=request.user)[:limit]
        return Response(s.CommunityMemberSerializer(members, many=True).data)


class StatsView(APIView):
    @extend_schema(tags=["progress"], responses={200: s.UserStatsSerializer, 401: UNAUTHENTICATED})
    def get(self, request):
        return Response(s.UserStatsSerializer(selectors.user_stats(user=request.user)).data)
