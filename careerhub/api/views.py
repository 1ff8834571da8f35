"""Base views every app shares."""

from __future__ import annotations

from django.db import models
from rest_framework.views import APIView

from careerhub.selectors import get_or_404


class OwnedObjectView(APIView):
    # An endpoint about one object the signed-in user owns (or may see).
    #
    # Subclasses give `get_queryset()` — the owner-scoped selector, with the related rows the
    # response needs — plus `lookup_url_kwarg` (the URL's id) and `not_found` (the 404's message).
    # `get_object()` then finds the object in that queryset or answers 404 in the one error shape,
    # so someone else's object is never found, whatever the request body says (DESIGN §2).
    # (Comments, not a docstring: drf-spectacular would show a docstring as every subclass's description.)

    lookup_url_kwarg: str = "pk"
    not_found: str = "Not found."

    def get_queryset(self) -> models.QuerySet:
        raise TypeError(f"{type(self).__name__} must define get_queryset(): the owner-scoped selector")

    def get_object(self) -> models.Model:
        return get_or_404(self.get_queryset(), detail=self.not_found, pk=self.kwargs[self.lookup_url_kwarg])
