"""Seed 004 "Insights": `GET /insights/skills`, and `POST /insights/skills/refresh` to recompute it."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from insights.api.serializers.skill_insights import SkillInsightsSerializer
from insights.skill_insights import services

DESCRIPTION = (
    "Computed with aggregate queries over the jobs relevant to the user (their matches scoring at least "
    "SKILL_INSIGHTS_MIN_MATCH_SCORE, or every job they could be matched with before any match exists); skills are "
    "compared through the one alias table. Salaries count in the user's currency. Each recommendation also says how "
    "many of the user's top 50 matches would score higher, and by how many points, with the skill added. Cached per "
    "user until the profile changes (or SKILL_INSIGHTS_CACHE_TTL_SECONDS)."
)


class SkillInsightsView(APIView):
    @extend_schema(
        tags=["insights"],
        summary="Skill insights: market demand, gaps and recommendations (seed 004)",
        description=DESCRIPTION,
        responses={200: SkillInsightsSerializer},
    )
    def get(self, request):
        return Response(SkillInsightsSerializer(services.skill_insights_get(user=request.user)).data)


class SkillInsightsRefreshView(APIView):
    @extend_schema(
        tags=["insights"],
        summary="Recompute the skill insights now",
        description="Recomputes and re-caches the answer of GET /insights/skills and returns it.",
        request=None,
        responses={200: SkillInsightsSerializer},
    )
    def post(self, request):
        return Response(SkillInsightsSerializer(services.skill_insights_refresh(user=request.user)).data)
