"""Saved searches: a `GET /jobs` query under a name, how often to email what is new for it, and its results."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from jobs.api.serializers.fields import VOCABULARY_INPUT_MAX_LENGTH
from jobs.api.serializers.jobs import JobListQuerySerializer, JobWithMatchSerializer
from jobs.models import DigestFrequency, SavedSearch
from jobs.search import clean_search_text
from jobs.selectors import SAVED_QUERY_FILTERS

ALLOWED_FILTERS = ", ".join(SAVED_QUERY_FILTERS)
ALLOWED_FREQUENCIES = ", ".join(DigestFrequency.values)


@extend_schema_field(JobListQuerySerializer)
class SavedQueryField(serializers.JSONField):
    """The filters of `GET /jobs` as an object, validated as that endpoint validates them; an unknown
    filter is a 400 naming the allowed ones. Stored canonical, shown in `GET /jobs`'s spelling."""

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if not isinstance(data, dict):
            raise serializers.ValidationError(f"Expected an object of GET /jobs filters ({ALLOWED_FILTERS}).", code="invalid")
        unknown = sorted(str(key) for key in data if key not in SAVED_QUERY_FILTERS)
        if unknown:
            raise serializers.ValidationError(
                f"Unknown filter(s): {', '.join(unknown)}. Allowed filters: {ALLOWED_FILTERS}.", code="invalid"
            )
        query = JobListQuerySerializer(data=data)
        if not query.is_valid():
            raise serializers.ValidationError(
                [f"{name}: {message}" for name, messages in query.errors.items() for message in messages], code="invalid"
            )
        values = {key: value for key, value in query.validated_data.items() if value not in ("", None)}
        if "search" in values:
            values["search"] = clean_search_text(values["search"])
        return {key: value for key, value in values.items() if value != ""}

    def to_representation(self, value):
        return JobListQuerySerializer(value or {}).data


class SavedSearchSerializer(serializers.ModelSerializer):
    query = SavedQueryField(read_only=True)
    frequency = serializers.CharField(read_only=True, help_text=f"One of: {ALLOWED_FREQUENCIES}.")
    last_digest_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When the last digest for it was made; the next lists jobs first seen since."
    )

    class Meta:
        model = SavedSearch
        fields = ["id", "name", "query", "min_match_score", "frequency", "last_digest_at", "created_at", "updated_at"]
        read_only_fields = fields


class SavedSearchInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    query = SavedQueryField(help_text=f"The filters of GET /jobs: {ALLOWED_FILTERS}. {{}} finds every job.")
    min_match_score = serializers.FloatField(
        required=False, allow_null=True, min_value=0, max_value=100, help_text="Only jobs whose match score for you is at least this."
    )
    frequency = serializers.CharField(
        required=False,
        max_length=VOCABULARY_INPUT_MAX_LENGTH,
        help_text=f"How often to email the new jobs it finds: {ALLOWED_FREQUENCIES} (default daily)."
    )

    def validate_frequency(self, value: str) -> str:
        if value not in DigestFrequency.values:
            raise serializers.ValidationError(f"'{value}' is not a valid frequency. Allowed values: {ALLOWED_FREQUENCIES}.")
        return value


class SavedSearchResultsSerializer(serializers.Serializer):
    jobs = JobWithMatchSerializer(many=True, help_text="Each with `match`, your score for it.")
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    has_more = serializers.BooleanField()
    total_is_estimate = serializers.BooleanField(help_text="true when `total` is PostgreSQL's estimate (more than 1,000 jobs).")


class UnsubscribeQuerySerializer(serializers.Serializer):
    token = serializers.CharField(required=False, allow_blank=True, max_length=200)
