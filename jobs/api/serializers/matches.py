"""Seed 004 "Matches" shapes: a match with its reasoning, its status, and the refresh of a user's matches."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from jobs.api.serializers.fields import BlankAsNullCharField
from jobs.matching import refresh_state
from jobs.matching.blocklist import MAX_BLOCKLIST_ENTRIES, MAX_ENTRY_LENGTH
from jobs.matching.services import REASONED_STATUSES
from jobs.models import FeedbackReason, Job, Match, MatchStatus

ALLOWED_STATUSES = ", ".join(MatchStatus.values)
ALLOWED_REASONS = ", ".join(FeedbackReason.values)


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


class LimitSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="What holds: region, visa, clearance, employment_type, salary, seniority, role_family, ...")
    detail = serializers.CharField(help_text="The reason in a sentence, for the user.")


class ReasoningSerializer(serializers.Serializer):
    """Seed 004's reasoning object (every score 0–100), plus the Industry Experience Match %, and the
    blockers and caveats behind the overall score."""

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
    blockers = LimitSerializer(
        many=True,
        help_text="Why the job is not for this user, most decisive first; any blocker caps overall_score at 35.",
    )
    caveats = LimitSerializer(many=True, help_text="Drawbacks that lowered overall_score without blocking it.")


@extend_schema_field(ReasoningSerializer)
class ReasoningField(serializers.JSONField):
    """The stored reasoning (empty for a match never scored); one scored before blockers and caveats
    existed shows empty lists for them."""

    def to_representation(self, value):
        if isinstance(value, dict) and value:
            value = {**value, "blockers": value.get("blockers") or [], "caveats": value.get("caveats") or []}
        return super().to_representation(value)


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
    """Seed 004 `PUT /matches/{id}/status` answer, plus the reason recorded with it."""

    status = serializers.CharField(read_only=True, help_text=f"One of: {ALLOWED_STATUSES}.")
    reason = BlankAsNullCharField(
        source="feedback_reason", read_only=True, help_text=f"Why it was hidden or rejected (one of: {ALLOWED_REASONS}); null when not said."
    )

    class Meta:
        model = Match
        fields = ["id", "job_id", "user_id", "score", "status", "reason", "applied_at", "updated_at"]
        read_only_fields = fields


class MatchStatusInputSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20, help_text=f"One of: {ALLOWED_STATUSES}.")
    reason = serializers.CharField(
        max_length=20,
        required=False,
        allow_null=True,
        help_text=(
            f"Only with hidden or rejected: why ({ALLOWED_REASONS}). `company` also blocks the job's company; "
            "reasons given again and again tune your matches (docs/matching.md)."
        ),
    )

    def validate_status(self, value: str) -> str:
        if value not in MatchStatus.values:
            raise serializers.ValidationError(invalid_status(value))
        return value

    def validate_reason(self, value: str | None) -> str | None:
        if value is not None and value not in FeedbackReason.values:
            raise serializers.ValidationError(f"'{value}' is not a valid reason. Allowed values: {ALLOWED_REASONS}.")
        return value

    def validate(self, attrs):
        if attrs.get("reason") is not None and attrs.get("status") not in REASONED_STATUSES:
            raise serializers.ValidationError({"reason": [f"A reason goes only with hidden or rejected. Allowed values: {ALLOWED_REASONS}."]})
        return attrs


class StrictQueryBooleanField(serializers.Field):
    """A boolean query parameter read as strictly as the other filters (careerhub.api.filters):
    `true` or `false`, given once; anything else is a 400 naming the parameter."""

    default_error_messages = {"invalid": "Must be true or false.", "repeated": "Give this parameter once."}

    def get_value(self, dictionary):
        # DRF reads a blank query parameter as absent; sent, it must be a valid value.
        if hasattr(dictionary, "getlist") and self.field_name in dictionary:
            values = dictionary.getlist(self.field_name)
            return values if len(values) > 1 else values[0]
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if isinstance(data, list):
            self.fail("repeated")
        if data == "true":
            return True
        if data == "false":
            return False
        self.fail("invalid")

    def to_representation(self, value):
        return bool(value)


class MatchListQuerySerializer(serializers.Serializer):
    min_score = serializers.FloatField(required=False, default=50.0, min_value=0, max_value=100)
    status = serializers.CharField(max_length=20, required=False, allow_blank=True)
    include_blocked = StrictQueryBooleanField(required=False, default=False)

    def validate_status(self, value: str) -> str:
        if value and value not in MatchStatus.values:
            raise serializers.ValidationError(invalid_status(value))
        return value


# --- Blocklist -----------------------------------------------------------------------------------


class MatchBlocklistSerializer(serializers.Serializer):
    """The user's match blocklist, in and out: a job from a listed company, or whose title holds a
    listed keyword, is never matched."""

    companies = serializers.ListField(
        child=serializers.CharField(max_length=MAX_ENTRY_LENGTH),
        max_length=MAX_BLOCKLIST_ENTRIES,
        help_text=f"Company names, at most {MAX_BLOCKLIST_ENTRIES}; compared case- and legal-form-insensitively (Acme = ACME Inc.).",
    )
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=MAX_ENTRY_LENGTH),
        max_length=MAX_BLOCKLIST_ENTRIES,
        help_text=f"Words or phrases, at most {MAX_BLOCKLIST_ENTRIES}; a job whose title holds one as whole words is never matched.",
    )


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
