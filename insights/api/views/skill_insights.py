"""Seed 004 "Insights": `GET /insights/skills`, and `POST /insights/skills/refresh` to recompute it."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from insights.api.serializers.skill_insights import SkillInsightsSerializer
from insights.skill_insights import services

DESCRIPTION = (
    "What the jobs relevant to you ask for (the jobs you match well, or every job you could match before you have "
    "matches): how often each skill is asked and what those jobs pay, in your currency; the skills you lack "
    "(`skill_gaps`); and recommendations of skills to learn, each with its priority, the effort it takes from "
    "the skills you have, its salary impact, and how many of your top 50 matches would score higher, by how "
    "many points, if you had it. Skills are compared whatever their spelling. Kept until your profile changes "
    "or a few hours pass; `POST /api/v1/insights/skills/refresh` recomputes it at once."
)
EXAMPLE = {
    "user_id": "7d9f6a1e-2b4c-4e8f-9a3d-5c1b2e3f4a5b",
    "analysis_date": "2026-12-05T10:00:00Z",
    "jobs_analyzed": 120,
    "user_skills": ["Python", "Django", "PostgreSQL"],
    "skill_gaps": ["Kubernetes", "Go"],
    "market_skills": {
        "Python": {"count": 84, "frequency": 0.7, "avg_salary": 98000, "jobs_with_salary": 51},
        "Kubernetes": {"count": 46, "frequency": 0.38, "avg_salary": 105000, "jobs_with_salary": 30},
    },
    "recommendations": [
        {
            "skill": "Kubernetes",
            "priority": "high",
            "reason": "Appears in 38% of the 120 jobs relevant to you; adding it would raise 12 of your top 50 "
            "matches, by up to 6 points.",
            "learning_effort": "medium",
            "salary_impact": 9000,
            "frequency": 46,
            "match_impact": {"matches_considered": 50, "matches_improved": 12, "average_gain": 4.2, "max_gain": 6.0},
        }
    ],
}


class SkillInsightsView(APIView):
    @extend_schema(
        tags=["insights"],
        summary="Which skills the jobs you want ask for",
        description=DESCRIPTION,
        examples=[OpenApiExample("Insights", value=EXAMPLE, response_only=True)],
        responses={200: SkillInsightsSerializer},
    )
    def get(self, request):
        return Response(SkillInsightsSerializer(services.skill_insights_get(user=request.user)).data)


class SkillInsightsRefreshView(APIView):
    @extend_schema(
        tags=["insights"],
        operation_id="insights_skills_refresh",
        summary="Recompute your skill insights now",
        description="The answer of `GET /api/v1/insights/skills`, computed afresh (e.g. right after new jobs came in).",
        request=None,
        responses={200: SkillInsightsSerializer},
    )
    def post(self, request):
        return Response(SkillInsightsSerializer(services.skill_insights_refresh(user=request.user)).data)
