"""The profile's faces: seed 004 `/profile` and `/auth/me`, seed 001's `/profile/...` concerns,
and public sharing. Each parses its dialect, calls the shared services, and shapes the result."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import error_response, message_response
from profiles import selectors, services
from profiles.api.serializers import agent, seeker, sharing


class AuthMeView(APIView):
    @extend_schema(
        tags=["auth"],
        summary="The signed-in user with the profile's headline fields (seed 004)",
        responses={200: agent.MeSerializer, 401: error_response("Not authenticated.")},
    )
    def get(self, request):
        return Response(agent.MeSerializer(selectors.profile_of(user=request.user)).data)


class ProfileView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="The profile and preferences (seed 004)",
        responses={200: agent.AgentProfileSerializer, 401: error_response("Not authenticated.")},
    )
    def get(self, request):
        return Response(agent.AgentProfileSerializer(selectors.profile_of(user=request.user)).data)

    @extend_schema(
        tags=["profile"],
        summary="Update the profile and preferences (partial, seed 004)",
        description=(
            "Every field is optional. `preferences` is merged key by key; keys other than the documented ones "
            "are kept as custom preferences (null removes one). `remote_types`: full, hybrid, onsite; "
            "`job_types`: permanent, contract, freelance, part-time, internship, temporary."
        ),
        request=agent.AgentProfileInputSerializer,
        responses={
            200: agent.AgentProfileSerializer,
            400: error_response("Invalid input."),
            401: error_response("Not authenticated."),
        },
    )
    def put(self, request):
        data = agent.AgentProfileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_update(user=request.user, data=data.profile_changes())
        return Response(agent.AgentProfileSerializer(profile).data)


class SeekerFaceView(APIView):
    """One seed 001 concern: GET its current value, POST a new one."""

    input_serializer: type = None
    output_serializer: type = None
    message: str = ""

    def get(self, request):
        profile = selectors.profile_of(user=request.user)
        return Response(self.output_serializer(profile, context={"request": request}).data)

    def post(self, request):
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.save(request.user, data)
        return Response({"message": self.message})

    def save(self, user, data) -> None:
        services.profile_update(user=user, data=data.profile_changes())


def _seeker_schema(name: str, input_serializer, output_serializer, what: str, invalid: str):
    return extend_schema_view(
        get=extend_schema(
            tags=["profile"],
            summary=f"The current {what} (seed 001)",
            responses={200: output_serializer, 401: error_response("Not authenticated.")},
        ),
        post=extend_schema(
            tags=["profile"],
            summary=f"Update the {what} (seed 001)",
            request=input_serializer,
            responses={
                200: message_response(name),
                400: error_response(invalid),
                401: error_response("Not authenticated."),
            },
        ),
    )


@_seeker_schema(
    "AvailabilityUpdated", seeker.AvailabilityInputSerializer, seeker.AvailabilitySerializer, "availability status",
    "Invalid status value.",
)
class AvailabilityView(SeekerFaceView):
    input_serializer = seeker.AvailabilityInputSerializer
    output_serializer = seeker.AvailabilitySerializer
    message = "Availability status updated successfully."


@_seeker_schema(
    "JobPreferencesUpdated", seeker.JobPreferencesInputSerializer, seeker.JobPreferencesSerializer,
    "job type preferences", "Invalid job type value.",
)
class JobPreferencesView(SeekerFaceView):
    input_serializer = seeker.JobPreferencesInputSerializer
    output_serializer = seeker.JobPreferencesSerializer
    message = "Job preferences updated successfully."


@_seeker_schema(
    "ContactInformationUpdated", seeker.ContactInformationInputSerializer, seeker.ContactInformationSerializer,
    "contact information", "Invalid or missing contact information.",
)
class ContactInformationView(SeekerFaceView):
    input_serializer = seeker.ContactInformationInputSerializer
    output_serializer = seeker.ContactInformationSerializer
    message = "Contact information updated successfully."


@_seeker_schema(
    "ResumeUpdated", seeker.PrimaryResumeInputSerializer, seeker.PrimaryResumeSerializer, "resume",
    "Invalid or unknown resume version.",
)
class PrimaryResumeView(SeekerFaceView):
    input_serializer = seeker.PrimaryResumeInputSerializer
    output_serializer = seeker.PrimaryResumeSerializer
    message = "Resume updated successfully."

    def save(self, user, data) -> None:
        services.profile_set_primary_resume(user=user, resume_version_id=data.validated_data["resume_version_id"])


@_seeker_schema("SkillsUpdated", seeker.SkillsInputSerializer, seeker.SkillsSerializer, "skills", "Invalid skills.")
class SkillsView(SeekerFaceView):
    input_serializer = seeker.SkillsInputSerializer
    output_serializer = seeker.SkillsSerializer
    message = "Skills updated successfully."


@_seeker_schema(
    "SocialLinksUpdated", seeker.SocialLinksInputSerializer, seeker.SocialLinksSerializer, "social links",
    "Invalid platform or URL.",
)
class SocialLinksView(SeekerFaceView):
    input_serializer = seeker.SocialLinksInputSerializer
    output_serializer = seeker.SocialLinksSerializer
    message = "Social links updated successfully."

    def save(self, user, data) -> None:
        services.profile_social_links_add(user=user, links=data.validated_data["social_links"])


@_seeker_schema("SummaryUpdated", seeker.SummarySerializer, seeker.SummarySerializer, "summary", "Invalid summary.")
class SummaryView(SeekerFaceView):
    input_serializer = output_serializer = seeker.SummarySerializer
    message = "Summary updated successfully."


class SharingView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="The public link of the profile and what it shows",
        responses={200: sharing.SharingSerializer, 401: error_response("Not authenticated.")},
    )
    def get(self, request):
        profile = services.profile_get_or_create(user=request.user)
        return Response(sharing.SharingSerializer(profile, context={"request": request}).data)

    @extend_schema(
        tags=["profile"],
        summary="Turn the public link on or off, choose its sections, or replace it",
        request=sharing.SharingInputSerializer,
        responses={
            200: sharing.SharingSerializer,
            400: error_response("Invalid input."),
            401: error_response("Not authenticated."),
        },
    )
    def put(self, request):
        data = sharing.SharingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_sharing_update(user=request.user, **data.validated_data)
        return Response(sharing.SharingSerializer(profile, context={"request": request}).data)


class PublicProfileView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["profile"],
        summary="A shared profile (no sign-in)",
        description="Shows only the sections the owner made public. A private or unknown link is a 404.",
        auth=[],
        responses={200: sharing.PublicProfileSerializer, 404: error_response("No such shared profile.")},
    )
    def get(self, request, slug):
        return Response(sharing.PublicProfileSerializer(selectors.public_profile_by_slug(slug=slug)).data)
