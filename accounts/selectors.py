"""Reads for accounts."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from accounts.models import AllowedEmail, User


def user_get_for_admin(*, user_id) -> User:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound("User not found.")
    return user


def users_for_admin() -> QuerySet[User]:
    return User.objects.order_by("-created_at", "id")


def allowed_emails_list() -> QuerySet[AllowedEmail]:
    return AllowedEmail.objects.order_by("created_at", "id")
