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
        request=CustomSkillInputSerializer,
        responses={201: CustomSkillSerializer},
    )
    def post(self, request):
        data = CustomSkillInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        skill = services.custom_skill_add(user=request.user, skill=data.validated_data["skill"])
        return Response(CustomSkillSerializer(skill).data, status=status.HTTP_201_CREATED)
