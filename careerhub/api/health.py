"""The API root, liveness, readiness and database health checks (seed 004 "Health")."""

from django.conf import settings
from django.db import connection
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api import serializers
from careerhub.api.errors import ServiceUnavailable, error_body
from careerhub.api.schema import error_response
from careerhub.readiness import CHECK_STATUSES, READINESS_STATUSES, readiness_report

API_NAME = "careerhub API"
# Where a client finds its way around; relative to the host that answered.
API_LINKS = {
    "self": "/api/v1/",
    "docs": "/docs",
    "redoc": "/redoc",
    "schema": "/api/schema/?format=json",
    "health": "/health",
    "readiness": "/health/ready",
}
# A probe that finds the instance not ready asks again after this many seconds.
NOT_READY_RETRY_AFTER_SECONDS = 10


def api_root_body() -> dict:
    return {"name": API_NAME, "version": settings.SPECTACULAR_SETTINGS["VERSION"], "links": API_LINKS}


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


ApiRootSerializer = inline_serializer(
    "ApiRoot",
    {
        "name": serializers.CharField(),
        "version": serializers.CharField(help_text="The API's version (the OpenAPI document's `info.version`)."),
        "links": serializers.DictField(
            child=serializers.CharField(),
            help_text="Paths of the documentation (`docs`, `redoc`), the OpenAPI schema, and the health checks.",
        ),
    },
)


class ApiRootView(PublicView):
    @extend_schema(
        tags=["health"],
        operation_id="api_root",
        summary="API root",
        description="The API's name and version, and links to its documentation, its OpenAPI schema and its health checks. "
        "No authentication.",
        responses=ApiRootSerializer,
        examples=[OpenApiExample("API root", value=api_root_body(), response_only=True)],
    )
    def get(self, request):
        return Response(api_root_body())


class HealthView(PublicView):
    @extend_schema(
        tags=["health"],
        summary="Liveness",
        description="Answers as long as the process serves requests; reaches no dependency. "
        "Use `/health/ready` to learn whether the database, cache, broker and file store answer.",
        responses=inline_serializer("Health", {"status": serializers.CharField(), "timestamp": serializers.DateTimeField()}),
    )
    def get(self, request):
        return Response({"status": "healthy", "timestamp": timezone.now()})


class ReadinessCheckSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CHECK_STATUSES)
    latency_ms = serializers.FloatField(help_text="How long the check took, in milliseconds.")
    detail = serializers.CharField(help_text="What answered (`postgresql`, `redis`, `s3 bucket careerhub`, ...) or why it did not.")


class ReadinessSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=READINESS_STATUSES)
    checks = serializers.DictField(
        child=ReadinessCheckSerializer(), help_text="One entry per dependency: `database`, `cache`, `broker`, `file_store`."
    )
    timestamp = serializers.DateTimeField()


class NotReadySerializer(ReadinessSerializer):
    """The one error shape's `detail` and `code`, with the report."""

    detail = serializers.CharField(help_text="Which dependencies are down.")
    code = serializers.CharField(help_text="`not_ready`.")


class ReadinessView(PublicView):
    @extend_schema(
        tags=["health"],
        summary="Readiness",
        description="Checks the database, the cache, the Celery broker and the file store, each with its status and latency. "
        "200 when every one answers; 503 (with `Retry-After`) naming the ones that are down otherwise. "
        "For load balancers and orchestrators deciding whether to send traffic to this instance.",
        responses={
            200: ReadinessSerializer,
            503: OpenApiResponse(NotReadySerializer, description="At least one dependency is down."),
        },
    )
    def get(self, request):
        ready, checks = readiness_report()
        body = {"status": READINESS_STATUSES[0] if ready else READINESS_STATUSES[1], "checks": checks, "timestamp": timezone.now()}
        if ready:
            return Response(body)
        down = [name.replace("_", " ") for name, check in checks.items() if check["status"] != "ok"]
        error = error_body(f"Not ready: {', '.join(down)} unavailable.", "not_ready")
        return Response({**error, **body}, status=503, headers={"Retry-After": str(NOT_READY_RETRY_AFTER_SECONDS)})


class DatabaseHealthView(PublicView):
    @extend_schema(
        tags=["health"],
        summary="Database health",
        description="Runs `SELECT 1` on the database.",
        responses={
            200: inline_serializer(
                "DatabaseHealth",
                {"status": serializers.CharField(), "database": serializers.CharField(), "timestamp": serializers.DateTimeField()},
            ),
            503: error_response("The database is unreachable."),
        },
    )
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception as exc:  # noqa: BLE001 - any failure to reach the database is this check's answer
            connection.close_if_unusable_or_obsolete()
            raise ServiceUnavailable(f"Database connection failed: {exc.__class__.__name__}.", code="database_unavailable") from exc
        return Response({"status": "healthy", "database": "connected", "timestamp": timezone.now()})


class RootView(PublicView):
    @extend_schema(exclude=True)
    def get(self, request):
        return Response({"message": "Welcome to careerhub API", **api_root_body()})
