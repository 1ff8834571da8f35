"""Refuse oversized API requests before Django reads (or spools to disk) their body."""

from django.conf import settings
from django.http import JsonResponse

from careerhub.api.errors import error_body

# Multipart framing around a maximum-size file.
MULTIPART_OVERHEAD = 64 * 1024


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or ""
        limit = settings.MAX_UPLOAD_SIZE + MULTIPART_OVERHEAD
        if declared.isdigit() and int(declared) > limit:
            return JsonResponse(
                error_body(f"The request is larger than the {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB limit.", "payload_too_large"),
                status=413,
            )
        return self.get_response(request)
