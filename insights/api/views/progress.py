"""Progress endpoints (seed 003 "Progress & Milestones")."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import limit_parameter, max_page_size, query_limit
from insights.api.serializers.progress import (
    CommunityMemberSerializer,
    MilestoneSerializer,
    UserMilestoneSerializer,
    UserStatsSerializer,
)
from insights.progress import selectors

COMMUNITY_DEFAULT_LIMIT = 20


class MilestoneListView(APIView):
    @extend_schema(
        tags=["progress"],
        summary="Every milestone",
        description=(
            "The milestones anyone can reach (first application, a 7-day streak, an offer, ...), each with what "
            "earns it in `criteria`: an action and how many times."
        ),
        responses={200: MilestoneSerializer(many=True)},
    )
    def get(self, request):
        return Response(MilestoneSerializer(selectors.milestone_list(), many=True).data)


class MilestoneMineView(APIView):
    @extend_schema(
        tags=["progress"],
        summary="The milestones you reached",
        description="Most recent first, each with when you reached it. Milestones are awarded as you go, by what you do.",
        responses={200: UserMilestoneSerializer(many=True)},
    )
    def get(self, request):
        return Response(UserMilestoneSerializer(selectors.user_milestone_list(user=request.user), many=True).data)


class CommunityView(APIView):
    @extend_schema(
        tags=["progress"],
        parameters=[
            limit_parameter(
                COMMUNITY_DEFAULT_LIMIT, f"Maximum number of members (values above {max_page_size()} are clamped)."
            )
        ],
        summary="Who is active",
        description=(
            f"People active in the last {selectors.COMMUNITY_ACTIVE_DAYS} days whose profile you may see (public "
            "profiles, and `followers` or `groups` profiles as their visibility allows), most recently active "
            "first, with their streak and milestones. Private profiles never appear."
        ),
        responses={200: CommunityMemberSerializer(many=True)},
    )
    def get(self, request):
        limit = query_limit(request, COMMUNITY_DEFAULT_LIMIT)
        members = selectors.community_member_list(viewer=request.user)[:limit]
        return Response(CommunityMemberSerializer(members, many=True).data)


class StatsView(APIView):
    @extend_schema(
        tags=["progress"],
        summary="Your numbers",
        description=(
            "Applications, offers, rejections, reflections and interview rounds tracked, your streak, milestones "
            "reached, contacts, and reminders still to do."
        ),
        responses={200: UserStatsSerializer},
    )
    def get(self, request):
        return Response(UserStatsSerializer(selectors.user_stats_get(user=request.user)).data)
