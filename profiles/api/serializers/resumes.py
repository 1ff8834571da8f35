"""Seed 003 resume versions."""

from __future__ import annotations

from rest_framework.reverse import reverse

from careerhub.api import serializers
from profiles.api.serializers.fields import HttpUrlField
from profiles.models import RESUME_NOTES_MAX_LENGTH, ResumeVersion


def owner_file_url(resume: ResumeVersion, request) -> str | None:
    """A URL only the owner can fetch.

    On storage that signs its URLs (S3 with querystring auth) that is a short-lived presigned
    URL; anywhere else it is our authenticated download endpoint. Never a public path.
    """
    if resume.file:
        if getattr(resume.file.storage, "querystring_auth", False):
            return resume.file.url
        path = reverse("v1:resume-file", kwargs={"resume_id": resume.pk})
        return request.build_absolute_uri(path) if request is not None else path
    return resume.file_url or None


class ResumeVersionSerializer(serializers.ModelSerializer):
    """Seed 003 `ResumeVersionResponse`, plus the uploaded file's name, size and type."""

    user_id = serializers.UUIDField()
    notes = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField(
        help_text="The uploaded file (a short-lived signed URL, or the authenticated /resumes/{id}/file), or the external link set."
    )
    file_name = serializers.SerializerMethodField()
    content_type = serializers.SerializerMethodField()

    class Meta:
        model = ResumeVersion
        fields = [
            "id", "user_id", "version_name", "notes", "file_url", "file_name", "file_size", "content_type",
            "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_notes(self, resume) -> str | None:
        return resume.notes or None

    def get_file_url(self, resume) -> str | None:
        return owner_file_url(resume, self.context.get("request"))

    def get_file_name(self, resume) -> str | None:
        return resume.file_name or None

    def get_content_type(self, resume) -> str | None:
        return resume.content_type or None


class ResumeVersionCreateInputSerializer(serializers.Serializer):
    version_name = serializers.CharField(max_length=50)
    notes = serializers.CharField(max_length=RESUME_NOTES_MAX_LENGTH, required=False, allow_null=True, allow_blank=True)
    file_url = HttpUrlField(required=False, allow_null=True, allow_blank=True, help_text="An external link to the file.")


class ResumeVersionUpdateInputSerializer(serializers.Serializer):
    version_name = serializers.CharField(max_length=50, required=False, allow_null=True, help_text="null leaves it as is.")
    notes = serializers.CharField(max_length=RESUME_NOTES_MAX_LENGTH, required=False, allow_null=True, allow_blank=True)
    file_url = HttpUrlField(
        required=False, allow_null=True, allow_blank=True, help_text="An external link; null removes the link and any uploaded file."
    )


class ResumeUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF or Word document (.pdf, .doc, .docx), at most 10 MB, checked by content.")


class ResumeUploadResponseSerializer(serializers.Serializer):
    file_url = serializers.CharField()
    resume = ResumeVersionSerializer()
