"""Readiness: can this instance serve requests now? (`GET /health/ready`)

Each check reaches one dependency the way the app does — the database, the cache, the Celery
broker, the file store — and reports whether it answered and how long it took. `/health` stays
a liveness check that reaches nothing.

Every check is bounded by its client's own timeouts (DB_CONNECT_TIMEOUT, the cache's and the
broker's 1-second socket timeouts, the file store's 3 seconds), so a probe of an instance whose
dependencies are down still answers.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass

from celery import current_app
from django.core.cache import cache
from django.db import connection

from careerhub.cache import is_redis
from careerhub.file_store import file_store_check

logger = logging.getLogger(__name__)

CACHE_PROBE_TTL_SECONDS = 10
READINESS_STATUSES = ("ready", "not_ready")
CHECK_STATUSES = ("ok", "down")


@dataclass(frozen=True)
class CheckResult:
    status: str  # one of CHECK_STATUSES
    latency_ms: float
    detail: str

    @property
    def ok(self) -> bool:
        return self.status == CHECK_STATUSES[0]


def database_check() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # A connection that failed is replaced by the next request instead of failing it too.
        connection.close_if_unusable_or_obsolete()
        raise
    return connection.vendor


def cache_check() -> str:
    key, token = f"careerhub:readiness:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=CACHE_PROBE_TTL_SECONDS)
    try:
        if cache.get(key) != token:
            raise RuntimeError("the cache did not return what was just written")
    finally:
        cache.delete(key)
    return "redis" if is_redis() else "local memory"


def broker_check() -> str:
    with current_app.connection_for_write() as broker:
        # One attempt, no retry: kombu's default retries would hold the probe for seconds.
        broker.ensure_connection(max_retries=0)
        transport = broker.transport_cls
    if current_app.conf.task_always_eager:
        return f"{transport} (tasks run in-process)"
    return str(transport)


CHECKS: dict[str, Callable[[], str]] = {
    "database": database_check,
    "cache": cache_check,
    "broker": broker_check,
    "file_store": file_store_check,
}


def _run(check: Callable[[], str]) -> CheckResult:
    started = time.perf_counter()
    try:
        detail, status = check(), CHECK_STATUSES[0]
    except Exception as exc:  # noqa: BLE001 - whatever a dependency raises, the probe reports it as down
        logger.warning("Readiness check %s failed: %r", check.__name__, exc)
        detail, status = f"{exc.__class__.__name__}: {exc}"[:300], CHECK_STATUSES[1]
    return CheckResult(status, round((time.perf_counter() - started) * 1000, 1), detail)


def readiness_report() -> tuple[bool, dict[str, dict]]:
    """(ready, {check name: {status, latency_ms, detail}}), every check run once, in order."""
    results = {name: _run(check) for name, check in CHECKS.items()}
    return all(result.ok for result in results.values()), {name: asdict(result) for name, result in results.items()}
