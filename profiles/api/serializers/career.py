"""Seed 000's face: `/profile/career`, camelCase, inside the `{success, data, message}` envelope."""

from __future__ import annotations

from typing import Any

from careerhub.api import serializers
from careerhub.skills import canonical_skill, skill_key
from careerhub.vocabulary import (
    AVAILABLE_TIME,
    BUDGET,
    CAREER_GOAL,
    COMPANY_SIZE,
    EVENT_TYPE,
    LEARNING_STYLE,
    NETWORKING_GOAL,
    PROFICIENCY,
    SENIORITY,
    TIMEFRAME,
)
from profiles.api.serializers.fields import ClearableListField, DialectChoiceField, SkillListField, TextListField

# camelCase (seed 000) -> canonical Profile field
FIELDS = {
    "currentRole": "current_role",
    "seniority": "seniority",
    "industry": "industry",
    "companySize": "company_size",
    "yearsOfExperience": "experience_years",
    "primarySkills": "skills",
    "skillTags": "skill_tags",
    "skillsToLearn": "skills_to_learn",
    "careerGoals": "career_goals",
    "timeframe": "timeframe",
    "learningStyle": "learning_style",
    "availableTime": "available_time",
    "budget": "budget",
    "interests": "interests",
    "networkingGoals": "networking_goals",
    "preferredEventTypes": "preferred_event_types",
}
REQUIRED_ON_CREATE = ("currentRole", "seniority", "industry")


def _required_text(name: str, label: str) -> serializers.CharField:
    message = f"{name} must be a non-empty string ({label})."
    return serializers.CharField(
        max_length=200,
        required=False,
        error_messages={"blank": message, "null": message, "invalid": message, "required": message},
    )


class SkillTagSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    proficiency = DialectChoiceField(PROFICIENCY)


class SkillTagListField(ClearableListField):
    """Skill tags with canonical names, one tag per skill (the last one sent wins)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", SkillTagSerializer())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        tags: dict[str, dict[str, str]] = {}
        for tag in super().to_internal_value(data):
            name = canonical_skill(tag["name"])
            if name:
                tags[skill_key(name)] = {"name": name, "proficiency": tag["proficiency"]}
        return list(tags.values())


class CareerProfileInputSerializer(serializers.Serializer):
    """PUT merges the fields sent. `currentRole`, `seniority` and `industry` are required when
    the career profile does not exist yet (context `creating`) and can never be blanked."""

    currentRole = _required_text("currentRole", "job title")
    seniority = DialectChoiceField(
        SENIORITY, required=False, error_messages={"null": "seniority must be one of the predefined values."}
    )
    industry = _required_text("industry", "industry focus")
    companySize = DialectChoiceField(COMPANY_SIZE, required=False, allow_null=True)
    yearsOfExperience = serializers.IntegerField(min_value=0, max_value=70, required=False, allow_null=True)
    primarySkills = SkillListField(help_text="At least 3 recommended.")
    skillTags = SkillTagListField()
    skillsToLearn = SkillListField(help_text="At least 2 recommended.")
    careerGoals = ClearableListField(child=DialectChoiceField(CAREER_GOAL), help_text="At least 2 recommended.")
    timeframe = DialectChoiceField(TIMEFRAME, required=False, allow_null=True)
    learningStyle = DialectChoiceField(LEARNING_STYLE, required=False, allow_null=True)
    availableTime = DialectChoiceField(AVAILABLE_TIME, required=False, allow_null=True)
    budget = DialectChoiceField(BUDGET, required=False, allow_null=True)
    interests = TextListField(item_length=100, help_text="At least 3 recommended.")
    networkingGoals = ClearableListField(child=DialectChoiceField(NETWORKING_GOAL))
    preferredEventTypes = ClearableListField(child=DialectChoiceField(EVENT_TYPE))

    def validate(self, attrs):
        if self.context.get("creating"):
            missing = {
                name: [f"{name} is required to create a career profile."] for name in REQUIRED_ON_CREATE if name not in attrs
            }
            if missing:
                raise serializers.ValidationError(missing)
        return attrs

    def profile_changes(self) -> dict[str, Any]:
        changes = {}
        for name, value in self.validated_data.items():
            list_field = isinstance(self.fields[name], serializers.ListField)
            changes[FIELDS[name]] = value if value is not None or list_field or name == "yearsOfExperience" else ""
        return changes


class CareerProfileSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    userId = serializers.UUIDField(source="user_id")
    currentRole = serializers.CharField(source="current_role")
    seniority = DialectChoiceField(SENIORITY)
    industry = serializers.CharField()
    companySize = DialectChoiceField(COMPANY_SIZE, source="company_size", allow_null=True)
    yearsOfExperience = serializers.IntegerField(source="experience_years", allow_null=True)
    primarySkills = serializers.ListField(child=serializers.CharField(), source="skills")
    skillTags = SkillTagSerializer(many=True, source="skill_tags")
    skillsToLearn = serializers.ListField(child=serializers.CharField(), source="skills_to_learn")
    careerGoals = serializers.ListField(child=serializers.CharField(), source="career_goals")
    timeframe = DialectChoiceField(TIMEFRAME, allow_null=True)
    learningStyle = DialectChoiceField(LEARNING_STYLE, source="learning_style", allow_null=True)
    availableTime = DialectChoiceField(AVAILABLE_TIME, source="available_time", allow_null=True)
    budget = DialectChoiceField(BUDGET, allow_null=True)
    interests = serializers.ListField(child=serializers.CharField())
    networkingGoals = serializers.ListField(child=serializers.CharField(), source="networking_goals")
    preferredEventTypes = serializers.ListField(child=serializers.CharField(), source="preferred_event_types")
    createdAt = serializers.DateTimeField(source="career_profile_created_at")
    updatedAt = serializers.DateTimeField(source="updated_at")


class CareerEnvelopeSerializer(serializers.Serializer):
    success = serializers.BooleanField()
    data = CareerProfileSerializer(allow_null=True)
    message = serializers.CharField(required=False)
    hints = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Non-blocking recommendations for better matches."
    )


class CareerErrorSerializer(serializers.Serializer):
    success = serializers.BooleanField(default=False)
    error = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
