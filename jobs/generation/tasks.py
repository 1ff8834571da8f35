"""The Celery task that writes a match's application material (DESIGN §5)."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from jobs.generation import services

DATABASE_ERRORS = (OperationalError, InterfaceError)
SOFT_TIME_LIMIT_SECONDS = 300
TIME_LIMIT_SECONDS = 330


@shared_task(
    name=services.GENERATE_TASK,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT_SECONDS,
    time_limit=TIME_LIMIT_SECONDS,
    acks_late=True,
    ignore_result=True,
)
def generate_application_material(generation_id: str, user_id: str) -> str | None:
    """Write the material of one generation (ids in). Running it again for a finished generation
    does nothing. The LLM being unavailable is not retried here: the generation ends
    `unavailable`, the client is told when to come back, and its next call starts a new one."""
    try:
        saved = services.generation_run(generation_id=generation_id, user_id=user_id)
    except SoftTimeLimitExceeded:
        services.generation_fail(generation_id=generation_id, user_id=user_id, detail="The generation took too long.")
        return None
    except DATABASE_ERRORS:
        raise  # retried with backoff
    except Exception:
        # Whoever polls learns that it stopped instead of waiting for the state to expire.
        services.generation_fail(generation_id=generation_id, user_id=user_id, detail="The generation failed. Try again.")
        raise
    return saved["status"] if saved else None
