"""Seed 002: `GET/PUT /me/industry-profile/`."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.serializers.industry import IndustryProfileInputSerializer, IndustryProfileSerializer


class IndustryProfileView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="Years of experience per industry (seed 002)",
        description='`{"industry_years_json": {}}` when nothing was stored yet.',
        responses={200: IndustryProfileSerializer},
    )
    def get(self, request):
        row = selectors.industry_profile_get(user=request.user)
        if row is None:
            return Response({"industry_years_json": {}})
        return Response(IndustryProfileSerializer(row).data)

    @extend_schema(
        tags=["profile"],
        summary="Create or replace the industry profile (seed 002 upsert)",
        description=(
            "Upsert for the signed-in user (a `user_id` in the body is ignored). A missing `industry_years_json` "
            "stores `{}`; keys are stored as lowercase tags; `updated_at` must be ISO 8601 if sent."
        ),
        request=IndustryProfileInputSerializer,
        responses={200: IndustryProfileSerializer},
    )
    def put(self, request):
        data = IndustryProfileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.industry_profile_upsert(
            user=request.user, industry_years=data.validated_data.get("industry_years_json", {})
        )
        return Response(IndustryProfileSerializer(row).data)
