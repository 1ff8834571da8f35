"""drf-spectacular hooks and shared schema pieces."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer

from careerhub.api import serializers

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
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An access token from `POST /api/v1/auth/login` (a JWT), or a personal access token (`chp_...`, "
                "`POST /api/v1/auth/tokens`) limited to its scopes: a route outside them answers 403 "
                "`insufficient_scope`."
            ),
        }


# --- Standard error responses --------------------------------------------------------------------

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error shape of every error response.",
    "properties": {
        "detail": {"type": "string", "description": "A human-readable summary."},
        "code": {"type": "string", "description": "A machine-readable code."},
        "errors": {
            "type": "object",
            "description": "Validation errors only: messages per field (dotted paths for nested fields).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "code"],
}
_STANDARD = {
    "400": "Invalid input: `errors` lists the problem with each field or parameter.",
    "401": "No token, or an invalid, expired or revoked one.",
    "403": "Authenticated but not allowed.",
    "404": "Not found, or not yours (someone else's private object is simply not found).",
    "413": "The request body is too large.",
    "415": "The request body is not of a supported media type.",
    "414": "The request line (URL) is longer than the server accepts (8,000 bytes).",
    "431": "The request's headers are too many or too large.",
    "503": "A service this endpoint depends on is unavailable; retry after `Retry-After` seconds.",
}


def _requires_auth(operation: dict) -> bool:
    return any(requirement for requirement in operation.get("security", []))


def add_standard_error_responses(result, generator, request, public):
    """Document the errors any endpoint can answer, in the one error shape.

    Each view documents its own specific errors; this adds the ones that come from the shared
    layer (validation, authentication, missing objects, body limits, outages) wherever they
    can occur, so clients and the schema tests know every status an endpoint may return.
    """
    result.setdefault("components", {}).setdefault("schemas", {}).setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    reference = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            # Refused before any view (careerhub.api.middleware): any operation can answer these.
            codes = ["414", "431", "503"]
            has_query = any(parameter.get("in") == "query" for parameter in operation.get("parameters", []))
            if has_query or operation.get("requestBody"):
                codes.append("400")
            if operation.get("requestBody"):
                codes += ["413", "415"]
            if _requires_auth(operation):
                codes += ["401", "403"]
            if "{" in path:
                codes.append("404")
            for code in codes:
                operation["responses"].setdefault(code, {"description": _STANDARD[code], "content": reference})
    return result
