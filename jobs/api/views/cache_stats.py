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
        summary="AI cache statistics and estimated savings (admins)",
        description=(
            "How often AI results (cover letters, CV highlights, CV and job readings) were answered from the cache "
            "instead of calling the AI model, per kind, with the estimated money saved and how many results are "
            "cached now. `backend` says which cache answers: `redis`, shared by every server process, or "
            "`locmem`, the in-process cache of a server without Redis, whose figures are that process's own and "
            "whose `memory_used` is null. For admins only."
        ),
        responses={200: s.CacheStatsSerializer, **ADMIN_RESPONSES},
    )
    def get(self, request):
        return Response(s.CacheStatsSerializer(cache_stats.cache_statistics()).data)


class CacheMetricsResetView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        operation_id="admin_cache_reset_metrics",
        summary="Reset the AI cache counters (admins)",
        description="Sets the hit and miss counters back to zero; the cached results themselves stay. For admins only.",
        request=None,
        responses={200: message_response("CacheMetricsReset"), **ADMIN_RESPONSES},
    )
    def post(self, request):
        cache_stats.cache_metrics_reset()
        return Response({"message": RESET_MESSAGE})
