"""The calendar feed's secret URL."""

from __future__ import annotations

from careerhub.api import serializers


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField(
        allow_null=True,
        help_text=(
            "Subscribe to this URL in a calendar app; keep it secret. Given only when the feed is created "
            "(the first GET) or rotated: only a hash of its token is stored, so later answers carry null "
            "and a lost URL is replaced by rotating it."
        ),
    )
    token = serializers.CharField(allow_null=True, help_text="The URL's secret token; null as for `url`.")
    rotated_at = serializers.DateTimeField(help_text="When the current URL was made.")
