"""Writes to the one profile (DESIGN §3). Every face maps its seed's dialect onto canonical
Profile field names in its input serializer, then calls these same services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_update
from careerhub.services import model_update
from careerhub.skills import dedupe_skills, skill_key
from profiles.models import SHARE_SECTIONS, Profile, ResumeVersion, new_share_slug
from profiles.services.scoring import SCORING_FIELDS, profile_scoring_inputs_changed

# The names each face's input serializer produces (`profile_changes()`), canonical Profile fields
# unless noted; test_editable_fields.py checks every face against its list, so a field added to
# one side cannot be dropped by the other. profile_update refuses any name outside its faces'.
CAREER_FIELDS = (  # seed 000 /profile/career, through career_profile_upsert
    "current_role", "seniority", "industry", "company_size", "experience_years", "skills", "skill_tags",
    "skills_to_learn", "career_goals", "timeframe", "learning_style", "available_time", "budget", "interests",
    "networking_goals", "preferred_event_types",
)
# Faces write the summary and the display name on the User row (the single copy).
USER_FIELDS = ("display_name", "bio")
# Seed 004 /profile: `remote_only` and `custom_preferences_patch` are operations (see profile_update).
AGENT_FIELDS = (
    *USER_FIELDS, "skills", "experience_years", "target_roles", "work_modes", "remote_only", "salary_min",
    "salary_max", "salary_currency", "employment_types", "preferred_countries", "eligible_regions",
    "needs_visa_sponsorship", "citizenships", "security_clearances", "custom_preferences_patch",
)
# Seed 001, one small face per concern.
AVAILABILITY_FIELDS = ("availability_status",)
JOB_TYPE_FIELDS = ("work_modes", "employment_types", "open_to_other_job_types")
CONTACT_FIELDS = ("contact_email", "contact_phone", "location_city", "location_region", "location_country")
SKILLS_FIELDS = ("skills",)
SUMMARY_FIELDS = ("bio",)
PROFILE_UPDATE_FIELDS = tuple(
    dict.fromkeys(
        (*AGENT_FIELDS, *AVAILABILITY_FIELDS, *JOB_TYPE_FIELDS, *CONTACT_FIELDS, *SKILLS_FIELDS, *SUMMARY_FIELDS)
    )
)
# What the public-sharing face may change (SharingInputSerializer has exactly these fields).
SHARING_FIELDS = ("enabled", "sections", "regenerate_slug")
MAX_CUSTOM_PREFERENCES = 50
MAX_SOCIAL_LINKS = 20
# As many skills as one face may send (profiles.api.serializers.fields.MAX_LIST_ITEMS).
MAX_SKILLS = 100


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


def profile_changes_apply(*, profile: Profile, fields: Iterable[str], data: Mapping[str, Any]) -> set[str]:
    """Save the `fields` whose values in `data` differ (careerhub.services.model_update), and mark
    the user's scores stale when one of them is a score input. Returns the names that changed."""
    changed = set(model_update(instance=profile, fields=fields, data=data))
    if changed & SCORING_FIELDS:
        profile_scoring_inputs_changed(user_id=profile.user_id)
    return changed


def _update_user(user: User, values: dict[str, Any]) -> None:
    sent = {name: values.pop(name) for name in USER_FIELDS if name in values}
    if sent:
        user_update(user=user, data=sent)


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
    unknown = set(data) - set(PROFILE_UPDATE_FIELDS)
    if unknown:
        raise TypeError(f"profile_update does not change {sorted(unknown)}: add them to a face's field list")
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
    profile_changes_apply(profile=profile, fields=(*PROFILE_UPDATE_FIELDS, "custom_preferences"), data=values)
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
    changed = profile_changes_apply(profile=profile, fields=(*CAREER_FIELDS, "career_profile_created_at"), data=values)
    return profile, created, bool(changed & SCORING_FIELDS)


@transaction.atomic
def profile_skills_change(*, user: User, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Profile:
    """Add and remove skills, keeping the others (POST /profile/skills replaces the whole list).

    Names are compared as careerhub.skills does (`postgres` removes PostgreSQL); an added skill
    the profile already has, or a removed one it lacks, changes nothing. Removals apply first, so
    a skill both added and removed ends up listed.
    """
    profile = lock_profile(user)
    removed = {skill_key(name) for name in remove}
    kept = [name for name in profile.skills if skill_key(name) not in removed]
    skills = dedupe_skills([*kept, *add])
    if len(skills) > MAX_SKILLS:
        raise ValidationError({"add": [f"At most {MAX_SKILLS} skills are kept; this would make {len(skills)}."]})
    profile_changes_apply(profile=profile, fields=SKILLS_FIELDS, data={"skills": skills})
    return profile


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
    profile_changes_apply(profile=profile, fields=("social_links",), data={"social_links": list(merged.values())})
    return profile


@transaction.atomic
def profile_set_primary_resume(*, user: User, resume_version_id: UUID | None) -> Profile:
    """Seed 001 "Update Resume": which of the user's resume versions is the one to show."""
    if resume_version_id is not None and not ResumeVersion.objects.filter(user=user, pk=resume_version_id).exists():
        raise ValidationError({"resume_version_id": ["Resume version not found."]})
    profile = lock_profile(user)
    profile_changes_apply(profile=profile, fields=("primary_resume_id",), data={"primary_resume_id": resume_version_id})
    return profile


@transaction.atomic
def profile_sharing_update(*, user: User, data: Mapping[str, Any]) -> Profile:
    """Turn the public link on or off, choose what it shows, or replace a leaked link
    (`data` holds names of SHARING_FIELDS; a missing one changes nothing)."""
    profile = lock_profile(user)
    values: dict[str, Any] = {}
    if data.get("enabled") is not None:
        values["share_enabled"] = data["enabled"]
    if data.get("sections") is not None:
        values["share_sections"] = [section for section in SHARE_SECTIONS if section in data["sections"]]
    if data.get("regenerate_slug"):
        values["share_slug"] = new_share_slug()
    profile_changes_apply(profile=profile, fields=("share_enabled", "share_sections", "share_slug"), data=values)
    return profile
