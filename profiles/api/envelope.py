"""Seed 000's envelope for `/profile/career`: `{"success": false, "error": "..."}` on every error.

The shared handler decides the status, headers and message (so 401, 400, 405, 413, 429 and
503 behave as everywhere else); this only rewraps its body. Validation errors keep the
per-field `errors` map alongside the seed's `error` string.
"""

from __future__ import annotations

import json

from rest_framework.response import Response

from careerhub.api import errors

AUTHENTICATION_REQUIRED = "Authentication required"
_KEPT_HEADERS = ("Retry-After", "WWW-Authenticate", "Allow")


def envelope_error_body(status_code: int, body: dict) -> dict:
    """The envelope for one error given in the one shape (`{"detail", "code", "errors"?}`)."""
    message = AUTHENTICATION_REQUIRED if status_code == 401 else str(body.get("detail") or "Request failed")
    envelope: dict = {"success": False, "error": message}
    if body.get("errors"):
        envelope["errors"] = body["errors"]
    return envelope


def career_exception_handler(exc, context):
    response = errors.exception_handler(exc, context)
    body = getattr(response, "data", None)
    if body is None:  # the plain JsonResponse of an unexpected error
        body = json.loads(response.content or b"{}")
    wrapped = Response(envelope_error_body(response.status_code, body), status=response.status_code)
    for header in _KEPT_HEADERS:
        if header in response:
            wrapped[header] = response[header]
    return wrapped


class CareerEnvelopeMixin:
    """For the seed 000 views only."""

    # careerhub.api.middleware refuses some requests before any view runs (a body over the
    # limit, a NUL in the query string); it shapes those errors with this hook, so careerhub
    # never imports the apps.
    error_body_format = staticmethod(envelope_error_body)

    def get_exception_handler(self):
        return career_exception_handler
