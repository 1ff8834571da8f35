"""Seed 001's faces: one small POST per concern under `/profile/`, each with a GET of its value."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import message_response
from profiles import selectors, services
from profiles.api.serializers import seeker


# One seed 001 concern: GET its current value, POST a new one. (A comment, not a docstring: the
# schema would show a docstring as the description of every face.)
class SeekerFaceView(APIView):

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


def _seeker_schema(name: str, input_serializer, output_serializer, what: str, concern: str, change: str):
    """The schema of one seed 001 face: `concern` says what the value is (both operations), `change`
    how a POST changes it."""
    return extend_schema_view(
        get=extend_schema(
            tags=["profile"],
            summary=f"Your {what} (seed 001)",
            description=f"{concern} Answers the value as the POST takes it, so it can be edited and sent back.",
            responses={200: output_serializer},
        ),
        post=extend_schema(
            tags=["profile"],
            operation_id=f"profile_{name}_set",
            summary=f"Set your {what} (seed 001)",
            description=f"{concern} {change} Answers `{{\"message\": \"... updated successfully.\"}}`, as seed 001 does.",
            request=input_serializer,
            responses={200: message_response(f"{name.title().replace('_', '')}Updated")},
        ),
    )


@_seeker_schema(
    "availability",
    seeker.AvailabilityInputSerializer,
    seeker.AvailabilitySerializer,
    "availability",
    "Whether you are in a job, looking, or ready to join: `currently_in_a_job`, `looking_for_opportunities` or "
    "`ready_to_join`.",
    "`status` must be one of the three; it cannot be cleared.",
)
class AvailabilityView(SeekerFaceView):
    input_serializer = seeker.AvailabilityInputSerializer
    output_serializer = seeker.AvailabilitySerializer
    message = "Availability status updated successfully."


@_seeker_schema(
    "job_preferences",
    seeker.JobPreferencesInputSerializer,
    seeker.JobPreferencesSerializer,
    "job type preferences",
    "The kinds of work you want, in seed 001's words: `remote`, `hybrid`, `on-site` (how you work) and "
    "`full-time`, `contract`, `other` (what kind of contract). Matching reads them as your work modes and "
    "employment types, the same ones `PUT /api/v1/profile` shows as `remote_types` and `job_types`.",
    "`preferred_job_types` replaces the whole list; an empty list clears it.",
)
class JobPreferencesView(SeekerFaceView):
    input_serializer = seeker.JobPreferencesInputSerializer
    output_serializer = seeker.JobPreferencesSerializer
    message = "Job preferences updated successfully."


@_seeker_schema(
    "contact_information",
    seeker.ContactInformationInputSerializer,
    seeker.ContactInformationSerializer,
    "contact information",
    "The email address, phone number and location (city, region, country) you give employers. Nobody else sees "
    "them, unless you add `contact` to the sections of your public link (`PUT /api/v1/profile/sharing`).",
    "Changes only the parts sent (at least one of `email`, `phone`, `location`); null or an empty string clears "
    "one. A phone number has 7 to 15 digits.",
)
class ContactInformationView(SeekerFaceView):
    input_serializer = seeker.ContactInformationInputSerializer
    output_serializer = seeker.ContactInformationSerializer
    message = "Contact information updated successfully."


@_seeker_schema(
    "resume",
    seeker.PrimaryResumeInputSerializer,
    seeker.PrimaryResumeSerializer,
    "main resume",
    "Which of your resume versions (`/api/v1/resumes`) is the one to show.",
    "`resume_version_id` names one of your versions (400 otherwise), or null for none.",
)
class PrimaryResumeView(SeekerFaceView):
    input_serializer = seeker.PrimaryResumeInputSerializer
    output_serializer = seeker.PrimaryResumeSerializer
    message = "Resume updated successfully."

    def save(self, user, data) -> None:
        services.profile_set_primary_resume(user=user, resume_version_id=data.validated_data["resume_version_id"])


@_seeker_schema(
    "skills",
    seeker.SkillsInputSerializer,
    seeker.SkillsSerializer,
    "skills",
    "Your skills: the same list every face of the profile shows and matching scores against. Names are stored "
    'in one spelling ("postgres" becomes "PostgreSQL").',
    "**Replaces the whole list** with `skills` (an empty list clears it); to add or remove a few, use "
    "`PATCH /api/v1/profile/skills`.",
)
class SkillsView(SeekerFaceView):
    input_serializer = seeker.SkillsInputSerializer
    output_serializer = seeker.SkillsSerializer
    message = "Skills updated successfully."

    @extend_schema(
        tags=["profile"],
        operation_id="profile_skills_change",
        summary="Add or remove some skills",
        description=(
            "Changes the skills named and keeps the others (POST replaces the whole list). Skills are compared "
            'whatever their spelling: adding "postgres" when PostgreSQL is listed changes nothing, and removing '
            '"k8s" removes Kubernetes. Removals apply first. Answers the resulting skills.'
        ),
        request=seeker.SkillsChangeInputSerializer,
        examples=[OpenApiExample("Add two, remove one", value={"add": ["Go", "Terraform"], "remove": ["PHP"]}, request_only=True)],
        responses={200: seeker.SkillsSerializer},
    )
    def patch(self, request):
        data = seeker.SkillsChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_skills_change(
            user=request.user, add=data.validated_data.get("add", []), remove=data.validated_data.get("remove", [])
        )
        return Response(seeker.SkillsSerializer(profile).data)


@_seeker_schema(
    "social_links",
    seeker.SocialLinksInputSerializer,
    seeker.SocialLinksSerializer,
    "social links",
    "Links to your profiles elsewhere (LinkedIn, GitHub, a website), one per platform, at most 20.",
    "Adds or replaces the links of the platforms sent and keeps the others; a link sent without a `url` "
    "removes that platform.",
)
class SocialLinksView(SeekerFaceView):
    input_serializer = seeker.SocialLinksInputSerializer
    output_serializer = seeker.SocialLinksSerializer
    message = "Social links updated successfully."

    def save(self, user, data) -> None:
        services.profile_social_links_add(user=user, links=data.validated_data["social_links"])


@_seeker_schema(
    "summary",
    seeker.SummarySerializer,
    seeker.SummarySerializer,
    "summary",
    "A few sentences about you, up to 5,000 characters: the same text as your bio on `/api/v1/users/me` and "
    "`/api/v1/profile`.",
    "Replaces it; null or an empty string clears it.",
)
class SummaryView(SeekerFaceView):
    input_serializer = output_serializer = seeker.SummarySerializer
    message = "Summary updated successfully."
