"""Seed 001's faces: one small POST per concern under /profile/, each with a GET of its value."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer

from careerhub.api import serializers
from careerhub.vocabulary import AVAILABILITY, EMPLOYMENT_TYPES, SEEKER, WORK_MODES
from profiles.api.serializers.fields import DialectChoiceField, HttpUrlField, PhoneField, SkillListField
from profiles.api.serializers.resumes import ResumeVersionSerializer

OTHER_JOB_TYPE = "other"
JOB_TYPE_SPELLINGS = [*WORK_MODES.allowed(SEEKER), *EMPLOYMENT_TYPES.allowed(SEEKER), OTHER_JOB_TYPE]


# Named like the output so the schema keeps one pair, `AvailabilityRequest` / `Availability`
# (and one `AvailabilityStatusEnum`): this serializer is only ever a request body.
@extend_schema_serializer(component_name="Availability")
class AvailabilityInputSerializer(serializers.Serializer):
    """Seed 001 allows only its three statuses: null or "" is an invalid status, not a way to clear it."""

    status = DialectChoiceField(AVAILABILITY, source="availability_status")

    def profile_changes(self) -> dict[str, Any]:
        return {"availability_status": self.validated_data["availability_status"]}


class AvailabilitySerializer(serializers.Serializer):
    status = DialectChoiceField(AVAILABILITY, source="availability_status", allow_null=True, help_text="null until set.")


class JobPreferencesInputSerializer(serializers.Serializer):
    """Seed 001 mixes work modes and employment types in one list: each goes to its own
    profile field; "other" is kept as its own flag."""

    preferred_job_types = serializers.ListField(child=serializers.CharField(max_length=30), max_length=20)

    def validate_preferred_job_types(self, values: list[str]) -> dict[str, Any]:
        modes: list[str] = []
        types: list[str] = []
        other = False
        for value in values:
            spelling = value.strip().lower()
            if spelling == OTHER_JOB_TYPE:
                other = True
            elif spelling in WORK_MODES.dialects[SEEKER]:
                modes.append(WORK_MODES.to_canonical(spelling, SEEKER))
            elif spelling in EMPLOYMENT_TYPES.dialects[SEEKER]:
                types.append(EMPLOYMENT_TYPES.to_canonical(spelling, SEEKER))
            else:
                raise serializers.ValidationError(
                    f"'{value}' is not a valid job type. Allowed values: {', '.join(JOB_TYPE_SPELLINGS)}."
                )
        return {
            "work_modes": list(dict.fromkeys(modes)),
            "employment_types": list(dict.fromkeys(types)),
            "open_to_other_job_types": other,
        }

    def profile_changes(self) -> dict[str, Any]:
        return self.validated_data["preferred_job_types"]


class JobPreferencesSerializer(serializers.Serializer):
    preferred_job_types = serializers.SerializerMethodField()

    def get_preferred_job_types(self, profile) -> list[str]:
        values = [
            *WORK_MODES.many_from_canonical(profile.work_modes, SEEKER),
            *EMPLOYMENT_TYPES.many_from_canonical(profile.employment_types, SEEKER),
        ]
        if profile.open_to_other_job_types:
            values.append(OTHER_JOB_TYPE)
        return values


class LocationSerializer(serializers.Serializer):
    city = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    region = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    country = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)


class ContactInformationInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=255, required=False, allow_null=True, allow_blank=True)
    phone = PhoneField(required=False, allow_null=True, allow_blank=True)
    location = LocationSerializer(required=False, allow_null=True)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send at least one of email, phone or location.")
        return attrs

    def profile_changes(self) -> dict[str, Any]:
        values = self.validated_data
        changes: dict[str, Any] = {}
        if "email" in values:
            changes["contact_email"] = values["email"] or ""
        if "phone" in values:
            changes["contact_phone"] = values["phone"] or ""
        if "location" in values:
            location = values["location"]
            for part in ("city", "region", "country"):
                if location is None or part in location:
                    changes[f"location_{part}"] = ((location or {}).get(part) or "").strip()
        return changes


class ContactInformationSerializer(serializers.Serializer):
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()

    def get_email(self, profile) -> str | None:
        return profile.contact_email or None

    def get_phone(self, profile) -> str | None:
        return profile.contact_phone or None

    @extend_schema_field(LocationSerializer)
    def get_location(self, profile) -> dict[str, str | None]:
        return {
            "city": profile.location_city or None,
            "region": profile.location_region or None,
            "country": profile.location_country or None,
        }


class PrimaryResumeInputSerializer(serializers.Serializer):
    resume_version_id = serializers.UUIDField(allow_null=True, help_text="One of your resume versions, or null.")


class PrimaryResumeSerializer(serializers.Serializer):
    resume_version_id = serializers.UUIDField(source="primary_resume_id", allow_null=True)
    resume = ResumeVersionSerializer(source="primary_resume", allow_null=True)


class SkillsInputSerializer(serializers.Serializer):
    skills = SkillListField(
        required=True,
        help_text="The whole new list: it replaces the current skills (an empty list or null clears them). Names "
        'are normalised ("postgres" is stored as "PostgreSQL"). To add or remove a few, use PATCH.',
    )

    def profile_changes(self) -> dict[str, Any]:
        return {"skills": self.validated_data["skills"]}


class SkillsChangeInputSerializer(serializers.Serializer):
    add = SkillListField(help_text="Skills to add; ones already listed (in any spelling) are left as they are.")
    remove = SkillListField(help_text='Skills to remove, in any spelling ("postgres" removes "PostgreSQL").')

    def validate(self, attrs):
        if not (attrs.get("add") or attrs.get("remove")):
            raise serializers.ValidationError("Send skills to `add`, to `remove`, or both.")
        return attrs


class SkillsSerializer(serializers.Serializer):
    skills = serializers.ListField(child=serializers.CharField(), help_text="The profile's skills, canonical names, in order.")


class SocialLinkInputSerializer(serializers.Serializer):
    platform = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,29}$", help_text="linkedin, github, website, ...", max_length=30
    )
    url = HttpUrlField(required=False, allow_null=True, allow_blank=True, help_text="Empty or null removes the link.")


class SocialLinkSerializer(serializers.Serializer):
    platform = serializers.CharField()
    url = serializers.CharField()


class SocialLinksInputSerializer(serializers.Serializer):
    # A ListField (not many=True) so that the schema shows the maximum as maxItems.
    social_links = serializers.ListField(child=SocialLinkInputSerializer(), allow_empty=False, max_length=20)


class SocialLinksSerializer(serializers.Serializer):
    social_links = SocialLinkSerializer(many=True)


class SummarySerializer(serializers.Serializer):
    summary = serializers.CharField(source="user.bio", max_length=5000, allow_null=True, allow_blank=True)

    def to_representation(self, profile):
        return {"summary": profile.user.bio or None}

    def profile_changes(self) -> dict[str, Any]:
        return {"bio": (self.validated_data["user"]["bio"] or "").strip()}
