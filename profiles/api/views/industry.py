"""Seed 002: `GET/PUT /me/industry-profile/`."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.serializers.industry import IndustryProfileInputSerializer, IndustryProfileSerializer


class IndustryProfileView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="Your years of experience per industry (seed 002)",
        description=(
            'How many years you worked in each industry, e.g. `{"fintech": 2.5}`; matching uses it for the '
            'industry experience match. `{"industry_years_json": {}}` until something is stored.'
        ),
        responses={200: IndustryProfileSerializer},
    )
    def get(self, request):
        row = selectors.industry_profile_get(user=request.user)
        if row is None:
            return Response({"industry_years_json": {}})
        return Response(IndustryProfileSerializer(row).data)

    @extend_schema(
        tags=["profile"],
        summary="Set your years of experience per industry (seed 002)",
        description=(
            "Replaces the whole map of industry to years (a missing `industry_years_json` stores `{}`). Industry "
            "names are stored lowercased; years are numbers from 0 up, and spellings of one industry may not add "
            "up to more than a working life. A `user_id` in the body is ignored: it is always your own. "
            "`updated_at`, when sent, must be an ISO 8601 date-time."
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
