"""Where a user's match refresh stands (seed 004 `GET /matches/refresh/status`), and the lock
that lets only one refresh per user run at a time.

The state is a cache entry `match-refresh:{user_id}` living one hour after its last change:
`status` (none | pending | processing | completed | failed), `message`, `result`
(`matches_created`, `matches_updated`, `total_jobs_processed`) once completed, `progress`
(0–100) and `updated_at`.

The lock is `match-refresh-lock:{user_id}`, taken with `cache.add` (atomic SET NX on Redis, so
it holds across web processes and workers) and holding a random token. Whoever takes it —
the request that enqueues a refresh, or the management command — passes the token to the run,
and only the run holding the current token releases it. It expires on its own after
LOCK_SECONDS (longer than the task's hard time limit), so a killed worker cannot block a user
for more than that.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from careerhub.api.errors import ServiceUnavailable
from careerhub.cache import safe_delete, safe_get, safe_set
from jobs import cache_keys

logger = logging.getLogger(__name__)

STATE_TTL_SECONDS = 3600
LOCK_SECONDS = 15 * 60

NONE, PENDING, PROCESSING, COMPLETED, FAILED = "none", "pending", "processing", "completed", "failed"
STATUSES = (NONE, PENDING, PROCESSING, COMPLETED, FAILED)
NO_REFRESH_MESSAGE = "No match refresh in progress or recently completed."



def _unavailable() -> ServiceUnavailable:
    return ServiceUnavailable("Match refresh status is unavailable: the cache cannot be reached. Try again shortly.")


def refresh_state_get(*, user_id: Any) -> dict[str, Any]:
    """The current state; `none` when no refresh ran in the last hour. 503 when the cache is down."""
    try:
        state = cache.get(cache_keys.match_refresh_state_key(user_id))
    except Exception as exc:
        logger.warning("Reading the match refresh state of %s failed: %r", user_id, exc)
        raise _unavailable() from exc
    if not state:
        return {"status": NONE, "message": NO_REFRESH_MESSAGE, "result": None, "progress": None, "updated_at": None}
    return state


def refresh_state_set(
    *, user_id: Any, status: str, message: str, result: dict[str, int] | None = None, progress: int | None = None
) -> None:
    """Record the state (best effort: a cache outage loses the report, never the refresh)."""
    state = {
        "status": status,
        "message": message,
        "result": result,
        "progress": progress,
        "updated_at": timezone.now().isoformat().replace("+00:00", "Z"),
    }
    safe_set(cache_keys.match_refresh_state_key(user_id), state, STATE_TTL_SECONDS)


def refresh_lock_acquire(*, user_id: Any) -> str | None:
    """A token if the lock was free (now taken), None if a refresh already holds it. 503 when the cache is down."""
    token = uuid.uuid4().hex
    try:
        taken = cache.add(cache_keys.match_refresh_lock_key(user_id), token, timeout=LOCK_SECONDS)
    except Exception as exc:
        logger.warning("Taking the match refresh lock of %s failed: %r", user_id, exc)
        raise _unavailable() from exc
    return token if taken else None


def refresh_lock_holds(*, user_id: Any, token: str) -> bool:
    """Whether `token` still holds the lock, taking it back if it expired and nobody else took it.

    With the cache down there is no lock to check: the run goes ahead (a refresh is idempotent;
    two at once only repeat work)."""
    current = safe_get(cache_keys.match_refresh_lock_key(user_id))
    if current == token:
        return True
    if current is None:
        try:
            return bool(cache.add(cache_keys.match_refresh_lock_key(user_id), token, timeout=LOCK_SECONDS))
        except Exception as exc:  # noqa: BLE001 - no cache, no lock: a refresh is idempotent, so it runs
            logger.warning("Match refresh lock of %s unavailable, running without it: %r", user_id, exc)
            return True
    return False


def refresh_lock_release(*, user_id: Any, token: str) -> None:
    """Release the lock if `token` still holds it (never someone else's)."""
    if safe_get(cache_keys.match_refresh_lock_key(user_id)) == token:
        safe_delete(cache_keys.match_refresh_lock_key(user_id))
