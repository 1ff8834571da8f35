"""Seed 003 resume versions."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework.reverse import reverse

from careerhub.api import serializers
from profiles.api.serializers.fields import HttpUrlField
from profiles.export import FORMATS
from profiles.models import ResumeVersion


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


# --- The tailored content (profiles.resume_content), output only ------------------------------------


class ResumeLinkSerializer(serializers.Serializer):
    network = serializers.CharField(allow_blank=True)
    url = serializers.CharField()


class ResumeLocationSerializer(serializers.Serializer):
    city = serializers.CharField(allow_blank=True)
    region = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)


class ResumeBasicsSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True, help_text="The headline: the current role, from the profile or CV.")
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    location = ResumeLocationSerializer()
    links = ResumeLinkSerializer(many=True)


class ResumeWorkSerializer(serializers.Serializer):
    company = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    start_date = serializers.CharField(allow_blank=True, help_text="As the CV writes it.")
    end_date = serializers.CharField(allow_blank=True)
    highlights = serializers.ListField(child=serializers.CharField())


class ResumeEducationSerializer(serializers.Serializer):
    institution = serializers.CharField(allow_blank=True)
    degree = serializers.CharField(allow_blank=True)
    field = serializers.CharField(allow_blank=True)
    end_date = serializers.CharField(allow_blank=True)


class ResumeContentSerializer(serializers.Serializer):
    basics = ResumeBasicsSerializer()
    summary = serializers.CharField(allow_blank=True)
    skills = serializers.ListField(child=serializers.CharField(), help_text="In the order to show them.")
    work = ResumeWorkSerializer(many=True)
    education = ResumeEducationSerializer(many=True)


class ResumeKeywordsSerializer(serializers.Serializer):
    covered = serializers.ListField(child=serializers.CharField(), help_text="Skills the job asks for that the tailored resume shows.")
    added_from_cv = serializers.ListField(
        child=serializers.CharField(),
        help_text="Of those, the ones the untailored resume did not list: found in the CV and now surfaced.",
    )
    gaps = serializers.ListField(
        child=serializers.CharField(), help_text="Skills the job asks for that the CV does not show: listed here, never added."
    )


class ResumeRemovedClaimSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["employer", "title", "date", "degree", "school", "skill"])
    value = serializers.CharField(help_text="What the model wrote that the CV and profile do not say.")
    where = serializers.CharField(help_text='Where it was, e.g. "work[1].company" or "summary".')


class ResumeTailoredForSerializer(serializers.Serializer):
    job_id = serializers.IntegerField()
    match_id = serializers.UUIDField(allow_null=True)
    title = serializers.CharField()
    company = serializers.CharField(allow_blank=True)


class ResumeVersionSerializer(serializers.ModelSerializer):
    """Seed 003 `ResumeVersionResponse`, plus the uploaded file's name, size and type, and for a
    tailored version the job it was tailored for and the model that did it."""

    user_id = serializers.UUIDField()
    notes = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField(
        help_text="The uploaded file (a short-lived signed URL, or the authenticated /resumes/{id}/file), or the external link set."
    )
    file_name = serializers.SerializerMethodField()
    content_type = serializers.SerializerMethodField()
    tailored_for = serializers.SerializerMethodField(help_text="The job this version was tailored for; null for a plain version.")
    model = serializers.SerializerMethodField(help_text='The model that tailored it, "heuristic", or null for a plain version.')

    class Meta:
        model = ResumeVersion
        fields = [
            "id", "user_id", "version_name", "notes", "file_url", "file_name", "file_size", "content_type",
            "tailored_for", "model", "created_at", "updated_at",
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

    @extend_schema_field(ResumeTailoredForSerializer(allow_null=True))
    def get_tailored_for(self, resume) -> dict | None:
        if resume.tailored_for_job_id is None:
            return None
        return {
            "job_id": resume.tailored_for_job_id,
            "match_id": str(resume.tailored_for_match_id) if resume.tailored_for_match_id else None,
            "title": resume.tailored_for_title,
            "company": resume.tailored_for_company,
        }

    def get_model(self, resume) -> str | None:
        return resume.model or None


class ResumeVersionDetailSerializer(ResumeVersionSerializer):
    """One version with its tailored content and what tailoring reported (null/empty when plain)."""

    content = ResumeContentSerializer(allow_null=True, help_text="The tailored resume; null for a plain version (it exports from the profile).")
    keywords = ResumeKeywordsSerializer(allow_null=True)
    removed_claims = ResumeRemovedClaimSerializer(many=True, help_text="What the no-invention check removed before saving.")

    class Meta(ResumeVersionSerializer.Meta):
        fields = [*ResumeVersionSerializer.Meta.fields, "content", "keywords", "removed_claims"]
        read_only_fields = fields


EXPORT_FORMATS_MESSAGE = f"Choose an export format: {', '.join(FORMATS)}."


class ResumeExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=list(FORMATS),
        help_text="pdf, docx (Word), json (JSON Resume v1.0.0) or md (Markdown).",
        error_messages={"required": EXPORT_FORMATS_MESSAGE, "invalid_choice": EXPORT_FORMATS_MESSAGE, "null": EXPORT_FORMATS_MESSAGE},
    )


class ResumeVersionCreateInputSerializer(serializers.Serializer):
    version_name = serializers.CharField(max_length=50)
    notes = serializers.CharField(max_length=20000, required=False, allow_null=True, allow_blank=True)
    file_url = HttpUrlField(required=False, allow_null=True, allow_blank=True, help_text="An external link to the file.")


class ResumeVersionUpdateInputSerializer(serializers.Serializer):
    version_name = serializers.CharField(max_length=50, required=False, allow_null=True, help_text="null leaves it as is.")
    notes = serializers.CharField(max_length=20000, required=False, allow_null=True, allow_blank=True)
    file_url = HttpUrlField(
        required=False, allow_null=True, allow_blank=True, help_text="An external link; null removes the link and any uploaded file."
    )


class ResumeUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF or Word document (.pdf, .doc, .docx), at most 10 MB, checked by content.")


class ResumeUploadResponseSerializer(serializers.Serializer):
    file_url = serializers.CharField()
    resume = ResumeVersionSerializer()
