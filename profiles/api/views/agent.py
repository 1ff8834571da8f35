"""Seed 004's face: `/profile` and `/auth/me`."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.serializers.agent import AgentProfileInputSerializer, AgentProfileSerializer, MeSerializer

PROFILE_EXAMPLE = {
    "id": "7d9f6a1e-2b4c-4e8f-9a3d-5c1b2e3f4a5b",
    "email": "ada@example.com",
    "full_name": "Ada Lovelace",
    "bio": "Backend engineer who likes careful systems.",
    "skills": ["Python", "Django", "PostgreSQL"],
    "experience_years": 7,
    "preferences": {
        "target_roles": ["Backend Engineer"],
        "remote_types": ["full", "hybrid"],
        "remote_only": False,
        "min_salary": 75000,
        "max_salary": 110000,
        "salary_currency": "EUR",
        "job_types": ["permanent"],
        "preferred_countries": ["PT", "NL"],
        "eligible_regions": ["EU"],
        "needs_visa_sponsorship": False,
        "parsed_cv": None,
    },
    "cv_filename": None,
    "cv_uploaded_at": None,
    "created_at": "2026-12-05T09:12:03Z",
    "updated_at": "2026-12-05T09:30:00Z",
}


class AuthMeView(APIView):
    @extend_schema(
        tags=["auth"],
        summary="Who is signed in (seed 004)",
        description=(
            "The signed-in account with the headline of its profile: name, bio, skills, years of experience and "
            "job preferences, when the CV was uploaded, and whether the user is an admin."
        ),
        responses={200: MeSerializer},
    )
    def get(self, request):
        return Response(MeSerializer(selectors.profile_get(user=request.user)).data)


class ProfileView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="Your profile and job preferences (seed 004)",
        description=(
            "The profile matching reads: name, bio, skills, years of experience, and the preferences jobs are "
            "scored against (target roles, work modes as `full` (remote), `hybrid`, `onsite`, contract types, "
            "salary range and currency, countries, the regions you may work from, whether you need a visa "
            "sponsor), with the parsed CV. Every other face of the profile (`/api/v1/profile/career`, the seed 001 "
            "routes under `/api/v1/profile/`, `/api/v1/users/me`) shows the same values."
        ),
        examples=[OpenApiExample("A profile", value=PROFILE_EXAMPLE, response_only=True)],
        responses={200: AgentProfileSerializer},
    )
    def get(self, request):
        return Response(AgentProfileSerializer(selectors.profile_get(user=request.user)).data)

    @extend_schema(
        tags=["profile"],
        summary="Change your profile and job preferences (seed 004)",
        description=(
            "Changes only what you send: every field is optional, and `preferences` is merged key by key. "
            "`skills` replaces the whole list. `remote_types` takes `full` (remote), `hybrid` and `onsite`; "
            "`job_types` takes `permanent`, `contract`, `freelance`, `part-time`, `internship` and `temporary`; "
            "`remote_only: true` narrows the work modes to remote. Preference keys careerhub does not know are "
            "kept as they are sent (null removes one), so a frontend can store its own. Anything that can change "
            "a score marks your matches for a refresh. Answers the whole profile."
        ),
        request=AgentProfileInputSerializer,
        examples=[
            OpenApiExample(
                "Preferences",
                request_only=True,
                value={
                    "skills": ["Python", "Django", "PostgreSQL"],
                    "experience_years": 7,
                    "preferences": {"target_roles": ["Backend Engineer"], "remote_types": ["full", "hybrid"],
                                    "min_salary": 75000, "salary_currency": "EUR", "eligible_regions": ["EU"]},
                },
            ),
            OpenApiExample("A profile", value=PROFILE_EXAMPLE, response_only=True),
        ],
        responses={200: AgentProfileSerializer},
    )
    def put(self, request):
        data = AgentProfileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_update(user=request.user, data=data.profile_changes())
        return Response(AgentProfileSerializer(profile).data)
