"""Seed 002: the user's years per industry, upserted in one statement."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from profiles.models import IndustryProfile
from profiles.services.profile import profile_get_or_create
from profiles.services.scoring import profile_scoring_inputs_changed


def industry_tag(name: str) -> str:
    """Industry keys are lowercase tags: `" FinTech "` and `"fintech"` are one industry."""
    return " ".join(name.split()).lower()


def normalise_industry_years(years: Mapping[str, float]) -> dict[str, float]:
    """Lowercase tags; two spellings of one tag add up (they came from different jobs)."""
    merged: dict[str, float] = {}
    for name, value in years.items():
        tag = industry_tag(name)
        merged[tag] = round(merged.get(tag, 0) + float(value), 4)
    return merged


@transaction.atomic
def industry_profile_upsert(*, user: User, industry_years: Mapping[str, float]) -> IndustryProfile:
    """Create or replace the user's row with INSERT ... ON CONFLICT, so concurrent PUTs for
    one user leave exactly one row and never fail. `{}` is stored as a real value."""
    years = normalise_industry_years(industry_years)
    previous = IndustryProfile.objects.filter(user=user).values_list("industry_years_json", flat=True).first()
    row = IndustryProfile(user=user, industry_years_json=years, updated_at=timezone.now())
    IndustryProfile.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["user"], update_fields=["industry_years_json", "updated_at"]
    )
    if previous != years:
        profile_get_or_create(user=user)
        profile_scoring_inputs_changed(user_id=user.pk)
    return row
