"""Seed 000: `GET/PUT /profile/career`, inside its `{success, data, message}` envelope.

Errors come in the envelope too, `{"success": false, "error": "..."}`: the shared handler decides
the status, headers and message (so 401, 400, 405, 413, 429 and 503 behave as everywhere else);
`career_exception_handler` only rewraps its body. Validation errors keep the per-field `errors`
map alongside the seed's `error` string.
"""

from __future__ import annotations

import json

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api import errors
from profiles import selectors, services
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
AUTHENTICATION_REQUIRED = "Authentication required"
_KEPT_HEADERS = ("Retry-After", "WWW-Authenticate", "Allow")


def envelope_error_body(status_code: int, body: dict) -> dict:
    """The envelope for one error given in the one shape (`{"detail", "code", "errors"?}`)."""
    message = AUTHENTICATION_REQUIRED if status_code == 401 else str(body.get("detail") or "Request failed")
    envelope: dict = {"success": False, "error": message}
    if body.get("errors"):
        envelope["errors"] = body["errors"]
    return envelope


def career_exception_handler(exc, context):
    response = errors.exception_handler(exc, context)
    body = getattr(response, "data", None)
    if body is None:  # the plain JsonResponse of an unexpected error
        body = json.loads(response.content or b"{}")
    wrapped = Response(envelope_error_body(response.status_code, body), status=response.status_code)
    for header in _KEPT_HEADERS:
        if header in response:
            wrapped[header] = response[header]
    return wrapped


def _error(description: str) -> OpenApiResponse:
    # The envelope, not the one error shape the schema hook would add for these codes.
    return OpenApiResponse(CareerErrorSerializer, description=description)


class CareerProfileView(APIView):
    # careerhub.api.middleware refuses some requests before any view runs (a body over the
    # limit, a NUL in the query string); it shapes those errors with this hook, so careerhub
    # never imports the apps.
    error_body_format = staticmethod(envelope_error_body)

    def get_exception_handler(self):
        return career_exception_handler

    @extend_schema(
        tags=["profile"],
        summary="Your career profile (seed 000)",
        description=(
            "Your role, seniority, industry, skills and goals in seed 000's camelCase, inside its envelope: "
            '`{"success": true, "data": {...}}`, or `{"success": false, "data": null}` before the first `PUT`. '
            "Errors on this route are seed 000's too: `{\"success\": false, \"error\": \"...\"}`."
        ),
        responses={200: CareerEnvelopeSerializer, 401: _error("Authentication required.")},
    )
    def get(self, request):
        profile = selectors.profile_get(user=request.user)
        if profile.career_profile_created_at is None:
            return Response({"success": False, "data": None})
        return Response({"success": True, "data": CareerProfileSerializer(profile).data})

    @extend_schema(
        tags=["profile"],
        summary="Create or update your career profile (seed 000)",
        description=(
            "Merges the fields you send into your career profile; the first `PUT` needs `currentRole`, "
            "`seniority` and `industry`. Skills saved here are the skills of every other face of the profile. "
            "When a change can affect your scores, your cached scores, recommendations and dashboard are "
            "recomputed on the next read, and `message` says so. `hints` suggests, without refusing anything, "
            "what would make the profile more useful (at least three primary skills, for example)."
        ),
        request=CareerProfileInputSerializer,
        examples=[
            OpenApiExample(
                "First save",
                request_only=True,
                value={
                    "currentRole": "Backend Engineer",
                    "seniority": "senior",
                    "industry": "Technology/Software",
                    "primarySkills": ["Python", "Django", "PostgreSQL"],
                    "skillsToLearn": ["Go"],
                    "careerGoals": ["career-advancement"],
                    "timeframe": "short-term",
                },
            )
        ],
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
