"""Admin cache statistics (seed 004 "Get Cache Statistics" / "Reset Cache Metrics").

Hits and misses per category are the counters careerhub.llm keeps under
`llm-metrics:{category}:hits|misses`; savings are hits × the category's estimated cost per miss
(settings.LLM_COST_PER_MISS_USD). Storage reads Redis itself: `used_memory_human` from INFO and
the number of cached results per category, counted with SCAN (never KEYS).

On the local-memory cache of the embedded default (`"backend": "locmem"`) the counters and key
counts are this server process's own (the embedded default serves from one process) and the
memory used cannot be known: it is null. With Redis configured but down, both answer 503.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache

from careerhub import llm
from careerhub.api.errors import ServiceUnavailable
from careerhub.cache import delete_pattern, is_redis, iter_keys, redis_connection
from jobs import cache_keys

logger = logging.getLogger(__name__)

# Seed 004's order, then the categories careerhub added (tailored resumes, issue 12; the inbox's
# email classification, issue 21).
CATEGORIES = (llm.COVER_LETTER, llm.CV_HIGHLIGHTS, llm.CV_PARSE, llm.JOB_EXTRACT, llm.RESUME_TAILOR, llm.INBOX_CLASSIFY)
# storage.key_counts name -> the keys holding that category's cached results.
KEY_PATTERNS = {
    "cover_letters": f"{llm.COVER_LETTER}:*",
    "cv_highlights": f"{llm.CV_HIGHLIGHTS}:*",
    "cv_parses": llm.result_cache_key(llm.CV_PARSE, "*"),
    "job_extracts": llm.result_cache_key(llm.JOB_EXTRACT, "*"),
    "resume_tailors": cache_keys.tailored_resume_pattern(),
    "inbox_classifications": llm.result_cache_key(llm.INBOX_CLASSIFY, "*"),
}
METRICS_PATTERN = "llm-metrics:*"


REDIS = "redis"
LOCAL_MEMORY = "locmem"


class CacheStatisticsUnavailable(ServiceUnavailable):
    default_detail = "Cache statistics need Redis, and Redis is not available."
    default_code = "redis_unavailable"


def _redis_errors() -> tuple[type[BaseException], ...]:
    from redis.exceptions import RedisError

    return (RedisError, ConnectionError, TimeoutError, OSError)


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _count(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def cache_statistics() -> dict[str, Any]:
    backend = REDIS if is_redis() else LOCAL_MEMORY
    keys = {(category, kind): llm.metrics_key(category, kind) for category in CATEGORIES for kind in ("hits", "misses")}
    try:
        counters = cache.get_many(list(keys.values()))
        # The local-memory cache has no figure for the memory it holds.
        memory_used = str(redis_connection().info("memory").get("used_memory_human", "")) if backend == REDIS else None
        key_counts = {name: sum(1 for _ in iter_keys(pattern)) for name, pattern in KEY_PATTERNS.items()}
    except _redis_errors() as exc:
        logger.warning("Cache statistics unavailable: %r", exc)
        raise CacheStatisticsUnavailable() from exc

    breakdown: dict[str, dict[str, Any]] = {}
    for category in CATEGORIES:
        hits = _count(counters.get(keys[category, "hits"]))
        misses = _count(counters.get(keys[category, "misses"]))
        cost = float(settings.LLM_COST_PER_MISS_USD[category])
        breakdown[category] = {
            "hits": hits,
            "misses": misses,
            "total_requests": hits + misses,
            "hit_rate_percent": _percent(hits, hits + misses),
            "cost_per_miss_usd": cost,
            "savings_usd": round(hits * cost, 2),
        }
    total_hits = sum(item["hits"] for item in breakdown.values())
    total_misses = sum(item["misses"] for item in breakdown.values())
    return {
        "available": True,
        "backend": backend,
        "summary": {
            "total_hits": total_hits,
            "total_misses": total_misses,
            "total_requests": total_hits + total_misses,
            "hit_rate_percent": _percent(total_hits, total_hits + total_misses),
            "total_savings_usd": round(sum(item["savings_usd"] for item in breakdown.values()), 2),
        },
        "breakdown": breakdown,
        "storage": {
            "memory_used": memory_used,
            "key_counts": key_counts,
            "total_keys": sum(key_counts.values()),
        },
    }


def cache_metrics_reset() -> int:
    """Delete the hit/miss (and token) counters; cached results are left alone. Returns how many went."""
    try:
        return delete_pattern(METRICS_PATTERN)
    except _redis_errors() as exc:
        logger.warning("Cache metrics not reset: %r", exc)
        raise CacheStatisticsUnavailable() from exc
