"""Seed 004 "Jobs" shapes: the listing, a job, the scrape runs, and the signed-in viewer's score
shown on a job (career impact)."""

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from jobs.api.serializers.fields import MAX_SALARY, BlankAsNullCharField, employment_type_field, work_mode_field
from jobs.api.serializers.matches import ReasoningField
from jobs.freshness import freshness_of
from jobs.models import Job, JobSource, ScrapeLog
from jobs.selectors import JOB_SORTS

# --- Output ------------------------------------------------------------------------------------


class FreshnessSerializer(serializers.Serializer):
    status = serializers.CharField(
        help_text="new (first seen in the last 3 days), active, stale (posted or last seen listed more than 30 days ago) "
        "or closed (gone from its board)."
    )
    reposted = serializers.BooleanField(help_text="The same posting was listed before under another id (a ghost-job signal).")
    repost_count = serializers.IntegerField(help_text="How many times it was listed before.")


@extend_schema_field(FreshnessSerializer)
class FreshnessField(serializers.Field):
    """The job's freshness (jobs.freshness), computed from its dates as it is shown."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, job):
        fresh = freshness_of(job)
        return {"status": fresh.status, "reposted": fresh.reposted, "repost_count": fresh.repost_count}


class JobSerializer(serializers.ModelSerializer):
    """Seed 004 `GET /jobs` item, plus when careerhub first and last saw it listed, when it closed, and its freshness."""

    source = serializers.CharField(read_only=True, help_text=f"One of: {', '.join(JobSource.values)}.")
    company = BlankAsNullCharField(read_only=True)
    url = BlankAsNullCharField(read_only=True)
    location = BlankAsNullCharField(read_only=True)
    salary_currency = BlankAsNullCharField(read_only=True)
    remote_type = work_mode_field(read_only=True, allow_null=True)
    job_type = employment_type_field(read_only=True, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    eligible_regions = serializers.ListField(child=serializers.CharField(), read_only=True)
    visa_sponsorship = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="1 = sponsorship offered, 0 = not offered, null = not specified."
    )
    freshness = FreshnessField()

    class Meta:
        model = Job
        fields = [
            "id", "source", "source_id", "url", "title", "company", "description", "salary_min", "salary_max",
            "salary_currency", "location", "remote_type", "job_type", "tags", "eligible_regions", "visa_sponsorship",
            "posted_at", "scraped_at", "first_seen_at", "last_seen_at", "closed_at", "repost_count", "freshness",
        ]
        read_only_fields = fields


class JobDetailSerializer(JobSerializer):
    """Seed 004 `GET /jobs/{id}`: the item plus the raw payload, for a duplicate the listing it belongs to,
    and for a repost the earlier listing."""

    raw_data = serializers.JSONField(read_only=True)

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "raw_data", "duplicate_of", "repost_of", "created_at"]
        read_only_fields = fields


class ScrapeLogSourceSerializer(serializers.ModelSerializer):
    # Plain strings in the schema: "status" names other enums elsewhere in the API.
    status = serializers.CharField(read_only=True, help_text="pending, running, retrying, success, partial, failed or skipped.")

    class Meta:
        model = ScrapeLog
        fields = [
            "id", "source", "status", "attempts", "jobs_found", "jobs_created", "jobs_updated", "jobs_failed", "jobs_closed", "error",
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


# --- The viewer's score on job pages -------------------------------------------------------------


class CareerImpactSerializer(serializers.Serializer):
    """The signed-in user's score for a job (cached under career-impact:v2:{user_id}:{job_id})."""

    score = serializers.FloatField()
    industry_match_percent = serializers.FloatField(
        allow_null=True, help_text="Industry Experience Match % (seed 002 §6); null when the job names no industry."
    )
    reasoning = ReasoningField()
    analysis = serializers.CharField()


@extend_schema_field(CareerImpactSerializer)
class CareerImpactField(serializers.Field):
    """The viewer's score for the job, taken from the view's context (computed in one batch per page).

    Present only for a signed-in viewer; the schema marks it optional for that reason.
    """

    def __init__(self, **kwargs):
        super().__init__(source="*", required=False, **kwargs)

    def to_representation(self, job):
        impact = self.context.get("career_impacts", {}).get(job.pk)
        return CareerImpactSerializer(impact).data if impact is not None else None


class JobWithMatchSerializer(JobSerializer):
    """Seed 004 `GET /jobs` item; for a signed-in viewer also `match`, their score for the job."""

    match = CareerImpactField(help_text="Signed-in viewers only: your score for this job.")

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "match"]
        read_only_fields = JobSerializer.Meta.fields


class JobDetailWithMatchSerializer(JobDetailSerializer):
    """Seed 004 `GET /jobs/{id}`; for a signed-in viewer also `match` (with the Industry Experience Match %)."""

    match = CareerImpactField(help_text="Signed-in viewers only: your score for this job.")

    class Meta(JobDetailSerializer.Meta):
        fields = [*JobDetailSerializer.Meta.fields, "match"]
        read_only_fields = JobDetailSerializer.Meta.fields


# --- Input -------------------------------------------------------------------------------------


class JobListQuerySerializer(serializers.Serializer):
    """The filters of `GET /jobs`; a saved search's `query` is validated by it too."""

    search = serializers.CharField(required=False, allow_blank=True, trim_whitespace=True)
    source = serializers.CharField(required=False, allow_blank=True)
    remote_type = work_mode_field(required=False, allow_blank=True)
    job_type = employment_type_field(required=False, allow_blank=True)
    location = serializers.CharField(required=False, allow_blank=True, trim_whitespace=True, max_length=100)
    min_salary = serializers.IntegerField(required=False, min_value=0, max_value=MAX_SALARY)
    max_salary = serializers.IntegerField(required=False, min_value=0, max_value=MAX_SALARY)
    include_closed = serializers.BooleanField(required=False)
    sort = serializers.ChoiceField(choices=JOB_SORTS, required=False)

    def validate_source(self, value: str) -> str:
        if value and value not in JobSource.values:
            raise serializers.ValidationError(f"'{value}' is not a valid source. Allowed values: {', '.join(JobSource.values)}.")
        return value
