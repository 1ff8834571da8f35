"""Applications (seed 003 `ApplicationResponse`) and their CSV import."""

from __future__ import annotations

from careerhub.api import serializers
from careerhub.api.serializers import FastReadMixin
from tracker.api.schema import partial_put_body
from tracker.api.serializers.fields import optional_text, owner_id
from tracker.api.serializers.stages import OutcomeSerializer, ReflectionSerializer, StageSerializer
from tracker.api.serializers.tags import TagSerializer
from tracker.input_fields import (
    CurrencyField,
    SeedDateField,
    TrackerJobTypeField,
    TrackerWorkModeField,
    choice,
    money,
)
from tracker.models import Application, ApplicationStatus, Priority, Source


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
    posting_closed = serializers.BooleanField(
        read_only=True, help_text="True when the job posting this application was made from (a match) has closed."
    )
    posting_closed_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When that posting closed; null while it is open or when there is none."
    )

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
            "posting_closed",
            "posting_closed_at",
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


partial_put_body(ApplicationInputSerializer, component="ApplicationUpdateInput")


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
