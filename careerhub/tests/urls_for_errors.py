"""A URLconf for exercising the error handler with exceptions no real endpoint raises on demand."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, OperationalError
from django.http import JsonResponse
from django.urls import include, path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api import throttles
from careerhub.api.errors import Conflict, ServiceUnavailable
from careerhub.api.routing import route


class Raising(APIView):
    permission_classes = [AllowAny]
    exc: Exception

    def get(self, request):
        raise self.exc


def raising(exc: Exception):
    return type("RaisingView", (Raising,), {"exc": exc}).as_view()


def throttled_view(throttle):
    class Throttled(APIView):
        permission_classes = [AllowAny]
        throttle_classes = [throttle]

        def get(self, request):
            return Response({"ok": True})

    return Throttled.as_view()


class OwnErrorShape(APIView):
    """A view that keeps its own error shape, as seed 000's /profile/career does."""

    permission_classes = [AllowAny]
    error_body_format = staticmethod(lambda status, body: {"failed": status, "why": body["detail"]})

    def get(self, request):
        return Response({"ok": True})


def plain_django_view(request):
    """A view outside DRF, so Django's CSRF protection applies to its unsafe methods."""
    return JsonResponse({"ok": True})


urlpatterns = [
    route("plain-django-view", plain_django_view),
    route("own-error-shape", OwnErrorShape.as_view()),
    route("conflict", raising(Conflict("Outcome already exists."))),
    route("unavailable", raising(ServiceUnavailable("The LLM is unavailable.", retry_after=17))),
    route("django-validation", raising(DjangoValidationError({"salary_max": ["Must be at least salary_min."]}))),
    route("django-validation-plain", raising(DjangoValidationError("Already converted."))),
    route("database-down", raising(OperationalError("connection refused"))),
    route("out-of-range", raising(DataError("bigint out of range"))),
    route("unexpected", raising(RuntimeError("boom"))),
    *[
        route(f"throttled/{cls.scope}", throttled_view(cls))
        for cls in throttles.ScopedThrottle.__subclasses__()
    ],
    path("", include("careerhub.urls")),
]
