"""Seed 004 "Skills": popular skills for autocomplete, and user-contributed skills."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import limit_parameter, max_page_size, query_limit
from insights.api.serializers.skills import CustomSkillInputSerializer, CustomSkillSerializer, PopularSkillsSerializer
from insights.skills import selectors, services

POPULAR_SOURCE = "job_tags_and_custom_skills"


class PopularSkillsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["skills"],
        operation_id="skills_popular_list",
        summary="Popular skills (for autocomplete)",
        description=(
            "The skills most asked for by the jobs careerhub knows and most added by users, most popular first, "
            "each in its one spelling. No sign-in needed."
        ),
        parameters=[
            limit_parameter(
                100, f"Maximum number of skills (values above {max_page_size()} are clamped)."
            )
        ],
        responses={200: PopularSkillsSerializer},
    )
    def get(self, request):
        limit = query_limit(request, 100)
        ranked = selectors.popular_skill_list()
        return Response({"skills": [name for name, _ in ranked[:limit]], "source": POPULAR_SOURCE, "total": len(ranked)})


class CustomSkillView(APIView):
    @extend_schema(
        tags=["skills"],
        summary="Add a skill careerhub does not list",
        description=(
            "Records a skill (1 to 50 characters, stored in its usual spelling: `k8s` becomes Kubernetes) and adds "
            "it to your profile's skills. It shows in the popular skills at once; `usage_count` says how many "
            "times it was added, by anyone. An empty or longer skill is a 400."
        ),
        request=CustomSkillInputSerializer,
        responses={201: CustomSkillSerializer},
    )
    def post(self, request):
        data = CustomSkillInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        skill = services.custom_skill_add(user=request.user, skill=data.validated_data["skill"])
        return Response(CustomSkillSerializer(skill).data, status=status.HTTP_201_CREATED)
