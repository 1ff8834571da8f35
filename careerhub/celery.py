"""The Celery application. Settings come from Django settings under the CELERY_ namespace.

A task published while a request runs carries the request's id in a message header; the worker
restores it while the task runs, so the task's log lines carry it too (careerhub.logs). The
worker's and beat's log lines use careerhub's format (LOG_FORMAT) with the request id. (Celery
still prints its shutdown notice, "worker: Warm shutdown", as plain text.)
"""

from __future__ import annotations

import logging
import os
from contextvars import Token
from typing import Any

from celery import Celery, signals

from careerhub import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerhub.settings.base")

app = Celery("careerhub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Task id -> what task_postrun undoes. prerun and postrun run in the same thread, one task at a time.
_bound_tasks: dict[str, tuple[Token, Token]] = {}


@signals.before_task_publish.connect
def send_request_id(headers: dict | None = None, **kwargs: Any) -> None:
    request_id = logs.current_request_id()
    if request_id and headers is not None:
        headers.setdefault(logs.TASK_HEADER, request_id)


@signals.task_prerun.connect
def bind_request_id(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    if task_id is None or task is None:
        return
    # A task run in-process (eager) has no header: it runs inside the request that started it.
    request_id = logs.valid_request_id(task.request.get(logs.TASK_HEADER)) or logs.current_request_id()
    _bound_tasks[task_id] = logs.task_bind(task_id, task.name, request_id)


@signals.task_postrun.connect
def unbind_request_id(task_id: str | None = None, **kwargs: Any) -> None:
    tokens = _bound_tasks.pop(task_id, None) if task_id else None
    if tokens is not None:
        logs.task_unbind(tokens)


@signals.celeryd_init.connect
def no_banner_in_json_logs(instance: Any = None, **kwargs: Any) -> None:
    """The worker's start-up banner is plain text printed to stdout; JSON logs leave it out (as --quiet does)."""
    from django.conf import settings

    if instance is not None and settings.LOG_FORMAT == "json":
        instance.quiet = True


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def use_careerhub_log_format(logger: logging.Logger | None = None, **kwargs: Any) -> None:
    from django.conf import settings

    if logger is not None:
        logs.adopt_handlers(logger, settings.LOG_FORMAT)
