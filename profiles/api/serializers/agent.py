"""Seed 004's face: `/profile` (and `/auth/me`): full_name, bio, skills, experience_years, preferences."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from careerhub.api import serializers
from careerhub.vocabulary import AGENT, EMPLOYMENT_TYPES, WORK_MODES
from profiles.api.serializers.cv import ParsedCvSerializer
from profiles.api.serializers.fields import ClearableListField, DialectChoiceField, SkillListField, TextListField

MAX_CUSTOM_KEY_LENGTH = 50
MAX_CUSTOM_BYTES = 10_000
MAX_SALARY = 10**12


class AgentPreferencesInputSerializer(serializers.Serializer):
    """Known preference keys are validated and mapped; any other key is a custom preference,
    kept as sent (null removes it). `parsed_cv` is read-only: it comes from the CV upload."""

    READ_ONLY_KEYS = frozenset({"parsed_cv"})

    target_roles = TextListField(item_length=200)
    remote_types = ClearableListField(child=DialectChoiceField(WORK_MODES, AGENT))
    remote_only = serializers.BooleanField(required=False)
    min_salary = serializers.IntegerField(min_value=0, max_value=MAX_SALARY, required=False, allow_null=True)
    max_salary = serializers.IntegerField(min_value=0, max_value=MAX_SALARY, required=False, allow_null=True)
    salary_currency = serializers.RegexField(
        r"^[A-Za-z]{3}$", max_length=3, required=False, help_text="ISO 4217 code, e.g. USD."
    )
    job_types = ClearableListField(child=DialectChoiceField(EMPLOYMENT_TYPES, AGENT))
    preferred_countries = TextListField(item_length=100)
    eligible_regions = TextListField(item_length=100)
    needs_visa_sponsorship = serializers.BooleanField(required=False, allow_null=True)
    citizenships = TextListField(item_length=100, help_text='Countries you are a citizen of ("United States", "UK").')
    security_clearances = TextListField(
        item_length=100, help_text='Security clearances you hold now, level and country ("US Secret", "TS/SCI", "UK SC", "NV1").'
    )

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({"non_field_errors": ["Preferences must be an object."]})
        values = super().to_internal_value(data)
        custom = {key: value for key, value in data.items() if key not in self.fields and key not in self.READ_ONLY_KEYS}
        if any(len(key) > MAX_CUSTOM_KEY_LENGTH for key in custom):
            raise serializers.ValidationError({"non_field_errors": [f"Preference names are at most {MAX_CUSTOM_KEY_LENGTH} characters."]})
        if len(json.dumps(custom)) > MAX_CUSTOM_BYTES:
            raise serializers.ValidationError({"non_field_errors": [f"Custom preferences are at most {MAX_CUSTOM_BYTES} bytes."]})
        values["custom"] = custom
        return values


# seed 004 name -> canonical Profile field
_PREFERENCE_FIELDS = {
    "target_roles": "target_roles",
    "remote_types": "work_modes",
    "remote_only": "remote_only",
    "min_salary": "salary_min",
    "max_salary": "salary_max",
    "job_types": "employment_types",
    "preferred_countries": "preferred_countries",
    "eligible_regions": "eligible_regions",
    "needs_visa_sponsorship": "needs_visa_sponsorship",
    "citizenships": "citizenships",
    "security_clearances": "security_clearances",
}


class AgentProfileInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    bio = serializers.CharField(max_length=5000, required=False, allow_null=True, allow_blank=True)
    skills = SkillListField(help_text="Replaces the skills; names are normalised (postgres → PostgreSQL).")
    experience_years = serializers.IntegerField(min_value=0, max_value=70, required=False, allow_null=True)
    preferences = AgentPreferencesInputSerializer(required=False, help_text="Partial: only the keys sent change.")

    def profile_changes(self) -> dict[str, Any]:
        values = self.validated_data
        changes: dict[str, Any] = {}
        if "full_name" in values:
            changes["display_name"] = values["full_name"] or ""
        if "bio" in values:
            changes["bio"] = values["bio"] or ""
        for name in ("skills", "experience_years"):
            if name in values:
                changes[name] = values[name]
        preferences = dict(values.get("preferences") or {})
        custom = preferences.pop("custom", None)
        for name, value in preferences.items():
            if name == "salary_currency":
                changes["salary_currency"] = value.upper()
            else:
                changes[_PREFERENCE_FIELDS[name]] = value
        if custom:
            changes["custom_preferences_patch"] = custom
        return changes


class AgentPreferencesSerializer(serializers.Serializer):
    """Out: the known keys, then the custom ones (which never shadow a known key)."""

    target_roles = serializers.ListField(child=serializers.CharField())
    remote_types = serializers.ListField(child=DialectChoiceField(WORK_MODES, AGENT), source="work_modes")
    remote_only = serializers.SerializerMethodField()
    min_salary = serializers.IntegerField(source="salary_min", allow_null=True)
    max_salary = serializers.IntegerField(source="salary_max", allow_null=True)
    salary_currency = serializers.CharField()
    job_types = serializers.ListField(child=DialectChoiceField(EMPLOYMENT_TYPES, AGENT), source="employment_types")
    preferred_countries = serializers.ListField(child=serializers.CharField())
    eligible_regions = serializers.ListField(child=serializers.CharField())
    needs_visa_sponsorship = serializers.BooleanField(allow_null=True)
    citizenships = serializers.ListField(child=serializers.CharField())
    security_clearances = serializers.ListField(child=serializers.CharField())
    parsed_cv = ParsedCvSerializer(allow_null=True)

    def get_remote_only(self, profile) -> bool:
        return profile.work_modes == ["remote"]

    def to_representation(self, profile):
        data = super().to_representation(profile)
        for key, value in (profile.custom_preferences or {}).items():
            data.setdefault(key, value)
        return data


class MePreferencesSerializer(AgentPreferencesSerializer):
    """`/auth/me` keeps the preferences light: the parsed CV is at /profile/cv/parsed."""

    parsed_cv = None


class AgentProfileSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="user.id", help_text="The user's id.")
    email = serializers.EmailField(source="user.email")
    full_name = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    skills = serializers.ListField(child=serializers.CharField())
    experience_years = serializers.IntegerField(allow_null=True)
    preferences = AgentPreferencesSerializer(source="*")
    cv_filename = serializers.SerializerMethodField()
    cv_uploaded_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField(source="user.created_at")
    updated_at = serializers.DateTimeField(allow_null=True)

    def get_full_name(self, profile) -> str | None:
        return profile.user.display_name or None

    def get_bio(self, profile) -> str | None:
        return profile.user.bio or None

    def get_cv_filename(self, profile) -> str | None:
        return profile.cv_filename or None


class MeSerializer(serializers.Serializer):
    """Seed 004 `GET /auth/me`: the account with the profile's headline fields."""

    id = serializers.UUIDField(source="user.id")
    email = serializers.EmailField(source="user.email")
    username = serializers.CharField(source="user.username")
    full_name = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    skills = serializers.ListField(child=serializers.CharField())
    experience_years = serializers.IntegerField(allow_null=True)
    preferences = MePreferencesSerializer(source="*")
    cv_uploaded_at = serializers.DateTimeField(allow_null=True)
    is_admin = serializers.BooleanField(source="user.is_admin")
    timezone = serializers.CharField(source="user.timezone", help_text="IANA time zone name (set through PUT /users/me).")
    created_at = serializers.DateTimeField(source="user.created_at")

    def get_full_name(self, profile) -> str | None:
        return profile.user.display_name or None

    def get_bio(self, profile) -> str | None:
        return profile.user.bio or None

