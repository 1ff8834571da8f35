"""Reads every app shares."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from rest_framework.exceptions import NotFound

M = TypeVar("M", bound=models.Model)


def get_or_404(queryset: models.QuerySet[M], *, detail: str, code: str = "not_found", **lookup: Any) -> M:
    """The one row of `queryset` matching `lookup`, or NotFound(detail) — the one lookup-or-404.

    `queryset` is already scoped to what the user may see (someone else's private row is simply
    not found, DESIGN §2). A lookup value the column cannot hold (a malformed UUID) is not found
    either, never a 500.
    """
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound(detail, code=code) from None
