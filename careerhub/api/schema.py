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


# --- Path parameters ------------------------------------------------------------------------------

# What a caller needs to know about each path parameter: where its value comes from. A name not
# listed here ending in `_id` is described from its name ("group_id" → "The group's id.").
PATH_PARAMETERS = {
    "application_id": "The application's id (a UUID, from `GET /api/v1/applications`).",
    "contact_id": "The contact's id (a UUID, from `GET /api/v1/contacts`).",
    "email": "The email address on the allowlist (URL-encoded; compared case-insensitively).",
    "generation_id": "The `generation_id` a 202 answer gave for this match.",
    "item_id": "`GET`: the application's id, whose documents are listed. `PUT` and `DELETE`: the document's id.",
    "job_id": "The job's id (an integer, from `GET /api/v1/jobs` or `GET /api/v1/user-jobs`).",
    "match_id": "The match's id (a UUID, from `GET /api/v1/matches`).",
    "outcome_id": "The outcome's id (a UUID, from the application's `outcome`).",
    "reflection_id": "The reflection's id (a UUID, from the application's `reflection`).",
    "reminder_id": "The reminder's id (a UUID, from `GET /api/v1/reminders`).",
    "resume_id": "The resume version's id (a UUID, from `GET /api/v1/resumes`).",
    "saved_job_id": "The saved job's id (a UUID, from `GET /api/v1/saved-jobs`).",
    "slug": "The public link's slug, the last part of the link the owner shared.",
    "stage_id": "The stage's id (a UUID, from the application's `stages`).",
    "tag_id": "The tag's id (a UUID, from `GET /api/v1/tags`).",
    "token": "The secret token of your calendar feed, as `GET /api/v1/calendar/feed` gives it in `url`.",
    "user_id": "The user's id (a UUID).",
}


def describe_path_parameters(result, generator, request, public):
    """Give every path parameter without a description of its own the one above (or one made from its name)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "path" or parameter.get("description"):
                    continue
                name = parameter["name"]
                if name in PATH_PARAMETERS:
                    parameter["description"] = PATH_PARAMETERS[name]
                elif name.endswith("_id"):
                    parameter["description"] = f"The {name[:-3].replace('_', ' ')}'s id."
    return result
