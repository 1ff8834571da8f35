"""Contacts, documents and reminders."""

from __future__ import annotations

from careerhub.api import serializers
from tracker.api.schema import partial_put_body
from tracker.api.serializers.fields import optional_text, owner_id
from tracker.input_fields import SeedDateField, choice
from tracker.models import NOTES_MAX_LENGTH, Contact, ContactType, Document, DocumentType, Reminder, ReminderType


class ContactSerializer(serializers.ModelSerializer):
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
    notes = optional_text(NOTES_MAX_LENGTH)
    last_contacted = SeedDateField(required=False, allow_null=True)


partial_put_body(ContactInputSerializer, component="ContactUpdateInput")


class DocumentSerializer(serializers.ModelSerializer):
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
    notes = optional_text(NOTES_MAX_LENGTH)


class DocumentUpdateInputSerializer(serializers.Serializer):
    doc_type = choice(DocumentType.choices, required=False)
    name = serializers.CharField(max_length=255, required=False)
    file_url = optional_text(500)
    notes = optional_text(NOTES_MAX_LENGTH)


class ReminderSerializer(serializers.ModelSerializer):
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
    description = optional_text(NOTES_MAX_LENGTH)
    reminder_type = choice(ReminderType.choices, required=False)


class ReminderUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    description = optional_text(NOTES_MAX_LENGTH)
    remind_at = serializers.DateTimeField(required=False)
    reminder_type = choice(ReminderType.choices, required=False)
    is_completed = serializers.BooleanField(required=False)
    application_id = serializers.UUIDField(required=False, allow_null=True)
