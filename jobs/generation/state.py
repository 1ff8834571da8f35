"""Cache keys of generated material and of each generation's progress.

Results live under the seed's keys for GENERATION_CACHE_TTL_SECONDS (30 days):
    cover_letter:{user_id}:{job_id}   {"value": str,       "generated_at": datetime, "model": str}
    cv_highlights:{user_id}:{job_id}  {"value": [str, ...], "generated_at": datetime, "model": str}

A generation (one task run) has a state under `generation:{user_id}:{generation_id}` for
GENERATION_STATE_TTL_SECONDS, which the poll endpoint reads; the user id in the key scopes it
to its owner. `generation-inflight:{user_id}:{match_id}:{kind}` names the generation already
running for that match and kind, so a second click joins it instead of paying twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from careerhub import llm
from careerhub.api.errors import ServiceUnavailable
from jobs import cache_keys

logger = logging.getLogger(__name__)
T = TypeVar("T")

COVER_LETTER = llm.COVER_LETTER
CV_HIGHLIGHTS = llm.CV_HIGHLIGHTS
REGENERATE = "regenerate"
# A resume tailored to the job (jobs.generation.tailoring): its result is a resume version.
RESUME_TAILOR = llm.RESUME_TAILOR
# What each endpoint generates.
KINDS: dict[str, tuple[str, ...]] = {
    COVER_LETTER: (COVER_LETTER,),
    CV_HIGHLIGHTS: (CV_HIGHLIGHTS,),
    REGENERATE: (COVER_LETTER, CV_HIGHLIGHTS),
    RESUME_TAILOR: (RESUME_TAILOR,),
}

PENDING = "pending"
PROCESSING = "processing"
COMPLETED = "completed"
UNAVAILABLE = "unavailable"  # the LLM was unreachable or refused: 503 + Retry-After
FAILED = "failed"
RUNNING = (PENDING, PROCESSING)
TERMINAL = (COMPLETED, UNAVAILABLE, FAILED)


class CacheUnavailable(ServiceUnavailable):
    default_detail = "The cache is unavailable, so the generation cannot be tracked. Try again shortly."
    default_code = "cache_unavailable"



def is_material(entry: Any, category: str) -> bool:
    """A cached entry of the expected shape (anything else is treated as a miss)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("model"), str) or entry.get("generated_at") is None:
        return False
    value = entry.get("value")
    if category == COVER_LETTER:
        return isinstance(value, str) and bool(value.strip())
    return isinstance(value, list) and all(isinstance(line, str) for line in value) and len(value) > 0


def _strict(operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A cache call whose failure must stop the request (503), unlike careerhub.cache's safe_*."""
    try:
        return operation(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - whatever the cache backend raises, the state is unknown: 503
        logger.warning("Generation state not reachable in the cache: %r", exc)
        raise CacheUnavailable() from exc


def state_get(user_id: Any, generation_id: str) -> dict | None:
    return _strict(cache.get, cache_keys.generation_state_key(user_id, generation_id))


def state_put(user_id: Any, generation_id: str, state: dict) -> dict:
    state = {**state, "updated_at": timezone.now()}
    _strict(cache.set, cache_keys.generation_state_key(user_id, generation_id), state, timeout=settings.GENERATION_STATE_TTL_SECONDS)
    return state


def inflight_claim(user_id: Any, match_id: Any, kind: str, generation_id: str, timeout: int) -> str:
    """Claim the in-flight slot; returns the id of the generation that holds it (ours or one running)."""
    key = cache_keys.generation_inflight_key(user_id, match_id, kind)
    if _strict(cache.add, key, generation_id, timeout=timeout):
        return generation_id
    holder = _strict(cache.get, key)
    return holder if isinstance(holder, str) else generation_id


def inflight_take(user_id: Any, match_id: Any, kind: str, generation_id: str, timeout: int) -> None:
    """Take the slot over from a generation that is no longer running."""
    _strict(cache.set, cache_keys.generation_inflight_key(user_id, match_id, kind), generation_id, timeout=timeout)
