"""Seed 001's faces: one small POST per concern under `/profile/`, each with a GET of its value."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import message_response
from profiles import selectors, services
from profiles.api.serializers import seeker


class SeekerFaceView(APIView):
    """One seed 001 concern: GET its current value, POST a new one."""

    input_serializer: type = None
    output_serializer: type = None
    message: str = ""

    def get(self, request):
        profile = selectors.profile_get(user=request.user)
        return Response(self.output_serializer(profile, context={"request": request}).data)

    def post(self, request):
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.save(request.user, data)
        return Response({"message": self.message})

    def save(self, user, data) -> None:
        services.profile_update(user=user, data=data.profile_changes())


def _seeker_schema(name: str, input_serializer, output_serializer, what: str):
    return extend_schema_view(
        get=extend_schema(tags=["profile"], summary=f"The current {what} (seed 001)", responses={200: output_serializer}),
        post=extend_schema(
            tags=["profile"],
            summary=f"Update the {what} (seed 001)",
            request=input_serializer,
            responses={200: message_response(name)},
        ),
    )


@_seeker_schema("AvailabilityUpdated", seeker.AvailabilityInputSerializer, seeker.AvailabilitySerializer, "availability status")
class AvailabilityView(SeekerFaceView):
    input_serializer = seeker.AvailabilityInputSerializer
    output_serializer = seeker.AvailabilitySerializer
    message = "Availability status updated successfully."


@_seeker_schema(
    "JobPreferencesUpdated", seeker.JobPreferencesInputSerializer, seeker.JobPreferencesSerializer, "job type preferences"
)
class JobPreferencesView(SeekerFaceView):
    input_serializer = seeker.JobPreferencesInputSerializer
    output_serializer = seeker.JobPreferencesSerializer
    message = "Job preferences updated successfully."


@_seeker_schema(
    "ContactInformationUpdated",
    seeker.ContactInformationInputSerializer,
    seeker.ContactInformationSerializer,
    "contact information",
)
class ContactInformationView(SeekerFaceView):
    input_serializer = seeker.ContactInformationInputSerializer
    output_serializer = seeker.ContactInformationSerializer
    message = "Contact information updated successfully."


@_seeker_schema("ResumeUpdated", seeker.PrimaryResumeInputSerializer, seeker.PrimaryResumeSerializer, "resume")
class PrimaryResumeView(SeekerFaceView):
    input_serializer = seeker.PrimaryResumeInputSerializer
    output_serializer = seeker.PrimaryResumeSerializer
    message = "Resume updated successfully."

    def save(self, user, data) -> None:
        services.profile_set_primary_resume(user=user, resume_version_id=data.validated_data["resume_version_id"])


@_seeker_schema("SkillsUpdated", seeker.SkillsInputSerializer, seeker.SkillsSerializer, "skills")
class SkillsView(SeekerFaceView):
    input_serializer = seeker.SkillsInputSerializer
    output_serializer = seeker.SkillsSerializer
    message = "Skills updated successfully."

    @extend_schema(
        tags=["profile"],
        summary="Add or remove some skills",
        description=(
            "Changes the skills named and keeps the others (POST replaces the whole list). Skills are compared "
            'whatever their spelling: adding "postgres" when PostgreSQL is listed changes nothing, and removing '
            '"k8s" removes Kubernetes. Removals apply first. Answers the resulting skills.'
        ),
        request=seeker.SkillsChangeInputSerializer,
        responses={200: seeker.SkillsSerializer},
    )
    def patch(self, request):
        data = seeker.SkillsChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_skills_change(
            user=request.user, add=data.validated_data.get("add", []), remove=data.validated_data.get("remove", [])
        )
        return Response(seeker.SkillsSerializer(profile).data)


@_seeker_schema("SocialLinksUpdated", seeker.SocialLinksInputSerializer, seeker.SocialLinksSerializer, "social links")
class SocialLinksView(SeekerFaceView):
    input_serializer = seeker.SocialLinksInputSerializer
    output_serializer = seeker.SocialLinksSerializer
    message = "Social links updated successfully."

    def save(self, user, data) -> None:
        services.profile_social_links_add(user=user, links=data.validated_data["social_links"])


@_seeker_schema("SummaryUpdated", seeker.SummarySerializer, seeker.SummarySerializer, "summary")
class SummaryView(SeekerFaceView):
    input_serializer = output_serializer = seeker.SummarySerializer
    message = "Summary updated successfully."
