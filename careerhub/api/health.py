"""Liveness and database health checks (seed 004 "Health")."""

from django.db import connection
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api import serializers
from careerhub.api.errors import ServiceUnavailable
from careerhub.api.schema import error_response


class HealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["health"],
        responses=inline_serializer("Health", {"status": serializers.CharField(), "timestamp": serializers.DateTimeField()}),
    )
    def get(self, request):
        return Response({"status": "healthy", "timestamp": timezone.now()})


class DatabaseHealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["health"],
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
        except Exception as exc:
            connection.close_if_unusable_or_obsolete()
            raise ServiceUnavailable(f"Database connection failed: {exc.__class__.__name__}.", code="database_unavailable") from exc
        return Response({"status": "healthy", "database": "connected", "timestamp": timezone.now()})


class RootView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request):
        return Response({"message": "Welcome to careerhub API", "docs": "/docs", "schema": "/api/schema/"})
