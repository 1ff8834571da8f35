"""Seed 004 "Matches" shapes: a match with its reasoning, its status, and the refresh of a user's matches."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from jobs.api.serializers.fields import BlankAsNullCharField
from jobs.matching import refresh_state
from jobs.models import Job, Match, MatchStatus

ALLOWED_STATUSES = ", ".join(MatchStatus.values)


def invalid_status(value: str) -> str:
    return f"'{value}' is not a valid status. Allowed values: {ALLOWED_STATUSES}."


# --- Reasoning -----------------------------------------------------------------------------------


class WeightsSerializer(serializers.Serializer):
    skills = serializers.FloatField()
    title = serializers.FloatField()
    experience = serializers.FloatField()
    work_type = serializers.FloatField()
    location = serializers.FloatField()
    salary = serializers.FloatField()


class ReasoningSerializer(serializers.Serializer):
    """Seed 004's reasoning object (every score 0–100), plus the Industry Experience Match %."""

    overall_score = serializers.FloatField()
    skill_score = serializers.FloatField()
    title_score = serializers.FloatField()
    experience_score = serializers.FloatField()
    work_type_score = serializers.FloatField()
    location_score = serializers.FloatField()
    salary_score = serializers.FloatField()
    matching_skills = serializers.ListField(child=serializers.CharField())
    missing_skills = serializers.ListField(child=serializers.CharField())
    weights = WeightsSerializer()
    industry_match_percent = serializers.FloatField(
        allow_null=True,
        help_text="Industry Experience Match % (seed 002 §6); null when the job names no industry.",
    )


@extend_schema_field(ReasoningSerializer)
class ReasoningField(serializers.JSONField):
    """The stored reasoning as it is (empty for a match never scored)."""


# --- Matches -------------------------------------------------------------------------------------


class MatchJobSerializer(serializers.ModelSerializer):
    company = BlankAsNullCharField(read_only=True)
    url = BlankAsNullCharField(read_only=True)
    location = BlankAsNullCharField(read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Job
        fields = ["id", "title", "company", "url", "salary_min", "salary_max", "location", "tags"]
        read_only_fields = fields


class MatchSerializer(serializers.ModelSerializer):
    """Seed 004 `GET /matches` item, plus `updated_at` and `stale`."""

    status = serializers.CharField(read_only=True, help_text=f"One of: {ALLOWED_STATUSES}.")
    reasoning = ReasoningField(read_only=True)
    job = MatchJobSerializer(read_only=True)
    cv_highlights = serializers.ListField(child=serializers.CharField(), read_only=True)
    stale = serializers.SerializerMethodField(
        help_text="True when the profile changed since this score was computed: a refresh will update it."
    )
    job_closed = serializers.SerializerMethodField(
        help_text="True when the posting left its board (such matches are listed only when asked for by status)."
    )

    class Meta:
        model = Match
        fields = [
            "id", "job_id", "user_id", "score", "status", "reasoning", "analysis", "job", "cover_letter", "cv_highlights",
            "created_at", "updated_at", "applied_at", "stale", "job_closed",
        ]
        read_only_fields = fields

    def get_stale(self, match: Match) -> bool:
        current = getattr(match, "profile_scoring_version", None) or 0
        return match.scoring_version is None or match.scoring_version < current

    def get_job_closed(self, match: Match) -> bool:
        return match.job.closed_at is not None


class MatchStatusResultSerializer(serializers.ModelSerializer):
    """Seed 004 `PUT /matches/{id}/status` answer."""

    status = serializers.CharField(read_only=True, help_text=f"One of: {ALLOWED_STATUSES}.")

    class Meta:
        model = Match
        fields = ["id", "job_id", "user_id", "score", "status", "applied_at", "updated_at"]
        read_only_fields = fields


class MatchStatusInputSerializer(serializers.Serializer):
    status = serializers.CharField(help_text=f"One of: {ALLOWED_STATUSES}.")

    def validate_status(self, value: str) -> str:
        if value not in MatchStatus.values:
            raise serializers.ValidationError(invalid_status(value))
        return value


class MatchListQuerySerializer(serializers.Serializer):
    min_score = serializers.FloatField(required=False, default=50.0, min_value=0, max_value=100)
    status = serializers.CharField(required=False, allow_blank=True)

    def validate_status(self, value: str) -> str:
        if value and value not in MatchStatus.values:
            raise serializers.ValidationError(invalid_status(value))
        return value


# --- Refresh -------------------------------------------------------------------------------------


class MatchRefreshSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="processing (a refresh was started) or already_processing.")
    message = serializers.CharField()


class RefreshResultSerializer(serializers.Serializer):
    matches_created = serializers.IntegerField()
    matches_updated = serializers.IntegerField()
    total_jobs_processed = serializers.IntegerField()


class MatchRefreshStatusSerializer(serializers.Serializer):
    status = serializers.CharField(help_text=f"One of: {', '.join(refresh_state.STATUSES)}.")
    message = serializers.CharField()
    result = RefreshResultSerializer(allow_null=True, help_text="Once completed.")
    progress = serializers.IntegerField(allow_null=True, min_value=0, max_value=100, help_text="Percentage done.")
    updated_at = serializers.DateTimeField(allow_null=True)
