"""Middleware of the shared API layer.

`RequestIdMiddleware` gives every request an id (careerhub.logs), echoes it in `X-Request-ID` and
logs one line per request with it.

`RequestGuardMiddleware` refuses requests no view can serve before Django reads them:
* Request lines and headers beyond the app's limits answer 414 / 431. The limits sit slightly
  below gunicorn's (careerhub/gunicorn_config.py), so a client sees this JSON refusal rather
  than gunicorn's HTML page for any request gunicorn lets through.
* Bodies over the upload limit answer 413 before Django reads (or spools to disk) them.
* Query strings and paths holding NUL characters or invalid Unicode answer 400: PostgreSQL
  cannot compare text containing them, so any filter using them would fail at the database.

The refusals are in the one error shape, unless the view the URL resolves to keeps its own
(seed 000's `/profile/career` envelope): such a view class names a function
`error_body_format(status, body) -> body` that reshapes a body given in the one shape.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse
from django.urls import Resolver404, resolve
from whitenoise.middleware import WhiteNoiseMiddleware

from careerhub import logs
from careerhub.api.errors import error_body
from careerhub.api.parsers import unstorable_text_reason

# Multipart framing around a maximum-size file.
MULTIPART_OVERHEAD = 64 * 1024
# The headers a WSGI server passes outside HTTP_* keys.
_BODY_HEADERS = {"CONTENT_TYPE": "Content-Type", "CONTENT_LENGTH": "Content-Length"}

access_logger = logging.getLogger("careerhub.access")


class RequestIdMiddleware:
    """Runs every request with an id and logs it when it is answered (the access log).

    The client's `X-Request-ID` is kept when it is valid (careerhub.logs.valid_request_id), else
    a new one is made; either way it is echoed in the response's `X-Request-ID`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = logs.valid_request_id(request.headers.get(logs.REQUEST_ID_HEADER)) or logs.new_request_id()
        request.request_id = request_id
        started = time.perf_counter()
        with logs.request_id_bound(request_id):
            response = self.get_response(request)
            response[logs.REQUEST_ID_HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            # Redacted here too, not only by the formatters, so no handler ever sees a secret path.
            path = logs.redact(request.path)
            access_logger.info(
                "%s %s %s %.1fms", request.method, path, response.status_code, duration_ms,
                extra={"method": request.method, "path": path, "status": response.status_code, "duration_ms": duration_ms},
            )
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, without a warning when `collectstatic` has not run (a development checkout).

    The apps' files are served through the finders either way (WHITENOISE_USE_FINDERS), so
    STATIC_ROOT only matters once collectstatic has made it; nothing creates it in advance.
    """

    def add_files(self, root, prefix=None):
        if root == self.static_root and not Path(root).is_dir():
            return
        super().add_files(root, prefix)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        oversized = _oversized(request)
        if oversized:
            return self._refuse(request, *oversized)
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


def _request_line_length(request) -> int:
    """The length of `METHOD target HTTP/1.1`, as gunicorn measures it for limit_request_line."""
    # gunicorn passes the target as received; other servers (runserver, the test client) do not.
    target = request.META.get("RAW_URI") or request.get_full_path()
    protocol = request.META.get("SERVER_PROTOCOL") or "HTTP/1.1"
    return len(request.method or "") + 1 + len(target) + 1 + len(protocol)


def _oversized(request) -> tuple[int, dict] | None:
    """(status, body) when the request line or the headers exceed the app's limits."""
    line = _request_line_length(request)
    if line > settings.REQUEST_LINE_MAX_BYTES:
        return 414, error_body(
            f"The request URL is too long: the request line is {line} bytes, the limit is {settings.REQUEST_LINE_MAX_BYTES}.",
            "uri_too_long",
        )
    headers = [
        (_BODY_HEADERS.get(key) or key[5:].replace("_", "-").title(), str(value))
        for key, value in request.META.items()
        if (key.startswith("HTTP_") or key in _BODY_HEADERS) and value != ""
    ]
    if len(headers) > settings.REQUEST_HEADERS_MAX_COUNT:
        return 431, error_body(
            f"The request has {len(headers)} header fields, the limit is {settings.REQUEST_HEADERS_MAX_COUNT}.",
            "headers_too_large",
        )
    for name, value in headers:
        size = len(name) + 2 + len(value)  # "Name: value"
        if size > settings.REQUEST_HEADER_MAX_BYTES:
            return 431, error_body(
                f"The {name} header is too large: {size} bytes, the limit is {settings.REQUEST_HEADER_MAX_BYTES}.",
                "headers_too_large",
            )
    return None


def _error_body_format(path: str) -> Callable[[int, dict], dict] | None:
    """The error shape hook of the view `path` resolves to, if it has one.

    Resolved only for a refused request, so the URL lookup costs nothing on the normal path."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(getattr(match.func, "view_class", None), "error_body_format", None)
