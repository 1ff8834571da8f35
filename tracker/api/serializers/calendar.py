"""The calendar feed's secret URL."""

from __future__ import annotations

from careerhub.api import serializers


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Subscribe to this URL in a calendar app; keep it secret.")
    token = serializers.CharField()
    rotated_at = serializers.DateTimeField()
