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
    memory_used = serializers.CharField(help_text='Redis INFO used_memory_human, e.g. "12.5M".')
    key_counts = CacheKeyCountsSerializer()
    total_keys = serializers.IntegerField()


class CacheStatsSerializer(serializers.Serializer):
    available = serializers.BooleanField()
    summary = CacheSummarySerializer()
    breakdown = CacheBreakdownSerializer()
    storage = CacheStorageSerializer()
