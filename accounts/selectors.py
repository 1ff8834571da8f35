"""Reads for accounts."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from accounts.emails import email_lookup_key
from accounts.models import AllowedEmail, PersonalAccessToken, User


def user_list() -> QuerySet[User]:
    """Every user, newest first (the admin API: an admin may see them all)."""
    return User.objects.order_by("-created_at", "id")


def allowed_email_list() -> QuerySet[AllowedEmail]:
    return AllowedEmail.objects.order_by("created_at", "id")


def user_get_by_email(email: str) -> User | None:
    """The user of an address, by exact match on its canonical form (accounts/emails.py)."""
    key = email_lookup_key(email)
    return User.objects.filter(email=key).first() if key else None


def user_get_by_login(login: str) -> User | None:
    """The user an email or a username names: the email by exact match on its canonical form,
    the username (ASCII, unique whatever its case) by a case-insensitive match of ASCII input,
    which every database compares alike."""
    login = (login or "").strip()
    if "@" in login:
        return user_get_by_email(login)
    if not login.isascii():
        return None
    return User.objects.filter(username__iexact=login).first()


def personal_access_token_list(*, user: User) -> QuerySet[PersonalAccessToken]:
    """The user's tokens that are not revoked (expired ones included, so the user sees they lapsed), newest first."""
    return PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at", "id")


def personal_access_token_live_count(*, user: User) -> int:
    return personal_access_token_list(user=user).filter(expires_at__gt=timezone.now()).count()
