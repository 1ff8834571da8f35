"""A signed-in user's score for the jobs they look at (seed 000's career-impact cache).

`career-impact:v2:{user_id}:{job_id}` holds the score, the reasoning (with the Industry
Experience Match %) and the analysis of (user, job), with the profile's `scoring_version` it was
computed against. Job detail and the job list read a whole page of keys with one `get_many`,
compute the misses in one batch from the jobs already loaded (no query per job) and store them
with one `set_many`.

When the profile changes, the profiles app emits `profiles.scoring_inputs_changed` and the jobs
task subscribed to it drops `career-impact:v2:{user_id}:*` (jobs.tasks.forget_career_impact);
the version check also catches a score computed from
the old profile by a request that raced that deletion. An edit to a user's own job drops its
key; a re-scraped job's new text reaches the score within CAREER_IMPACT_TTL_SECONDS.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache

from careerhub.cache import safe_delete
from jobs.cache_keys import career_impact_key
from jobs.matching import scoring
from jobs.matching.features import job_features_of
from jobs.matching.selectors import Candidate
from jobs.models import Job

logger = logging.getLogger(__name__)


def _computed(candidate: Candidate, job: Job) -> dict[str, Any]:
    why = scoring.reasoning(candidate.features, job_features_of(job))
    return {
        "score": why["overall_score"],
        "industry_match_percent": why["industry_match_percent"],
        "reasoning": why,
        "analysis": scoring.analysis(why),
        "scoring_version": candidate.scoring_version,
    }


def career_impacts(*, candidate: Candidate, jobs: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    """job id → the candidate's score for it, from the cache or computed now (and cached)."""
    if not jobs:
        return {}
    keys = {job.pk: career_impact_key(candidate.user_id, job.pk) for job in jobs}
    try:
        cached = cache.get_many(list(keys.values()))
    except Exception as exc:  # noqa: BLE001 - the cache is down, whatever its backend raised: compute everything, store nothing
        logger.warning("Reading career-impact scores failed, computing them: %r", exc)
        return {job.pk: _computed(candidate, job) for job in jobs}
    impacts: dict[Any, dict[str, Any]] = {}
    fresh: dict[str, dict[str, Any]] = {}
    for job in jobs:
        entry = cached.get(keys[job.pk])
        if not isinstance(entry, dict) or entry.get("scoring_version") != candidate.scoring_version:
            entry = _computed(candidate, job)
            fresh[keys[job.pk]] = entry
        impacts[job.pk] = entry
    if fresh:
        try:
            cache.set_many(fresh, timeout=settings.CAREER_IMPACT_TTL_SECONDS)
        except Exception as exc:  # noqa: BLE001 - the scores are answered anyway; they are cached next time
            logger.warning("Storing career-impact scores failed: %r", exc)
    return impacts


def career_impact_forget(*, user_id: Any, job_id: Any) -> None:
    safe_delete(career_impact_key(user_id, job_id))
