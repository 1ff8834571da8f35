"""Seed 004 "User-Submitted Jobs" shapes: a user's own job, its input, and the parse of a pasted posting."""

from careerhub.api import serializers
from careerhub.skills import MAX_SKILL_LENGTH, dedupe_skills
from careerhub.vocabulary import AGENT, EMPLOYMENT_TYPES
from jobs.api.serializers.eligibility import EligibilityField
from jobs.api.serializers.fields import MAX_SALARY, BlankAsNullCharField, employment_type_field, work_mode_field
from jobs.extraction import MAX_TEXT_LENGTH, MIN_TEXT_LENGTH
from jobs.models import Job
from jobs.normalize import MAX_DESCRIPTION_LENGTH, MAX_TAGS

# --- Output ------------------------------------------------------------------------------------


class UserJobSerializer(serializers.ModelSerializer):
    """Seed 004 user-submitted job."""

    user_id = serializers.UUIDField(source="owner_id", read_only=True)
    source = serializers.CharField(read_only=True)
    company = BlankAsNullCharField(read_only=True)
    url = BlankAsNullCharField(read_only=True)
    location = BlankAsNullCharField(read_only=True)
    salary_currency = BlankAsNullCharField(read_only=True)
    remote_type = work_mode_field(read_only=True, allow_null=True)
    job_type = employment_type_field(read_only=True, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    eligible_regions = serializers.ListField(child=serializers.CharField(), read_only=True)
    visa_sponsorship = serializers.IntegerField(read_only=True, allow_null=True)
    eligibility = EligibilityField(help_text="Who the job is for as read from the posting, each value with where it was read.")

    class Meta:
        model = Job
        fields = [
            "id", "user_id", "title", "company", "description", "url", "source", "tags", "salary_min", "salary_max",
            "salary_currency", "location", "remote_type", "job_type", "eligible_regions", "visa_sponsorship",
            "created_at", "updated_at", "eligibility",
        ]
        read_only_fields = fields


class ParsedJobSerializer(serializers.Serializer):
    """Seed 004 `POST /user-jobs/parse` answer, plus which model read it ("heuristic" without a key)."""

    title = serializers.CharField()
    company = serializers.CharField(allow_null=True)
    description = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    location = serializers.CharField(allow_null=True)
    remote_type = serializers.CharField(allow_null=True, help_text="One of: full, hybrid, onsite.")
    job_type = serializers.CharField(allow_null=True, help_text=f"One of: {', '.join(EMPLOYMENT_TYPES.allowed(AGENT))}.")
    salary_min = serializers.IntegerField(allow_null=True)
    salary_max = serializers.IntegerField(allow_null=True)
    salary_currency = serializers.CharField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    eligible_regions = serializers.ListField(child=serializers.CharField())
    visa_sponsorship = serializers.IntegerField(allow_null=True)
    eligibility = EligibilityField(
        help_text="Who the job is for, each value with where it was read: llm (when an LLM read the posting), location or description."
    )
    model = serializers.CharField()


# --- Input -------------------------------------------------------------------------------------


class ParseJobTextSerializer(serializers.Serializer):
    job_text = serializers.CharField(
        min_length=MIN_TEXT_LENGTH,
        max_length=MAX_TEXT_LENGTH,
        help_text=f"The pasted posting, {MIN_TEXT_LENGTH} to {MAX_TEXT_LENGTH} characters.",
    )


class UserJobInputSerializer(serializers.Serializer):
    """Create (title and description required) or, with partial=True, update (seed 004 PUT is partial)."""

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=MAX_DESCRIPTION_LENGTH)
    company = serializers.CharField(max_length=200, required=False, allow_null=True, allow_blank=True)
    url = serializers.URLField(max_length=1000, required=False, allow_null=True, allow_blank=True)
    location = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)
    remote_type = work_mode_field(required=False, allow_null=True)
    job_type = employment_type_field(required=False, allow_null=True)
    salary_min = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_SALARY)
    salary_max = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_SALARY)
    salary_currency = serializers.RegexField(
        r"^[A-Za-z]{3}$", max_length=3, required=False, allow_null=True, allow_blank=True, help_text="ISO 4217 code, e.g. USD."
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=MAX_SKILL_LENGTH), required=False, allow_null=True, max_length=MAX_TAGS
    )
    eligible_regions = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, allow_null=True, max_length=20
    )
    visa_sponsorship = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=1, help_text="1 = offered, 0 = not offered, null = not said."
    )

    def validate_url(self, value):
        if value and not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError("Enter an http:// or https:// address.")
        return value

    def validate_salary_currency(self, value):
        return value.upper() if value else value

    def validate_tags(self, value):
        return dedupe_skills(value) if value is not None else value

    def validate_eligible_regions(self, value):
        return list(dict.fromkeys(v.strip() for v in value if v.strip())) if value is not None else value

    def validate(self, attrs):
        for name in ("title", "description"):
            if name in attrs and not attrs[name].strip():
                raise serializers.ValidationError({name: ["This field may not be blank."]})
        return attrs
