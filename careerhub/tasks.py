"""Publishing Celery tasks safely (DESIGN §5).

Tasks are enqueued after the surrounding transaction commits, so a worker never sees a row
that was rolled back. If the broker is unreachable the task is written to DeferredTask and
published again later, so a broker outage never loses work the user asked for.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from celery import current_app, shared_task
from django.db import transaction

if TYPE_CHECKING:
    from celery import Task

logger = logging.getLogger(__name__)

RESEND_BATCH_SIZE = 200


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError as BrokerError

    errors: list[type[BaseException]] = [BrokerError, ConnectionError, TimeoutError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        errors += [RedisConnectionError, RedisTimeoutError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def publish(task_name: str, args: list | tuple = (), kwargs: dict | None = None) -> bool:
    """Send a task now; on a broker outage store it for later. True when it was sent."""
    kwargs = kwargs or {}
    try:
        # apply_async runs the task in-process when CELERY_TASK_ALWAYS_EAGER is on.
        current_app.tasks[task_name].apply_async(args=list(args), kwargs=kwargs)
        return True
    except _broker_errors() as exc:
        from careerhub.models import DeferredTask

        logger.warning("Broker unavailable, deferring %s: %r", task_name, exc)
        DeferredTask.objects.create(task_name=task_name, args=list(args), kwargs=kwargs, last_error=repr(exc))
        return False


def enqueue_on_commit(task: str | Task, *args: Any, **kwargs: Any) -> None:
    """Publish `task` with ids (never model instances) once the current transaction commits."""
    name = task if isinstance(task, str) else task.name
    transaction.on_commit(lambda: publish(name, args, kwargs))


def deferred_tasks_resend(*, limit: int = RESEND_BATCH_SIZE) -> int:
    """Publish up to `limit` kept tasks again, oldest first; how many were sent.

    Stops at the first broker error (the rest wait for the next run). The rows being resent
    are locked with SKIP LOCKED, so two runs at once (beat and the command) never send the
    same task twice; a row is deleted in the same transaction that sent it.
    """
    from careerhub.models import DeferredTask

    sent = 0
    with transaction.atomic():
        batch = DeferredTask.objects.select_for_update(skip_locked=True).order_by("created_at", "id")[:limit]
        for deferred in batch:
            try:
                current_app.send_task(deferred.task_name, args=deferred.args, kwargs=deferred.kwargs)
            except _broker_errors() as exc:
                DeferredTask.objects.filter(pk=deferred.pk).update(attempts=deferred.attempts + 1, last_error=repr(exc))
                break
            deferred.delete()
            sent += 1
    return sent


@shared_task(name="careerhub.resend_deferred_tasks", ignore_result=True, soft_time_limit=50, time_limit=60)
def resend_deferred_tasks() -> int:
    """Beat, every DEFERRED_TASKS_RESEND_SECONDS: publish the tasks a broker outage kept."""
    return deferred_tasks_resend()
