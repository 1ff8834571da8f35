"""Seed 002: the user's years per industry, upserted in one statement."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from profiles.models import IndustryProfile
from profiles.services.profile import profile_get_or_create
from profiles.services.scoring import profile_scoring_inputs_changed

MAX_YEARS = 100


def industry_tag(name: str) -> str:
    """Industry keys are lowercase tags: `" FinTech "` and `"fintech"` are one industry."""
    return " ".join(name.split()).lower()


def normalise_industry_years(years: Mapping[str, float]) -> dict[str, float]:
    """Lowercase tags; two spellings of one tag add up (they came from different jobs).

    The MAX_YEARS limit holds for what is stored, so it is checked on the sums: `{"A": 80,
    "a": 80}` is 160 years of one industry (a 400 naming the tag and its spellings)."""
    merged: dict[str, float] = {}
    spellings: dict[str, list[str]] = {}
    for name, value in years.items():
        tag = industry_tag(name)
        merged[tag] = round(merged.get(tag, 0) + float(value), 4)
        spellings.setdefault(tag, []).append(name)
    errors = {
        f"industry_years_json.{tag}": [_too_many_years(total, spellings[tag])]
        for tag, total in merged.items()
        if total > MAX_YEARS
    }
    if errors:
        raise ValidationError(errors)
    return merged


def _too_many_years(total: float, spellings: list[str]) -> str:
    if len(spellings) == 1:
        return f"Years must be at most {MAX_YEARS}."
    names = ", ".join(f'"{name}"' for name in spellings)
    return f"Years must be at most {MAX_YEARS}: {names} are one industry and add up to {total:g}."


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
