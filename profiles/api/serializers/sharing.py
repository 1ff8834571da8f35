"""Public sharing: the owner's settings and what a shared link shows."""

from __future__ import annotations

from rest_framework.reverse import reverse

from careerhub.api import serializers
from profiles.api.serializers.cv import CvEducationSerializer, CvExperienceSerializer
from profiles.api.serializers.seeker import ContactInformationSerializer, SocialLinkSerializer
from profiles.models import DEFAULT_SHARE_SECTIONS, SHARE_SECTIONS


class SharingInputSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(required=False)
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=SHARE_SECTIONS),
        required=False,
        max_length=len(SHARE_SECTIONS),
        help_text=f"What the link shows; default {', '.join(DEFAULT_SHARE_SECTIONS)}. Contact details only when listed.",
    )
    regenerate_slug = serializers.BooleanField(default=False, help_text="Replace the link (the old one stops working).")


class SharingSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(source="share_enabled")
    slug = serializers.CharField(source="share_slug")
    url = serializers.SerializerMethodField()
    sections = serializers.ListField(child=serializers.CharField(), source="share_sections")

    def get_url(self, profile) -> str:
        path = reverse("v1:public-profile", kwargs={"slug": profile.share_slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class PublicExperienceSerializer(serializers.Serializer):
    current_role = serializers.CharField(allow_null=True)
    seniority = serializers.CharField(allow_null=True)
    industry = serializers.CharField(allow_null=True)
    experience_years = serializers.IntegerField(allow_null=True)
    positions = CvExperienceSerializer(many=True)
    education = CvEducationSerializer(many=True)


class PublicProfileSerializer(serializers.Serializer):
    """Only what the owner made public: sections not shared are absent."""

    slug = serializers.CharField()
    full_name = serializers.CharField(allow_null=True)
    summary = serializers.CharField(allow_null=True, required=False)
    skills = serializers.ListField(child=serializers.CharField(), required=False)
    experience = PublicExperienceSerializer(required=False)
    social_links = SocialLinkSerializer(many=True, required=False)
    contact = ContactInformationSerializer(required=False)

    def to_representation(self, profile):
        sections = set(profile.share_sections or ())
        user = profile.user
        data: dict = {"slug": profile.share_slug, "full_name": user.display_name or None}
        if "summary" in sections:
            data["summary"] = user.bio or None
        if "skills" in sections:
            data["skills"] = list(profile.skills)
        if "experience" in sections:
            parsed = profile.parsed_cv or {}
            data["experience"] = {
                "current_role": profile.current_role or None,
                "seniority": profile.seniority or None,
                "industry": profile.industry or None,
                "experience_years": profile.experience_years,
                "positions": parsed.get("experience") or [],
                "education": parsed.get("education") or [],
            }
        if "social_links" in sections:
            data["social_links"] = list(profile.social_links)
        if "contact" in sections:
            data["contact"] = ContactInformationSerializer(profile).data
        return data

