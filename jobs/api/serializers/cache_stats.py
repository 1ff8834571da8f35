"""Seed 004 "Admin" cache statistics shapes. Output only."""

from careerhub.api import serializers


class CategoryStatsSerializer(serializers.Serializer):
    hits = serializers.IntegerField()
    misses = serializers.IntegerField()
    total_requests = serializers.IntegerField()
    hit_rate_percent = serializers.FloatField()
    cost_per_miss_usd = serializers.FloatField()
    savings_usd = serializers.FloatField()


class CacheSummarySerializer(serializers.Serializer):
    total_hits = serializers.IntegerField()
    total_misses = serializers.IntegerField()
    total_requests = serializers.IntegerField()
    hit_rate_percent = serializers.FloatField()
    total_savings_usd = serializers.FloatField()


class CacheBreakdownSerializer(serializers.Serializer):
    cover_letter = CategoryStatsSerializer()
    cv_highlights = CategoryStatsSerializer()
    cv_parse = CategoryStatsSerializer()
    job_extract = CategoryStatsSerializer()
    resume_tailor = CategoryStatsSerializer(help_text="Resumes tailored to a job (not in seed 004).")
    inbox_classify = CategoryStatsSerializer(help_text="Employer emails classified by the inbox (not in seed 004).")


class CacheKeyCountsSerializer(serializers.Serializer):
    cover_letters = serializers.IntegerField()
    cv_highlights = serializers.IntegerField()
    cv_parses = serializers.IntegerField()
    job_extracts = serializers.IntegerField()
    resume_tailors = serializers.IntegerField()
    inbox_classifications = serializers.IntegerField()


class CacheStorageSerializer(serializers.Serializer):
    memory_used = serializers.CharField(
        allow_null=True,
        help_text='The memory Redis uses (its INFO `used_memory_human`, e.g. "12.5M"); null on the local-memory cache, '
        "which cannot tell.",
    )
    key_counts = CacheKeyCountsSerializer(help_text="How many results of each kind are cached now.")
    total_keys = serializers.IntegerField(help_text="The sum of `key_counts`.")


class CacheStatsSerializer(serializers.Serializer):
    available = serializers.BooleanField(help_text="Always true when the statistics answer (a down Redis is a 503).")
    backend = serializers.ChoiceField(
        choices=["redis", "locmem"],
        help_text="`redis` (shared by every process), or `locmem`: the local-memory cache of the embedded default, "
        "whose counters and key counts are this server process's own.",
    )
    summary = CacheSummarySerializer()
    breakdown = CacheBreakdownSerializer()
    storage = CacheStorageSerializer()
