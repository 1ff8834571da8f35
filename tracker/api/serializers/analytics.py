"""The activity log, the analytics dashboard and the question bank."""

from __future__ import annotations

from careerhub.api import serializers
from tracker.api.serializers.fields import JsonObjectField, owner_id
from tracker.models import ActivityLog


class ActivitySerializer(serializers.ModelSerializer):
    user_id = owner_id()
    application_id = serializers.UUIDField(read_only=True, allow_null=True)
    metadata = JsonObjectField(read_only=True, allow_null=True)

    class Meta:
        model = ActivityLog
        fields = ["id", "user_id", "application_id", "action", "description", "metadata", "created_at"]
        read_only_fields = fields


class PipelineSerializer(serializers.Serializer):
    status = serializers.CharField()
    count = serializers.IntegerField()


class SourceEffectivenessSerializer(serializers.Serializer):
    source = serializers.CharField()
    applied = serializers.IntegerField()
    interviews = serializers.IntegerField()
    offers = serializers.IntegerField()


class WeeklyTrendSerializer(serializers.Serializer):
    week = serializers.CharField(help_text='ISO week, e.g. "2026-W09"')
    applications = serializers.IntegerField()
    stages = serializers.IntegerField()


class SalaryInsightSerializer(serializers.Serializer):
    applications_with_salary = serializers.IntegerField()
    average_expected_min = serializers.FloatField(allow_null=True)
    average_expected_max = serializers.FloatField(allow_null=True)
    offers_with_salary = serializers.IntegerField()
    average_offered = serializers.FloatField(allow_null=True)
    highest_offer = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField(help_text="All salary figures are for this currency (the one used most).")


class CompanyCountSerializer(serializers.Serializer):
    company = serializers.CharField()
    count = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    """Seed 003 `AnalyticsDashboardResponse`. The rates are defined in docs/tracker.md."""

    pipeline = PipelineSerializer(many=True)
    response_rate = serializers.FloatField()
    interview_rate = serializers.FloatField()
    offer_rate = serializers.FloatField()
    source_breakdown = SourceEffectivenessSerializer(many=True)
    weekly_trend = WeeklyTrendSerializer(many=True)
    salary_insights = SalaryInsightSerializer()
    top_companies = CompanyCountSerializer(many=True)


class QuestionSerializer(serializers.Serializer):
    question = serializers.CharField()
    stage_type = serializers.CharField(allow_null=True)
    company = serializers.CharField()
    role = serializers.CharField()


class QuestionBankSerializer(serializers.Serializer):
    questions = QuestionSerializer(many=True)
    total = serializers.IntegerField()
