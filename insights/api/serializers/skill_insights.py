"""Seed 004 `GET /insights/skills`. Output only."""

from careerhub.api import serializers


class MarketSkillSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Relevant jobs asking for the skill.")
    frequency = serializers.FloatField(help_text="Share of the relevant jobs asking for it (0–1).")
    avg_salary = serializers.IntegerField(allow_null=True, help_text="Average salary of those jobs, in the user's currency.")
    jobs_with_salary = serializers.IntegerField()


class MatchImpactSerializer(serializers.Serializer):
    matches_considered = serializers.IntegerField(help_text="The user's top matches (at most 50) re-scored with the skill added.")
    matches_improved = serializers.IntegerField(help_text="How many of them would score higher.")
    average_gain = serializers.FloatField(help_text="Average points gained by those that improve.")
    max_gain = serializers.FloatField(help_text="The largest gain, in points (0–100 scale).")


class RecommendationSerializer(serializers.Serializer):
    skill = serializers.CharField()
    priority = serializers.CharField(help_text="high, medium or low.")
    reason = serializers.CharField()
    learning_effort = serializers.CharField(help_text="low, medium or high (from how the skill relates to the user's).")
    salary_impact = serializers.IntegerField(
        allow_null=True, help_text="Average salary of jobs asking for it minus of those that do not (null without data)."
    )
    frequency = serializers.IntegerField(help_text="Relevant jobs asking for the skill.")
    match_impact = MatchImpactSerializer()


class SkillInsightsSerializer(serializers.Serializer):
    user_id = serializers.CharField()
    analysis_date = serializers.DateTimeField()
    jobs_analyzed = serializers.IntegerField()
    user_skills = serializers.ListField(child=serializers.CharField())
    skill_gaps = serializers.ListField(child=serializers.CharField())
    market_skills = serializers.DictField(child=MarketSkillSerializer())
    recommendations = RecommendationSerializer(many=True)
