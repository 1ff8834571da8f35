"""Skill insights, cached per user under `recommendations:{user_id}:skills`.

The profile invalidation (profiles.services.scoring) deletes `recommendations:{user_id}:*` when
anything a score depends on changes, and the matching writes delete the key when the open
matches change (a completed refresh; a match entering or leaving rejected/hidden — see
jobs.matching.skill_insights_cache, which owns the key because jobs cannot import insights). So
a cached answer never outlives the profile or the matches it describes; otherwise it lives
SKILL_INSIGHTS_CACHE_TTL_SECONDS, and `POST /insights/skills/refresh` recomputes it at once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from careerhub.cache import safe_get, safe_set
from insights.skill_insights import analysis, selectors
from jobs.matching.features import candidate_features_of
from jobs.matching.skill_insights_cache import skill_insights_key
from profiles.selectors import profile_of


def skill_insights_refresh(*, user: User) -> dict[str, Any]:
    """Compute the user's insights with aggregate queries (a fixed number, whatever the job count) and cache them."""
    profile = profile_of(user=user)
    # Industry experience is reported beside a score, never part of it: not needed here.
    candidate = candidate_features_of(profile=profile if profile.pk else None, industry_years=None)
    currency = (profile.salary_currency or "USD").upper()
    jobs = selectors.relevant_jobs(user=user, min_score=settings.SKILL_INSIGHTS_MIN_MATCH_SCORE)
    insights = analysis.skill_insights(
        user_id=str(user.pk),
        analysis_date=timezone.now(),
        candidate=candidate,
        currency=currency,
        totals=selectors.job_totals(jobs=jobs, currency=currency),
        demands=selectors.skill_demand(jobs=jobs, currency=currency),
        top_matches=selectors.top_match_features(user=user),
    )
    safe_set(skill_insights_key(user.pk), insights, settings.SKILL_INSIGHTS_CACHE_TTL_SECONDS)
    return insights


def skill_insights_get(*, user: User) -> dict[str, Any]:
    """The cached insights, computed on a miss."""
    cached = safe_get(skill_insights_key(user.pk))
    if isinstance(cached, dict):
        return cached
    return skill_insights_refresh(user=user)
