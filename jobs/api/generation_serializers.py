"""Seed 004 "Generation" and "Admin" (cache statistics) response shapes. Output only."""

from careerhub.api import serializers


class CoverLetterSerializer(serializers.Serializer):
    cover_letter = serializers.CharField()
    cached = serializers.BooleanField(help_text="True when answered from the 30-day cache without calling the LLM.")
    generated_at = serializers.DateTimeField()
    model = serializers.CharField(help_text='The Claude model that wrote it, or "heuristic" without an API key.')


class HighlightsSerializer(serializers.Serializer):
    highlights = serializers.ListField(child=serializers.CharField(), min_length=3, max_length=5)
    cached = serializers.BooleanField(help_text="True when answered from the 30-day cache without calling the LLM.")
    generated_at = serializers.DateTimeField()
    model = serializers.CharField(help_text='The Claude model that chose them, or "heuristic" without an API key.')


class RegeneratedSerializer(serializers.Serializer):
    message = serializers.CharField()
    cover_letter = serializers.CharField()
    cv_highlights = serializers.ListField(child=serializers.CharField())
    cached = serializers.BooleanField()
    generated_at = serializers.DateTimeField()


class GenerationPendingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["pending", "processing"])
    message = serializers.CharField()
    generation_id = serializers.CharField()
    poll_url = serializers.CharField(help_text="GET it until it answers 200 (the material) or an error.")


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


class CacheKeyCountsSerializer(serializers.Serializer):
    cover_letters = serializers.IntegerField()
    cv_highlights = serializers.IntegerField()
    cv_parses = serializers.IntegerField()
    job_extracts = serializers.IntegerField()


class CacheStorageSerializer(serializers.Serializer):
    memory_used = serializers.CharField(help_text='Redis INFO used_memory_human, e.g. "12.5M".')
    key_counts = CacheKeyCountsSerializer()
    total_keys = serializers.IntegerField()


class CacheStatsSerializer(serializers.Serializer):
    available = serializers.BooleanField()
    summary = CacheSummarySerializer()
    breakdown = CacheBreakdownSerializer()
    storage = CacheStorageSerializer()
