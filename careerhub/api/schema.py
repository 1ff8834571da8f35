"""drf-spectacular hooks and shared schema pieces."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

CANONICAL_PREFIX = "/api/v1/"


def only_canonical_paths(endpoints, **kwargs):
    """The same routes answer under /api/v1/, /api/ and /auth/; the schema lists /api/v1/ only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(CANONICAL_PREFIX)]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


class DetailMessageSerializer(serializers.Serializer):
    """`{"detail": "<Thing> deleted"}` and friends."""

    detail = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


def message_response(name: str, description: str = "") -> OpenApiResponse:
    return OpenApiResponse(
        inline_serializer(name, fields={"message": serializers.CharField()}), description=description
    )


class BearerAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "careerhub.api.authentication.BearerTokenAuthentication"
    name = "BearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
