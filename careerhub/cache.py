"""Cache helpers that degrade instead of failing (DESIGN §4).

Reads turn a cache outage into a miss, writes into a no-op; both log. Pattern deletes use
SCAN on Redis (never KEYS) and work on the local-memory cache of the embedded default.
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.core.cache import cache, caches
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

if TYPE_CHECKING:
    from redis import Redis

logger = logging.getLogger(__name__)

# What a cache outage raises: tasks that must reach the cache retry these (autoretry_for).
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)

_MISSING = object()
SCAN_BATCH = 500


def safe_get(key: str, default: Any = None) -> Any:
    try:
        return cache.get(key, default)
    except Exception as exc:  # noqa: BLE001 - any cache failure degrades to a miss (DESIGN §4)
        logger.warning("Cache read of %s failed, treated as a miss: %r", key, exc)
        return default


def safe_set(key: str, value: Any, timeout: int | None) -> bool:
    try:
        cache.set(key, value, timeout=timeout)
        return True
    except Exception as exc:  # noqa: BLE001 - any cache failure degrades to a no-op write
        logger.warning("Cache write of %s failed: %r", key, exc)
        return False


def safe_set_many(values: dict[str, Any], timeout: int | None) -> bool:
    """Many keys in one round trip (a pipeline on Redis); like safe_set, a failure degrades to a no-op."""
    try:
        cache.set_many(values, timeout=timeout)
        return True
    except Exception as exc:  # noqa: BLE001 - any cache failure degrades to a no-op write
        logger.warning("Cache write of %d keys failed: %r", len(values), exc)
        return False


def safe_delete(*keys: str) -> None:
    try:
        cache.delete_many(list(keys))
    except Exception as exc:  # noqa: BLE001 - any cache failure degrades to a no-op delete
        logger.warning("Cache delete of %s failed: %r", keys, exc)


def is_redis() -> bool:
    # `cache` is a proxy; the backend itself tells which kind of cache this is.
    return type(caches["default"]).__module__.startswith("django_redis")


def redis_connection() -> Redis:
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def iter_keys(pattern: str) -> Iterator[str]:
    """Yield the cache keys (unprefixed) matching a glob pattern, with SCAN on Redis."""
    if is_redis():
        full_pattern = cache.make_key(pattern)
        prefix_len = len(cache.make_key(""))
        for raw in redis_connection().scan_iter(match=full_pattern, count=SCAN_BATCH):
            key = raw.decode() if isinstance(raw, bytes) else raw
            yield key[prefix_len:]
        return
    store = getattr(caches["default"], "_cache", {})
    prefix_len = len(cache.make_key(""))
    for full_key in list(store.keys()):
        key = full_key[prefix_len:]
        if fnmatch.fnmatchcase(key, pattern):
            yield key


def delete_pattern(pattern: str) -> int:
    """Delete every key matching the glob pattern; return how many were deleted."""
    deleted = 0
    batch: list[str] = []
    for key in iter_keys(pattern):
        batch.append(key)
        if len(batch) >= SCAN_BATCH:
            cache.delete_many(batch)
            deleted += len(batch)
            batch = []
    if batch:
        cache.delete_many(batch)
        deleted += len(batch)
    return deleted
