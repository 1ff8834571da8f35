"""The cached skill insights of a user, which depend on their open matches.

The insights app computes a user's skill insights (seed 004 `GET /insights/skills`) from their
open matches — the relevant jobs and the top 50 — and caches them under
`recommendations:{user_id}:skills`. A completed refresh, or a match entering or leaving
`rejected`/`hidden`, changes those matches, so the matching writes drop the entry. jobs may not
import insights (DESIGN §1), so the key is defined here and the insights app reads it from here:
one definition, like the profiles app's `recommendations:{user_id}:*` pattern. One exact key is
deleted, never a SCAN, because a status change does it inside a request.
"""

from __future__ import annotations

from typing import Any

from careerhub.cache import safe_delete


def skill_insights_key(user_id: Any) -> str:
    return f"recommendations:{user_id}:skills"


def skill_insights_forget(*, user_id: Any) -> None:
    """Drop the user's cached skill insights (best effort: a cache outage only leaves them to expire)."""
    safe_delete(skill_insights_key(user_id))
