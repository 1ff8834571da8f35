"""Seed 004 "Generation" response shapes: the material, and where to poll a long generation. Output only."""

from careerhub.api import serializers
from profiles.api.serializers.resumes import ResumeVersionDetailSerializer


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


class TailoredResumeSerializer(ResumeVersionDetailSerializer):
    """The resume version tailoring created (or kept), as GET /resumes/{id} shows it, plus `cached`."""

    cached = serializers.SerializerMethodField(
        help_text="True when answered from the 30-day cache (this job, this exact CV and profile) without calling the LLM."
    )

    class Meta(ResumeVersionDetailSerializer.Meta):
        fields = [*ResumeVersionDetailSerializer.Meta.fields, "cached"]
        read_only_fields = fields

    def get_cached(self, resume) -> bool:
        return bool(self.context.get("cached"))
