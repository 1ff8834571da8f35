"""Seed 004's job shapes. Work mode and employment type are stored canonically and spoken in
seed 004's spelling here (careerhub.vocabulary, dialect AGENT): `full/hybrid/onsite`,
`permanent/contract/freelance/part-time`."""

from django.core.exceptions import ValidationError as DjangoValidationError

from careerhub.api import serializers
from careerhub.skills import MAX_SKILL_LENGTH, dedupe_skills
from careerhub.vocabulary import AGENT, EMPLOYMENT_TYPES, WORK_MODES, Vocabulary
from jobs.extraction import MAX_TEXT_LENGTH, MIN_TEXT_LENGTH
from jobs.models import Job, JobSource, ScrapeLog
from jobs.normalize import MAX_DESCRIPTION_LENGTH, MAX_PLAUSIBLE_SALARY, MAX_TAGS

MAX_SALARY = 10 * MAX_PLAUSIBLE_SALARY


class VocabularyField(serializers.CharField):
    """A canonical value in, seed 004's spelling out; an unknown spelling is a 400 naming the allowed ones.

    Plain strings in the schema (the allowed values are in the description): the same field
    names carry other dialects' enums elsewhere in the API.
    """

    def __init__(self, vocabulary: Vocabulary, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("help_text", f"One of: {', '.join(vocabulary.allowed(AGENT))}.")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            return self.vocabulary.to_canonical(value, AGENT)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def to_representation(self, value):
        return self.vocabulary.from_canonical(value, AGENT)


def _work_mode(**kwargs) -> VocabularyField:
    return VocabularyField(WORK_MODES, **kwargs)


def _employment_type(**kwargs) -> VocabularyField:
    return VocabularyField(EMPLOYMENT_TYPES, **kwargs)


class BlankAsNullCharField(serializers.CharField):
    """Text stored as "" when unknown, shown as null (seed 004: "Company can be null")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)  # so the schema says the value may be null
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


# --- Output ------------------------------------------------------------------------------------


class JobSerializer(serializers.ModelSerializer):
    """Seed 004 `GET /jobs` item."""

    source = serializers.CharField(read_only=True, help_text=f"One of: {', '.join(JobSource.values)}.")
    company = BlankAsNullCharField(read_only=True)
    url = BlankAsNullCharField(read_only=True)
    location = BlankAsNullCharField(read_only=True)
    salary_currency = BlankAsNullCharField(read_only=True)
    remote_type = _work_mode(read_only=True, allow_null=True)
    job_type = _employment_type(read_only=True, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    eligible_regions = serializers.ListField(child=serializers.CharField(), read_only=True)
    visa_sponsorship = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="1 = sponsorship offered, 0 = not offered, null = not specified."
    )

    class Meta:
        model = Job
        fields = [
            "id", "source", "source_id", "url", "title", "company", "description", "salary_min", "salary_max",
            "salary_currency", "location", "remote_type", "job_type", "tags", "eligible_regions", "visa_sponsorship",
            "posted_at", "scraped_at",
        ]
        read_only_fields = fields


class JobDetailSerializer(JobSerializer):
    """Seed 004 `GET /jobs/{id}`: the item plus the raw payload and, for a duplicate, the listing it belongs to."""

    raw_data = serializers.JSONField(read_only=True)

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "raw_data", "duplicate_of", "created_at"]
        read_only_fields = fields


class UserJobSerializer(serializers.ModelSerializer):
    """Seed 004 user-submitted job."""

    user_id = serializers.UUIDField(source="owner_id", read_only=True)
    source = serializers.CharField(read_only=True)
    company = BlankAsNullCharField(read_only=True)
    url = BlankAsNullCharField(read_only=True)
    location = BlankAsNullCharField(read_only=True)
    salary_currency = BlankAsNullCharField(read_only=True)
    remote_type = _work_mode(read_only=True, allow_null=True)
    job_type = _employment_type(read_only=True, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    eligible_regions = serializers.ListField(child=serializers.CharField(), read_only=True)
    visa_sponsorship = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Job
        fields = [
            "id", "user_id", "title", "company", "description", "url", "source", "tags", "salary_min", "salary_max",
            "salary_currency", "location", "remote_type", "job_type", "eligible_regions", "visa_sponsorship",
            "created_at", "updated_at",
        ]
        read_only_fields = fields


class UserJobListSerializer(serializers.Serializer):
    jobs = UserJobSerializer(many=True)
    total = serializers.IntegerField()


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
    model = serializers.CharField()


class ScrapeLogSourceSerializer(serializers.ModelSerializer):
    # Plain strings in the schema: "status" names other enums elsewhere in the API.
    status = serializers.CharField(read_only=True, help_text="pending, running, retrying, success, partial, failed or skipped.")

    class Meta:
        model = ScrapeLog
        fields = [
            "id", "source", "status", "attempts", "jobs_found", "jobs_created", "jobs_updated", "jobs_failed", "error",
            "created_at", "started_at", "finished_at",
        ]
        read_only_fields = fields


class ScrapeLogSerializer(ScrapeLogSourceSerializer):
    """A run: its totals, and one row per source when it covered several."""

    trigger = serializers.CharField(read_only=True, help_text="schedule, api or command.")
    sources = ScrapeLogSourceSerializer(source="children", many=True, read_only=True)

    class Meta(ScrapeLogSourceSerializer.Meta):
        fields = [*ScrapeLogSourceSerializer.Meta.fields, "trigger", "sources"]
        read_only_fields = fields


class JobsRefreshSerializer(serializers.Serializer):
    message = serializers.CharField()
    sources = serializers.ListField(child=serializers.CharField())
    scrape_log_id = serializers.IntegerField()


# --- Input -------------------------------------------------------------------------------------


class JobListQuerySerializer(serializers.Serializer):
    search = serializers.CharField(required=False, allow_blank=True, trim_whitespace=True)
    source = serializers.CharField(required=False, allow_blank=True)
    remote_type = _work_mode(required=False, allow_blank=True)
    job_type = _employment_type(required=False, allow_blank=True)
    min_salary = serializers.IntegerField(required=False, min_value=0, max_value=MAX_SALARY)
    max_salary = serializers.IntegerField(required=False, min_value=0, max_value=MAX_SALARY)

    def validate_source(self, value: str) -> str:
        if value and value not in JobSource.values:
            raise serializers.ValidationError(f"'{value}' is not a valid source. Allowed values: {', '.join(JobSource.values)}.")
        return value


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
    remote_type = _work_mode(required=False, allow_null=True)
    job_type = _employment_type(required=False, allow_null=True)
    salary_min = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_SALARY)
    salary_max = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_SALARY)
    salary_currency = serializers.RegexField(
        r"^[A-Za-z]{3}$", required=False, allow_null=True, allow_blank=True, help_text="ISO 4217 code, e.g. USD."
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
