"""Accounts rows for the tests of any app: plain functions with sensible defaults; any field can be given."""

from __future__ import annotations

import uuid
from typing import Any

from accounts.models import AllowedEmail, PersonalAccessToken, User
from accounts.services import personal_access_token_create
from careerhub.api.scopes import SCOPES

PASSWORD = "correct-horse-battery"


def create_user(**fields: Any) -> User:
    """A user with a unique email and username (and `PASSWORD` unless `password` is given)."""
    unique = uuid.uuid4().hex[:12]
    fields.setdefault("email", f"user-{unique}@example.com")
    fields.setdefault("username", f"user-{unique}")
    password = fields.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **fields)


def create_allowed_email(email: str | None = None, **fields: Any) -> AllowedEmail:
    """An allowlisted address (as the admin API stores it: lowercased)."""
    return AllowedEmail.objects.create(email=(email or f"invited-{uuid.uuid4().hex[:12]}@example.com").lower(), **fields)


def create_personal_access_token(user: User, scopes: list[str] | None = None, **fields: Any) -> tuple[PersonalAccessToken, str]:
    """A live personal access token of `user` (every scope unless given) and its secret, made by the service."""
    fields.setdefault("name", "a script")
    return personal_access_token_create(user=user, scopes=list(SCOPES if scopes is None else scopes), **fields)
