"""Seed 004 "Admin": cache statistics and estimated savings, and resetting the counters."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import error_response, message_response
from jobs.api.serializers import cache_stats as s
from jobs.generation import cache_stats

RESET_MESSAGE = "Cache metrics reset successfully"
# Specific meanings of two standard codes on these endpoints.
ADMIN_RESPONSES = {
    403: error_response("Not an admin user."),
    503: error_response("Redis is configured but cannot be reached; retry after `Retry-After` seconds."),
}


class CacheStatsView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        summary="Cache statistics and estimated savings (seed 004)",
        responses={200: s.CacheStatsSerializer, **ADMIN_RESPONSES},
    )
    def get(self, request):
        return Response(s.CacheStatsSerializer(cache_stats.cache_statistics()).data)


class CacheMetricsResetView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        summary="Reset the cache hit/miss counters (seed 004); cached data stays",
        request=None,
        responses={200: message_response("CacheMetricsReset"), **ADMIN_RESPONSES},
    )
    def post(self, request):
        cache_stats.cache_metrics_reset()
        return Response({"message": RESET_MESSAGE})
