"""Writes to the one profile (DESIGN §3). Every face maps its seed's dialect onto canonical
Profile field names in its input serializer, then calls these same services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_update
from profiles.models import SHARE_SECTIONS, Profile, ResumeVersion, new_share_slug
from profiles.services.scoring import SCORING_FIELDS, profile_scoring_inputs_changed

# Faces write the summary and the display name on the User row (the single copy).
USER_FIELDS = ("display_name", "bio")
MAX_CUSTOM_PREFERENCES = 50
MAX_SOCIAL_LINKS = 20


def profile_get_or_create(*, user: User) -> Profile:
    """The user's profile, created on first touch (a concurrent first touch is handled by get_or_create)."""
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.user = user
    return profile


def lock_profile(user: User) -> Profile:
    """The profile row, locked until the surrounding transaction ends (read-modify-write merges)."""
    profile_get_or_create(user=user)
    profile = Profile.objects.select_for_update().get(user=user)
    profile.user = user
    return profile


def apply_changes(profile: Profile, values: Mapping[str, Any]) -> set[str]:
    """Set the values that differ, save only those, and invalidate scores if any can change one."""
    changed = {name for name, value in values.items() if getattr(profile, name) != value}
    for name in changed:
        setattr(profile, name, values[name])
    if changed:
        profile.save(update_fields=[*sorted(changed), "updated_at"])
        if changed & SCORING_FIELDS:
            profile_scoring_inputs_changed(user_id=profile.user_id)
    return changed


def _update_user(user: User, values: dict[str, Any]) -> None:
    sent = {name: values.pop(name) for name in USER_FIELDS if name in values}
    if sent:
        user_update(user=user, fields=set(sent), **sent)


def _merge_custom_preferences(current: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(current)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    if len(merged) > MAX_CUSTOM_PREFERENCES:
        raise ValidationError({"preferences": [f"At most {MAX_CUSTOM_PREFERENCES} custom preferences are kept."]})
    return merged


def _check_salary_range(profile: Profile, values: Mapping[str, Any]) -> None:
    low = values.get("salary_min", profile.salary_min)
    high = values.get("salary_max", profile.salary_max)
    if low is not None and high is not None and low > high:
        raise ValidationError({"preferences.max_salary": ["The maximum salary must not be below the minimum salary."]})


@transaction.atomic
def profile_update(*, user: User, data: Mapping[str, Any]) -> Profile:
    """Partial update of the profile (and the user's display name / bio) from any face.

    `data` holds canonical Profile field names, plus these operations:
      * `custom_preferences_patch`: seed 004 preference keys we do not model; null removes one;
      * `remote_only`: seed 004's flag, which narrows work modes to remote (or, when false,
        lifts a remote-only preference) unless work modes are sent too.
    """
    values = dict(data)
    _update_user(user, values)
    profile = lock_profile(user)
    patch = values.pop("custom_preferences_patch", None)
    if patch is not None:
        values["custom_preferences"] = _merge_custom_preferences(profile.custom_preferences, patch)
    remote_only = values.pop("remote_only", None)
    if remote_only is not None and "work_modes" not in values:
        if remote_only:
            values["work_modes"] = ["remote"]
        elif profile.work_modes == ["remote"]:
            values["work_modes"] = []
    _check_salary_range(profile, values)
    apply_changes(profile, values)
    return profile


@transaction.atomic
def career_profile_upsert(*, user: User, data: Mapping[str, Any]) -> tuple[Profile, bool, bool]:
    """Seed 000's upsert: merge the fields sent. Returns (profile, created, scores_invalidated).

    The input serializer requires role, seniority and industry when no career profile exists
    yet (`career_profile_exists`); here the first save stamps `career_profile_created_at`.
    """
    profile = lock_profile(user)
    created = profile.career_profile_created_at is None
    values = dict(data)
    if created:
        values["career_profile_created_at"] = timezone.now()
    changed = apply_changes(profile, values)
    return profile, created, bool(changed & SCORING_FIELDS)


@transaction.atomic
def profile_social_links_add(*, user: User, links: list[Mapping[str, Any]]) -> Profile:
    """Add or replace links by platform; a link sent without a URL removes that platform."""
    profile = lock_profile(user)
    merged = {link["platform"]: dict(link) for link in profile.social_links}
    for link in links:
        platform = link["platform"].strip().lower()
        if link.get("url"):
            merged[platform] = {"platform": platform, "url": link["url"]}
        else:
            merged.pop(platform, None)
    if len(merged) > MAX_SOCIAL_LINKS:
        raise ValidationError({"social_links": [f"At most {MAX_SOCIAL_LINKS} social links are kept."]})
    apply_changes(profile, {"social_links": list(merged.values())})
    return profile


@transaction.atomic
def profile_set_primary_resume(*, user: User, resume_version_id: UUID | None) -> Profile:
    """Seed 001 "Update Resume": which of the user's resume versions is the one to show."""
    if resume_version_id is not None and not ResumeVersion.objects.filter(user=user, pk=resume_version_id).exists():
        raise ValidationError({"resume_version_id": ["Resume version not found."]})
    profile = lock_profile(user)
    apply_changes(profile, {"primary_resume_id": resume_version_id})
    return profile


@transaction.atomic
def profile_sharing_update(
    *, user: User, enabled: bool | None = None, sections: list[str] | None = None, regenerate_slug: bool = False
) -> Profile:
    """Turn the public link on or off, choose what it shows, or replace a leaked link."""
    profile = lock_profile(user)
    values: dict[str, Any] = {}
    if enabled is not None:
        values["share_enabled"] = enabled
    if sections is not None:
        values["share_sections"] = [section for section in SHARE_SECTIONS if section in sections]
    if regenerate_slug:
        values["share_slug"] = new_share_slug()
    apply_changes(profile, values)
    return profile
