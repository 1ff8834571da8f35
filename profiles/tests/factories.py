"""Profiles rows for the tests of any app: plain functions with sensible defaults; any field can be given."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from accounts.models import User
from profiles.models import IndustryProfile, Profile, ResumeVersion


def create_profile(user: User, **fields: Any) -> Profile:
    """The user's profile with the model's defaults (an empty profile) unless fields are given."""
    return Profile.objects.create(user=user, **fields)


def create_resume_version(user: User, **fields: Any) -> ResumeVersion:
    """A resume version without a file."""
    fields.setdefault("version_name", "v1")
    return ResumeVersion.objects.create(user=user, **fields)


def create_industry_profile(user: User, years: dict[str, float] | None = None, **fields: Any) -> IndustryProfile:
    """Seed 002's row: years per industry tag (stored as given: tags are not normalised here)."""
    fields.setdefault("updated_at", timezone.now())
    return IndustryProfile.objects.create(user=user, industry_years_json=years or {}, **fields)
