"""Seed 003's request and response bodies. Input serializers validate; output ones shape."""

from __future__ import annotations

import copy

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from careerhub.api.serializers import FastReadMixin
from tracker.input_fields import (
    CurrencyField,
    HexColorField,
    SeedDateField,
    StorableJsonField,
    TrackerJobTypeField,
    TrackerWorkModeField,
    choice,
    money,
    optional_text,
)
from tracker.models import (
    ActivityLog,
    Application,
    ApplicationStage,
    ApplicationStatus,
    ApplicationTag,
    Contact,
    ContactType,
    Document,
    DocumentType,
    Outcome,
    OutcomeStatus,
    Priority,
    Reflection,
    Reminder,
    ReminderType,
    SavedJob,
    SavedJobStatus,
    Source,
    StageResult,
    StageType,
    Tag,
)

# --- Shared output pieces ---------------------------------------------------------------------


@extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
class JsonObjectField(StorableJsonField):
    pass


def owner_id() -> serializers.UUIDField:
    return serializers.UUIDField(read_only=True)


def _without_required(serializer_class: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The update variant of a create serializer: every field optional (PUT updates what is sent)."""
    fields = {}
    for field_name, field in serializer_class._declared_fields.items():
        kwargs = {**copy.deepcopy(field._kwargs), "required": False}
        fields[field_name] = type(field)(*copy.deepcopy(field._args), **kwargs)
    return type(name, (serializers.Serializer,), {"__doc__": f"{serializer_class.__name__}, every field optional.", **fields})


# --- Tags -------------------------------------------------------------------------------------


class TagSerializer(FastReadMixin, serializers.ModelSerializer):
    user_id = owner_id()

    class Meta:
        model = Tag
        fields = ["id", "user_id", "name", "color", "created_at"]
        read_only_fields = fields


class ApplicationTagSerializer(FastReadMixin, serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    tag_id = serializers.UUIDField(read_only=True)
    tag = TagSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ApplicationTag
        fields = ["id", "application_id", "tag_id", "created_at", "tag"]
        read_only_fields = fields


class TagCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    color = HexColorField(required=False, allow_null=True)


class TagUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, required=False)
    color = HexColorField(required=False)


# --- Applications and their parts -------------------------------------------------------------


class StageSerializer(FastReadMixin, serializers.ModelSerializer):
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


class OutcomeSerializer(FastReadMixin, serializers.ModelSerializer):
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


class ReflectionSerializer(FastReadMixin, serializers.ModelSerializer):
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


class ApplicationSerializer(FastReadMixin, serializers.ModelSerializer):
    """Seed 003 `ApplicationResponse`, plus the application's `tags`."""

    user_id = owner_id()
    job_type = TrackerJobTypeField(read_only=True, allow_null=True)
    work_mode = TrackerWorkModeField(read_only=True, allow_null=True)
    applied_date = SeedDateField(read_only=True, allow_null=True)
    follow_up_date = SeedDateField(read_only=True, allow_null=True)
    resume_version_id = serializers.UUIDField(read_only=True, allow_null=True)
    stages = StageSerializer(many=True, read_only=True)
    outcome = OutcomeSerializer(read_only=True, allow_null=True)
    reflection = ReflectionSerializer(read_only=True, allow_null=True)
    tags = TagSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "user_id",
            "company_name",
            "role_title",
            "url",
            "description",
            "location",
            "job_type",
            "work_mode",
            "salary_min",
            "salary_max",
            "salary_currency",
            "applied_source",
            "applied_date",
            "follow_up_date",
            "priority",
            "notes",
            "status",
            "resume_version_id",
            "created_at",
            "updated_at",
            "stages",
            "outcome",
            "reflection",
            "tags",
        ]
        read_only_fields = fields


class DuplicateSerializer(serializers.ModelSerializer):
    """An existing application for the same company and role."""

    applied_date = SeedDateField(read_only=True, allow_null=True)

    class Meta:
        model = Application
        fields = ["id", "company_name", "role_title", "status", "applied_date", "created_at"]
        read_only_fields = fields


class ApplicationCreatedSerializer(ApplicationSerializer):
    duplicates = DuplicateSerializer(
        many=True,
        read_only=True,
        help_text="Your other applications for the same company and role (an 'already applied?' hint).",
    )

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "duplicates"]
        read_only_fields = fields


class ApplicationInputSerializer(serializers.Serializer):
    company_name = serializers.CharField(max_length=255)
    role_title = serializers.CharField(max_length=255)
    url = optional_text(500)
    description = optional_text()
    location = optional_text(255)
    job_type = TrackerJobTypeField(required=False, allow_null=True)
    work_mode = TrackerWorkModeField(required=False, allow_null=True)
    salary_min = money(required=False, allow_null=True)
    salary_max = money(required=False, allow_null=True)
    salary_currency = CurrencyField(required=False)
    applied_source = choice(Source.choices, required=False, allow_null=True)
    applied_date = SeedDateField(required=False, allow_null=True)
    follow_up_date = SeedDateField(required=False, allow_null=True)
    priority = choice(Priority.choices, required=False, allow_null=True)
    notes = optional_text()
    status = choice(ApplicationStatus.choices, required=False)
    resume_version_id = serializers.UUIDField(required=False, allow_null=True)


ApplicationUpdateInputSerializer = _without_required(ApplicationInputSerializer, "ApplicationUpdateInputSerializer")


class StageInputSerializer(serializers.Serializer):
    stage_name = serializers.CharField(max_length=100)
    stage_type = choice(StageType.choices, required=False, allow_null=True)
    stage_date = SeedDateField(required=False, allow_null=True)
    result = choice(StageResult.choices, required=False)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=100_000, required=False, allow_null=True)
    interviewer_names = optional_text()
    prep_notes = optional_text()
    questions_asked = serializers.ListField(
        child=serializers.CharField(max_length=5000), max_length=500, required=False, allow_null=True
    )
    notes = optional_text()


StageUpdateInputSerializer = _without_required(StageInputSerializer, "StageUpdateInputSerializer")


class OutcomeInputSerializer(serializers.Serializer):
    status = choice(
        OutcomeStatus.choices, required=False, allow_null=True, help_text='Default "Offer"; null also means Offer.'
    )
    salary = money(required=False, allow_null=True)
    salary_currency = CurrencyField(required=False)
    bonus = optional_text()
    equity = optional_text()
    benefits = optional_text()
    start_date = SeedDateField(required=False, allow_null=True)
    deadline = SeedDateField(required=False, allow_null=True)
    negotiation_notes = optional_text()
    notes = optional_text()


class ReflectionInputSerializer(serializers.Serializer):
    what_worked = optional_text()
    what_failed = optional_text()
    skill_gaps = JsonObjectField(required=False, allow_null=True)
    improvement_plan = optional_text()

    def validate_skill_gaps(self, value):
        if value is not None and not isinstance(value, dict):
            raise serializers.ValidationError("Expected a JSON object, e.g. {\"TypeScript\": \"intermediate\"}.")
        return value


# --- Contacts, documents, reminders -----------------------------------------------------------


class ContactSerializer(FastReadMixin, serializers.ModelSerializer):
    user_id = owner_id()
    application_id = serializers.UUIDField(read_only=True, allow_null=True)
    last_contacted = SeedDateField(read_only=True, allow_null=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "user_id",
            "application_id",
            "name",
            "email",
            "phone",
            "role_title",
            "company",
            "contact_type",
            "linkedin_url",
            "notes",
            "last_contacted",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContactInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    application_id = serializers.UUIDField(required=False, allow_null=True)
    email = serializers.EmailField(max_length=255, required=False, allow_null=True, allow_blank=True)
    phone = optional_text(50)
    role_title = optional_text(255)
    company = optional_text(255)
    contact_type = choice(ContactType.choices, required=False)
    linkedin_url = optional_text(500)
    notes = optional_text()
    last_contacted = SeedDateField(required=False, allow_null=True)


ContactUpdateInputSerializer = _without_required(ContactInputSerializer, "ContactUpdateInputSerializer")


class DocumentSerializer(FastReadMixin, serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)

    class Meta:
        model = Document
        fields = ["id", "application_id", "doc_type", "name", "file_url", "notes", "created_at", "updated_at"]
        read_only_fields = fields


class DocumentCreateInputSerializer(serializers.Serializer):
    application_id = serializers.UUIDField()
    name = serializers.CharField(max_length=255)
    doc_type = choice(DocumentType.choices, required=False)
    file_url = optional_text(500)
    notes = optional_text()


class DocumentUpdateInputSerializer(serializers.Serializer):
    doc_type = choice(DocumentType.choices, required=False)
    name = serializers.CharField(max_length=255, required=False)
    file_url = optional_text(500)
    notes = optional_text()


class ReminderSerializer(FastReadMixin, serializers.ModelSerializer):
    user_id = owner_id()
    application_id = serializers.UUIDField(read_only=True, allow_null=True)

    class Meta:
        model = Reminder
        fields = [
            "id",
            "user_id",
            "application_id",
            "title",
            "description",
            "remind_at",
            "reminder_type",
            "is_completed",
            "completed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ReminderCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    remind_at = serializers.DateTimeField(help_text='ISO 8601, e.g. "2026-03-15T09:00:00" (UTC when no offset is given)')
    application_id = serializers.UUIDField(required=False, allow_null=True)
    description = optional_text()
    reminder_type = choice(ReminderType.choices, required=False)


class ReminderUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    description = optional_text()
    remind_at = serializers.DateTimeField(required=False)
    reminder_type = choice(ReminderType.choices, required=False)
    is_completed = serializers.BooleanField(required=False)
    application_id = serializers.UUIDField(required=False, allow_null=True)


# --- Saved jobs -------------------------------------------------------------------------------


class SavedJobSerializer(FastReadMixin, serializers.ModelSerializer):
    user_id = owner_id()
    job_type = TrackerJobTypeField(read_only=True, allow_null=True)
    work_mode = TrackerWorkModeField(read_only=True, allow_null=True)
    deadline = SeedDateField(read_only=True, allow_null=True)
    converted_to_application_id = serializers.UUIDField(read_only=True, allow_null=True)

    class Meta:
        model = SavedJob
        fields = [
            "id",
            "user_id",
            "company_name",
            "role_title",
            "url",
            "company_website",
            "location",
            "job_type",
            "work_mode",
            "salary_range_min",
            "salary_range_max",
            "salary_currency",
            "priority",
            "source",
            "notes",
            "deadline",
            "excitement_level",
            "status",
            "converted_to_application_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SavedJobCreatedSerializer(SavedJobSerializer):
    duplicates = DuplicateSerializer(
        many=True,
        read_only=True,
        help_text="Your applications for the same company and role (an 'already applied?' hint).",
    )

    class Meta(SavedJobSerializer.Meta):
        fields = [*SavedJobSerializer.Meta.fields, "duplicates"]
        read_only_fields = fields


class SavedJobInputSerializer(serializers.Serializer):
    company_name = serializers.CharField(max_length=255)
    role_title = optional_text(255)
    url = optional_text(500)
    company_website = optional_text(500)
    location = optional_text(255)
    job_type = TrackerJobTypeField(required=False, allow_null=True)
    work_mode = TrackerWorkModeField(required=False, allow_null=True)
    salary_range_min = money(required=False, allow_null=True)
    salary_range_max = money(required=False, allow_null=True)
    salary_currency = CurrencyField(required=False)
    priority = choice(Priority.choices, required=False)
    source = optional_text(255)
    notes = optional_text()
    deadline = SeedDateField(required=False, allow_null=True)
    excitement_level = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)


class SavedJobUpdateInputSerializer(_without_required(SavedJobInputSerializer, "SavedJobUpdateBase")):
    status = choice(
        SavedJobStatus.choices,
        required=False,
        help_text="Active or Archived only: Converted is set by /convert.",
    )


class ConvertInputSerializer(serializers.Serializer):
    status = choice(ApplicationStatus.choices, required=False, help_text='The new application\'s status (default "Saved").')
    applied_date = SeedDateField(required=False, allow_null=True)


# --- Activity and analytics -------------------------------------------------------------------


class ActivitySerializer(FastReadMixin, serializers.ModelSerializer):
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


# --- Calendar and CSV -------------------------------------------------------------------------


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Subscribe to this URL in a calendar app; keep it secret.")
    token = serializers.CharField()
    rotated_at = serializers.DateTimeField()


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A CSV file in the export's format (UTF-8).")
    dry_run = serializers.BooleanField(required=False, default=False, help_text="Validate and report; write nothing.")


class SkippedRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    company_name = serializers.CharField()
    role_title = serializers.CharField()
    applied_date = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    stages_imported = serializers.IntegerField()
    skipped = SkippedRowSerializer(many=True)
    dry_run = serializers.BooleanField()
