"""Seed 004 "Jobs" shapes: the listing, a job, the scrape runs, and the signed-in viewer's score
shown on a job (career impact)."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from careerhub.api.serializers import FastReadMixin
from jobs.api.serializers.eligibility import EligibilityField
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


class JobSerializer(FastReadMixin, serializers.ModelSerializer):
    """Seed 004 `GET /jobs` item, plus when careerhub first and last saw it listed, when it closed, and its freshness."""

    # FastReadMixin: DRF's generic walk of 24 fields was ~150 µs a job, 7 ms of a page of 50 — a third
    # of a search's time at 1,000,000 jobs (bench/search.py). The output is DRF's (jobs/tests/test_jobs_api.py).

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
    source_attribution = BlankAsNullCharField(
        read_only=True,
        help_text='The credit the source asks for, to show with the job ("Jobs by Remotive (https://remotive.com)"); '
        "null when it asks for none.",
    )

    class Meta:
        model = Job
        fields = [
            "id", "source", "source_id", "url", "title", "company", "description", "salary_min", "salary_max",
            "salary_currency", "location", "remote_type", "job_type", "tags", "eligible_regions", "visa_sponsorship",
            "posted_at", "scraped_at", "first_seen_at", "last_seen_at", "closed_at", "repost_count", "freshness",
            "source_attribution",
        ]
        read_only_fields = fields


class JobDetailSerializer(JobSerializer):
    """Seed 004 `GET /jobs/{id}`: the item plus the raw payload, for a duplicate the listing it belongs to,
    for a repost the earlier listing, and who the job is for as read from the posting."""

    raw_data = serializers.JSONField(read_only=True)
    eligibility = EligibilityField(help_text="Who the job is for as read from the posting, each value with where it was read.")

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "raw_data", "duplicate_of", "repost_of", "created_at", "eligibility"]
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
    message = serializers.CharField(
        help_text='"Job scraping started" while the run goes on in the background; otherwise what the finished run did.'
    )
    sources = serializers.ListField(child=serializers.CharField(), help_text="The sources this run scrapes.")
    scrape_log_id = serializers.IntegerField(help_text="The run's id; `log_url` shows its progress and outcome.")
    status = serializers.CharField(help_text="The run's status: pending, running, success, partial, failed or skipped.")
    finished = serializers.BooleanField(help_text="True when the run had already finished when this answer was written.")
    jobs_found = serializers.IntegerField(help_text="Postings read so far, over every source.")
    jobs_created = serializers.IntegerField(help_text="New jobs stored so far.")
    jobs_updated = serializers.IntegerField(help_text="Known jobs updated so far.")
    jobs_failed = serializers.IntegerField(help_text="Postings that could not be read or stored so far.")
    log_url = serializers.CharField(help_text="Where the run's log is: its status, counts and errors per source.")


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


# The request guard already refuses a request line this long (414), so no longer search arrives;
# one longer than jobs.search.MAX_SEARCH_LENGTH is cut at a word. (Not in the schema: a value over
# it could only be sent in a URL the guard refuses first.)
SEARCH_INPUT_MAX_LENGTH = settings.REQUEST_LINE_MAX_BYTES


class JobListQuerySerializer(serializers.Serializer):
    """The filters of `GET /jobs`; a saved search's `query` is validated by it too."""

    search = serializers.CharField(max_length=SEARCH_INPUT_MAX_LENGTH, required=False, allow_blank=True, trim_whitespace=True)
    source = serializers.CharField(max_length=50, required=False, allow_blank=True)
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
