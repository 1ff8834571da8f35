"""Saved jobs and their conversion to an application."""

from __future__ import annotations

from careerhub.api import serializers
from tracker.api.schema import partial_put_body
from tracker.api.serializers.applications import DuplicateSerializer
from tracker.api.serializers.fields import optional_text, owner_id
from tracker.input_fields import (
    CurrencyField,
    SeedDateField,
    TrackerJobTypeField,
    TrackerWorkModeField,
    choice,
    money,
)
from tracker.models import NOTES_MAX_LENGTH, ApplicationStatus, Priority, SavedJob, SavedJobStatus


class SavedJobSerializer(serializers.ModelSerializer):
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
    notes = optional_text(NOTES_MAX_LENGTH)
    deadline = SeedDateField(required=False, allow_null=True)
    excitement_level = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)


class SavedJobUpdateInputSerializer(SavedJobInputSerializer):
    status = choice(
        SavedJobStatus.choices,
        required=False,
        help_text="Active or Archived only: Converted is set by /convert.",
    )


# The PUT body: SavedJobInputSerializer's fields and the status, validated with partial=True.
partial_put_body(SavedJobUpdateInputSerializer, description="SavedJobInputSerializer, every field optional.")


class ConvertInputSerializer(serializers.Serializer):
    status = choice(ApplicationStatus.choices, required=False, help_text='The new application\'s status (default "Saved").')
    applied_date = SeedDateField(required=False, allow_null=True)
