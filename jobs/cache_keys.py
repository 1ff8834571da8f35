"""Every cache key the jobs app owns, in one place.

Other apps never build or delete these keys: when something they own changes (a profile), they
emit an event and the jobs app drops its own keys (jobs.tasks.forget_career_impact); when they
need to know something of ours (skill insights need to know the matches changed), they read it
through a jobs selector.
"""

from __future__ import annotations

from typing import Any


# A signed-in user's score for one job (seed 000 "career impact"); the pattern is all of a user's.
def career_impact_key(user_id: Any, job_id: Any) -> str:
    return f"career-impact:v2:{user_id}:{job_id}"


def career_impact_pattern(user_id: Any) -> str:
    return f"career-impact:v2:{user_id}:*"


# Changes whenever the set of a user's open matches changes (jobs.matching.selectors.matches_stamp_get).
def matches_stamp_key(user_id: Any) -> str:
    return f"matches-stamp:{user_id}"


# A user's match refresh: its state for polling, and the lock that allows one run at a time.
def match_refresh_state_key(user_id: Any) -> str:
    return f"match-refresh:{user_id}"


def match_refresh_lock_key(user_id: Any) -> str:
    return f"match-refresh-lock:{user_id}"


# One scrape of a source at a time.
def scrape_lock_key(source: str) -> str:
    return f"jobs:scrape-lock:{source}"


# Generated material (`cover_letter:{user_id}:{job_id}`, `cv_highlights:{user_id}:{job_id}`, DESIGN §6),
# one generation's state for polling, and the generation in flight for a (match, kind).
def generated_material_key(category: str, user_id: Any, job_id: Any) -> str:
    return f"{category}:{user_id}:{job_id}"


def generation_state_key(user_id: Any, generation_id: str) -> str:
    return f"generation:{user_id}:{generation_id}"


def generation_inflight_key(user_id: Any, match_id: Any, kind: str) -> str:
    return f"generation-inflight:{user_id}:{match_id}:{kind}"


# A resume tailored for a job, per (user, job, hash of the CV and profile it was tailored from):
# `resume_tailor:{user_id}:{job_id}:{source_hash}` (jobs.generation.tailoring).
def tailored_resume_key(user_id: Any, job_id: Any, source_hash: str) -> str:
    return f"resume_tailor:{user_id}:{job_id}:{source_hash}"


def tailored_resume_pattern() -> str:
    return "resume_tailor:*"
