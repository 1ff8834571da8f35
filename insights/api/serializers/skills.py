from careerhub.api import serializers
from careerhub.skills import MAX_SKILL_LENGTH
from insights.models import CustomSkill


class PopularSkillsSerializer(serializers.Serializer):
    skills = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()
    total = serializers.IntegerField(help_text="How many distinct skills are known (before the limit).")


class CustomSkillInputSerializer(serializers.Serializer):
    skill = serializers.CharField(max_length=MAX_SKILL_LENGTH, help_text=f"1 to {MAX_SKILL_LENGTH} characters.")


class CustomSkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustomSkill
        fields = ["id", "skill", "usage_count", "created_at"]
        read_only_fields = fields
