"""Skill insights, cached per user under `recommendations:{user_id}:skills` (insights.cache_keys).

They are computed from the profile and the open matches. When the profile's scoring inputs change,
`recommendations_forget` drops them (subscribed to profiles.scoring_inputs_changed); when the open
matches change (a completed refresh, a match entering or leaving rejected/hidden), the jobs app
gives them a new stamp, and an entry cached beside another stamp is recomputed. So a cached answer
never outlives the profile or the matches it describes; otherwise it lives
SKILL_INSIGHTS_CACHE_TTL_SECONDS, and `POST /insights/skills/refresh` recomputes it at once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from careerhub.cache import delete_pattern, safe_get, safe_set
from insights.cache_keys import recommendations_pattern, skill_insights_key
from insights.skill_insights import analysis, selectors
from jobs.matching.features import candidate_features_of
from jobs.matching.selectors import matches_stamp_get
from profiles.selectors import profile_get


def skill_insights_refresh(*, user: User) -> dict[str, Any]:
    """Compute the user's insights with aggregate queries (a fixed number, whatever the job count) and cache them."""
    stamp = matches_stamp_get(user_id=user.pk)  # read first: a change during the computation is not missed
    profile = profile_get(user=user)
    # Industry experience is reported beside a score, never part of it: not needed here.
    candidate = candidate_features_of(profile=profile if profile.pk else None, industry_years=None)
    currency = (profile.salary_currency or "USD").upper()
    jobs = selectors.relevant_job_list(user=user, min_score=settings.SKILL_INSIGHTS_MIN_MATCH_SCORE)
    insights = analysis.skill_insights(
        user_id=str(user.pk),
        analysis_date=timezone.now(),
        candidate=candidate,
        currency=currency,
        totals=selectors.job_totals_get(jobs=jobs, currency=currency),
        demands=selectors.skill_demand_list(jobs=jobs, currency=currency),
        top_matches=selectors.top_match_feature_list(user=user),
    )
    entry = {"matches_stamp": stamp, "insights": insights}
    safe_set(skill_insights_key(user.pk), entry, settings.SKILL_INSIGHTS_CACHE_TTL_SECONDS)
    return insights


def skill_insights_get(*, user: User) -> dict[str, Any]:
    """The cached insights, computed on a miss."""
    cached = safe_get(skill_insights_key(user.pk))
    if isinstance(cached, dict) and cached.get("matches_stamp") == matches_stamp_get(user_id=user.pk):
        return cached["insights"]
    return skill_insights_refresh(user=user)


def recommendations_forget(*, user_id: Any) -> int:
    """Drop every cached recommendation of the user (SCAN, never KEYS); errors propagate for the task to retry."""
    return delete_pattern(recommendations_pattern(user_id))
