"""Seed 000: `GET/PUT /profile/career`."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.envelope import CareerEnvelopeMixin
from profiles.api.serializers.career import (
    CareerEnvelopeSerializer,
    CareerErrorSerializer,
    CareerProfileInputSerializer,
    CareerProfileSerializer,
)

INVALIDATED = (
    "Career impact scores, recommendations and the dashboard cache were invalidated; "
    "new scores are calculated on the next fetch."
)
UNCHANGED = "Nothing that affects scores changed; cached scores were kept."


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(CareerErrorSerializer, description=description)


class CareerProfileView(CareerEnvelopeMixin, APIView):
    @extend_schema(
        tags=["profile"],
        summary="The career profile (seed 000)",
        description='`success` is true if a career profile was found; otherwise `{"success": false, "data": null}`.',
        responses={200: CareerEnvelopeSerializer, 401: _error("Authentication required.")},
    )
    def get(self, request):
        profile = selectors.profile_of(user=request.user)
        if profile.career_profile_created_at is None:
            return Response({"success": False, "data": None})
        return Response({"success": True, "data": CareerProfileSerializer(profile).data})

    @extend_schema(
        tags=["profile"],
        summary="Create or update the career profile (seed 000 upsert)",
        description=(
            "Merges the fields sent. `currentRole`, `seniority` and `industry` are required when the career "
            "profile is created. Any change that can affect a score invalidates the user's career-impact, "
            "recommendation and dashboard caches; `message` says whether it did."
        ),
        request=CareerProfileInputSerializer,
        responses={
            200: CareerEnvelopeSerializer,
            400: _error("Invalid input (the message names the field and the allowed values)."),
            401: _error("Authentication required."),
        },
    )
    def put(self, request):
        creating = not selectors.career_profile_exists(user=request.user)
        data = CareerProfileInputSerializer(data=request.data, context={"creating": creating})
        data.is_valid(raise_exception=True)
        profile, created, invalidated = services.career_profile_upsert(user=request.user, data=data.profile_changes())
        action = "created" if created else "updated"
        return Response(
            {
                "success": True,
                "data": CareerProfileSerializer(profile).data,
                "message": f"Career profile {action}. {INVALIDATED if invalidated else UNCHANGED}",
                "hints": selectors.career_profile_hints(profile=profile),
            }
        )
