"""Refuse requests no view can serve before Django reads them.

* Bodies over the upload limit answer 413 before Django reads (or spools to disk) them.
* Query strings and paths holding NUL characters or invalid Unicode answer 400: PostgreSQL
  cannot compare text containing them, so any filter using them would fail at the database.
"""

from django.conf import settings
from django.http import JsonResponse

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
            return JsonResponse(
                error_body(
                    f"The request is larger than the {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB limit.",
                    "payload_too_large",
                ),
                status=413,
            )
        problem = self._unstorable(request)
        if problem:
            field, message = problem
            return JsonResponse(error_body(f"{field}: {message}", "invalid", {field: [message]}), status=400)
        return self.get_response(request)

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
