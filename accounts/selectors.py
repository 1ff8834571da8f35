"""Reads for accounts."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound, PermissionDenied

from accounts.models import AllowedEmail, ProfileVisibility, User


def visible_profiles_q(viewer) -> Q:
    """Profiles a viewer may see: public ones and their own.

    The social app widens this with the followers/groups rules.
    """
    q = Q(profile_visibility=ProfileVisibility.PUBLIC)
    if viewer is not None and viewer.is_authenticated:
        q |= Q(pk=viewer.pk)
    return q


def user_search(*, viewer, query: str) -> QuerySet[User]:
    query = (query or "").strip()
    if not query:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True)
        .filter(visible_profiles_q(viewer))
        .filter(Q(username__icontains=query) | Q(display_name__icontains=query))
        .order_by("username")
    )


def user_get_profile(*, viewer, user_id) -> User:
    """A user's public profile: 404 when there is no such user, 403 when it is not visible."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise NotFound("User not found.")
    if not User.objects.filter(pk=user.pk).filter(visible_profiles_q(viewer)).exists():
        raise PermissionDenied("This profile is private.", code="profile_private")
    return user


def user_get_for_admin(*, user_id) -> User:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound("User not found.")
    return user


def users_for_admin() -> QuerySet[User]:
    return User.objects.order_by("-created_at", "id")


def allowed_emails_list() -> QuerySet[AllowedEmail]:
    return AllowedEmail.objects.order_by("created_at", "id")
