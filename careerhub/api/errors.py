"""The one error shape (DESIGN §2) and the domain exceptions that produce it.

Every error leaves the API as
    {"detail": "human-readable summary", "code": "machine_code", "errors": {"field": [...]}}
with `errors` present only for validation failures. Services raise the exceptions below
(or Django/DRF ones); views never build error responses by hand.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.views import csrf, defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status

logger = logging.getLogger(__name__)

NON_FIELD_KEY = "non_field_errors"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body or file is too large."
    default_code = "payload_too_large"


class UnsupportedFileType(exceptions.APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = "This file type is not supported."
    default_code = "unsupported_file_type"


class Unprocessable(exceptions.APIException):
    """Well-formed input the server cannot make sense of (an unreadable CV, for example).

    A 400 like every other input careerhub refuses (DESIGN §2: never 422); the `code` tells
    this case (`no_text`, `cv_unparseable`, ...) from a field that failed validation (`invalid`).
    """

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The content could not be processed."
    default_code = "unprocessable"


class ServiceUnavailable(exceptions.APIException):
    """A dependency (LLM, broker, cache, database) is down; the client should retry later."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A service this request depends on is unavailable. Try again shortly."
    default_code = "service_unavailable"

    def __init__(self, detail: str | None = None, code: str | None = None, retry_after: int = 30):
        super().__init__(detail, code)
        self.retry_after = retry_after


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into {"field.sub.0": ["message", ...]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return {prefix or NON_FIELD_KEY: [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            if not item:
                continue
            name = f"{prefix}.{index}" if prefix else str(index)
            for field, messages in _flatten(item, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    return {prefix or NON_FIELD_KEY: [str(detail)]}


def _summary(errors: dict[str, list[str]]) -> str:
    for field, messages in errors.items():
        if messages:
            return messages[0] if field == NON_FIELD_KEY else f"{field}: {messages[0]}"
    return "Invalid input."


def error_body(detail: str, code: str, errors: dict[str, list[str]] | None = None) -> dict:
    body: dict[str, Any] = {"detail": detail, "code": code}
    if errors is not None:
        body["errors"] = errors
    return body


def _convert(exc: Exception) -> Exception:
    """Map Django, database and infrastructure exceptions onto API exceptions."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_KEY: exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, TooManyFieldsSent):
        return exceptions.ValidationError({NON_FIELD_KEY: ["Too many fields in the request."]})
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ParseError("The request could not be understood.")
    if isinstance(exc, DataError):
        # A value the database cannot hold (a number out of range): the input's fault, not ours.
        logger.warning("Database refused a value: %s", exc)
        return exceptions.ValidationError({NON_FIELD_KEY: ["A value is outside the range the service can store."]})
    if isinstance(exc, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable: %s", exc)
        return ServiceUnavailable("The database is unavailable. Try again shortly.", code="database_unavailable")
    if _is_infrastructure_outage(exc):
        logger.warning("Dependency unavailable: %r", exc)
        return ServiceUnavailable()
    return exc


def _is_infrastructure_outage(exc: Exception) -> bool:
    # Imported lazily: both are optional at the embedded default.
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover
        RedisConnectionError = RedisTimeoutError = ()  # type: ignore[assignment]
    try:
        from kombu.exceptions import OperationalError as BrokerError
    except ImportError:  # pragma: no cover
        BrokerError = ()  # type: ignore[assignment]
    return isinstance(exc, (RedisConnectionError, RedisTimeoutError, BrokerError))


def exception_handler(exc: Exception, context: dict):
    """DRF's EXCEPTION_HANDLER: every error, one shape."""
    # Imported here: rest_framework.views loads the parser settings, which import this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    exc = _convert(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        if isinstance(exc, DatabaseError):
            logger.exception("Database error")
        else:
            logger.exception("Unhandled error in %s", context.get("view"))
        return JsonResponse(
            error_body("Something went wrong on our side. It has been logged.", "server_error"),
            status=500,
        )

    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = error_body(_summary(errors), "invalid", errors)
        return response

    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    code = getattr(exc, "default_code", "error")
    if isinstance(detail, dict):
        # simplejwt's InvalidToken carries {"detail", "code", "messages"}.
        code = str(detail.get("code", code))
        detail = detail.get("detail", "Invalid request.")
    elif isinstance(detail, list):
        detail = " ".join(str(item) for item in detail)
    elif isinstance(detail, exceptions.ErrorDetail) and detail.code:
        code = detail.code
    response.data = error_body(str(detail), str(code))
    if isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = str(exc.retry_after)
    return response


# --- Responses for requests that never reach a DRF view ---------------------------------
# Everything but the Django admin (an HTML site with its own pages) answers in the error shape.

_HTML_PREFIXES = ("/admin/",)


@csrf_exempt
def not_found_view(request, *args, **kwargs):
    """Catch-all for unknown paths, so every method answers the JSON 404 (never a CSRF refusal:
    there is nothing here to protect)."""
    return JsonResponse(error_body("Not found.", "not_found"), status=404)


def _is_api(request) -> bool:
    return not request.path.startswith(_HTML_PREFIXES)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW. The API authenticates with bearer tokens and never needs a CSRF token, so
    only a non-DRF view can refuse one; it still answers in the error shape."""
    if _is_api(request):
        return JsonResponse(error_body("CSRF verification failed.", "csrf_failed"), status=403)
    return csrf.csrf_failure(request, reason)


def handler404(request, exception=None):
    if _is_api(request):
        return not_found_view(request)
    return defaults.page_not_found(request, exception)


def handler500(request):
    if _is_api(request):
        return JsonResponse(error_body("Something went wrong on our side. It has been logged.", "server_error"), status=500)
    return defaults.server_error(request)


def handler400(request, exception=None):
    if _is_api(request):
        return JsonResponse(error_body("Bad request.", "bad_request"), status=400)
    return defaults.bad_request(request, exception)


def handler403(request, exception=None):
    if _is_api(request):
        return JsonResponse(error_body("You do not have permission to perform this action.", "permission_denied"), status=403)
    return defaults.permission_denied(request, exception)
