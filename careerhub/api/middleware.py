"""Refuse requests no view can serve before Django reads them.

* Bodies over the upload limit answer 413 before Django reads (or spools to disk) them.
* Query strings and paths holding NUL characters or invalid Unicode answer 400: PostgreSQL
  cannot compare text containing them, so any filter using them would fail at the database.

The refusals are in the one error shape, unless the view the URL resolves to keeps its own
(seed 000's `/profile/career` envelope): such a view class names a function
`error_body_format(status, body) -> body` that reshapes a body given in the one shape.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import JsonResponse
from django.urls import Resolver404, resolve

from careerhub.api.errors import error_body
from careerhub.api.parsers import unstorable_text_reason

# Multipart framing around a maximum-size file.
MULTIPART_OVERHEAD = 64 * 1024


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or ""
        limit = settings.MAX_UPLOAD_SIZE + MULTIPART_OVERHEAD
        if declared.isdigit() and int(declared) > limit:
            return self._refuse(
                request,
                413,
                error_body(
                    f"The request is larger than the {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB limit.",
                    "payload_too_large",
                ),
            )
        problem = self._unstorable(request)
        if problem:
            field, message = problem
            return self._refuse(request, 400, error_body(f"{field}: {message}", "invalid", {field: [message]}))
        return self.get_response(request)

    @staticmethod
    def _refuse(request, status: int, body: dict) -> JsonResponse:
        reshape = _error_body_format(request.path_info)
        return JsonResponse(reshape(status, body) if reshape else body, status=status)

    @staticmethod
    def _unstorable(request) -> tuple[str, str] | None:
        """(field, message) for the first unstorable part of the URL, if any."""
        reason = unstorable_text_reason(request.path)
        if reason:
            return "path", f"The URL path {reason}."
        for key, values in request.GET.lists():
            for text in (key, *values):
                reason = unstorable_text_reason(text)
                if reason:
                    return key if not unstorable_text_reason(key) else "query", f"The value {reason}."
        return None


def _error_body_format(path: str) -> Callable[[int, dict], dict] | None:
    """The error shape hook of the view `path` resolves to, if it has one.

    Resolved only for a refused request, so the URL lookup costs nothing on the normal path."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(getattr(match.func, "view_class", None), "error_body_format", None)
