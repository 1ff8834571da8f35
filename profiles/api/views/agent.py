"""Seed 004's face: `/profile` and `/auth/me`."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.serializers.agent import AgentProfileInputSerializer, AgentProfileSerializer, MeSerializer


class AuthMeView(APIView):
    @extend_schema(
        tags=["auth"],
        summary="The signed-in user with the profile's headline fields (seed 004)",
        responses={200: MeSerializer},
    )
    def get(self, request):
        return Response(MeSerializer(selectors.profile_get(user=request.user)).data)


class ProfileView(APIView):
    @extend_schema(tags=["profile"], summary="The profile and preferences (seed 004)", responses={200: AgentProfileSerializer})
    def get(self, request):
        return Response(AgentProfileSerializer(selectors.profile_get(user=request.user)).data)

    @extend_schema(
        tags=["profile"],
        summary="Update the profile and preferences (partial, seed 004)",
        description=(
            "Every field is optional. `preferences` is merged key by key; keys other than the documented ones "
            "are kept as custom preferences (null removes one). `remote_types`: full, hybrid, onsite; "
            "`job_types`: permanent, contract, freelance, part-time, internship, temporary."
        ),
        request=AgentProfileInputSerializer,
        responses={200: AgentProfileSerializer},
    )
    def put(self, request):
        data = AgentProfileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_update(user=request.user, data=data.profile_changes())
        return Response(AgentProfileSerializer(profile).data)
