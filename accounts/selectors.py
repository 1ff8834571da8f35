"""Reads for accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import AllowedEmail, User


def user_list() -> QuerySet[User]:
    """Every user, newest first (the admin API: an admin may see them all)."""
    return User.objects.order_by("-created_at", "id")


def allowed_email_list() -> QuerySet[AllowedEmail]:
    return AllowedEmail.objects.order_by("created_at", "id")
