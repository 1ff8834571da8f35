"""An application's interview stages, its outcome and the reflection on it."""

from __future__ import annotations

from careerhub.api import serializers
from tracker.api.schema import partial_put_body
from tracker.api.serializers.fields import JsonObjectField, optional_text
from tracker.input_fields import CurrencyField, SeedDateField, choice, money
from tracker.models import (
    NOTES_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    STAGE_QUESTION_MAX_LENGTH,
    STAGE_QUESTIONS_MAX,
    ApplicationStage,
    Outcome,
    OutcomeStatus,
    Reflection,
    StageResult,
    StageType,
)


class StageSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    stage_date = SeedDateField(read_only=True, allow_null=True)
    questions_asked = serializers.ListField(child=serializers.CharField(), read_only=True, allow_null=True)

    class Meta:
        model = ApplicationStage
        fields = [
            "id",
            "application_id",
            "stage_name",
            "stage_type",
            "stage_date",
            "scheduled_at",
            "result",
            "duration_minutes",
            "interviewer_names",
            "prep_notes",
            "questions_asked",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OutcomeSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    start_date = SeedDateField(read_only=True, allow_null=True)
    deadline = SeedDateField(read_only=True, allow_null=True)

    class Meta:
        model = Outcome
        fields = [
            "id",
            "application_id",
            "status",
            "salary",
            "salary_currency",
            "bonus",
            "equity",
            "benefits",
            "start_date",
            "deadline",
            "negotiation_notes",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ReflectionSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    skill_gaps = JsonObjectField(read_only=True, allow_null=True)

    class Meta:
        model = Reflection
        fields = [
            "id",
            "application_id",
            "what_worked",
            "what_failed",
            "skill_gaps",
            "improvement_plan",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StageInputSerializer(serializers.Serializer):
    stage_name = serializers.CharField(max_length=100)
    stage_type = choice(StageType.choices, required=False, allow_null=True)
    stage_date = SeedDateField(required=False, allow_null=True)
    # When the appointment starts (a timed event in the calendar feed); stage_date is its day.
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True)
    result = choice(StageResult.choices, required=False)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=100_000, required=False, allow_null=True)
    interviewer_names = optional_text(SHORT_TEXT_MAX_LENGTH)
    prep_notes = optional_text(NOTES_MAX_LENGTH)
    questions_asked = serializers.ListField(
        child=serializers.CharField(max_length=STAGE_QUESTION_MAX_LENGTH), max_length=STAGE_QUESTIONS_MAX, required=False, allow_null=True
    )
    notes = optional_text(NOTES_MAX_LENGTH)


partial_put_body(StageInputSerializer, component="StageUpdateInput")


class OutcomeInputSerializer(serializers.Serializer):
    status = choice(
        OutcomeStatus.choices, required=False, allow_null=True, help_text='Default "Offer"; null also means Offer.'
    )
    salary = money(required=False, allow_null=True)
    salary_currency = CurrencyField(required=False)
    bonus = optional_text(SHORT_TEXT_MAX_LENGTH)
    equity = optional_text(SHORT_TEXT_MAX_LENGTH)
    benefits = optional_text(SHORT_TEXT_MAX_LENGTH)
    start_date = SeedDateField(required=False, allow_null=True)
    deadline = SeedDateField(required=False, allow_null=True)
    negotiation_notes = optional_text(NOTES_MAX_LENGTH)
    notes = optional_text(NOTES_MAX_LENGTH)


class ReflectionInputSerializer(serializers.Serializer):
    what_worked = optional_text(NOTES_MAX_LENGTH)
    what_failed = optional_text(NOTES_MAX_LENGTH)
    skill_gaps = JsonObjectField(required=False, allow_null=True)
    improvement_plan = optional_text(NOTES_MAX_LENGTH)

    def validate_skill_gaps(self, value):
        if value is not None and not isinstance(value, dict):
            raise serializers.ValidationError("Expected a JSON object, e.g. {\"TypeScript\": \"intermediate\"}.")
        return value
