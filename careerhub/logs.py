"""Log lines with request ids, as plain text or one JSON object per line (LOG_FORMAT).

Every HTTP request runs with an id (careerhub.api.middleware.RequestIdMiddleware): the client's
`X-Request-ID` when it is a valid one, else a new one. While the request runs the id sits in a
context variable; `RequestIdFilter` stamps it on every log record, and careerhub.celery sends it
with every task the request publishes (a message header) and restores it while the task runs,
so the task's log lines carry it too.

Secrets that travel in URLs (a calendar feed's token, a `?token=` query value) never reach a log
line: the access log writes the path redacted, and both formatters redact every line they write,
whatever logger it came from (`django.request`'s 5xx lines name the path too). An app registers
the shape of its secret URLs with `secret_pattern_register` (tracker does, for its feed URL).

Nothing here imports Django settings: gunicorn's configuration uses the formatter before Django
starts.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from typing import Any

REQUEST_ID_HEADER = "X-Request-ID"
# The Celery message header that carries the id of the request that published a task.
TASK_HEADER = "careerhub_request_id"
# What a client may send as its own id: up to 128 characters that are safe in a header and a
# log line (a UUID, a hex trace id, "Root=1-5e1b4151-...;Parent=..." without the separators).
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}")
# Shown in text log lines made outside any request or task.
NO_REQUEST = "-"

# What stands in a log line where a secret was.
REDACTED = "[redacted]"
# Regexes with a `secret` group: the group's text is replaced by REDACTED. Query values under the
# usual secret parameter names are always redacted; apps add their secret path segments.
_SECRET_PATTERNS: list[re.Pattern[str]] = [
    re.compile(r"[?&](?:token|access_token|refresh_token|api_key|key|secret|password)=(?P<secret>[^&\s\"'#]+)", re.IGNORECASE),
]

_request_id: ContextVar[str | None] = ContextVar("careerhub_request_id", default=None)
_task: ContextVar[tuple[str, str] | None] = ContextVar("careerhub_task", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
FORMATS = ("text", "json")
# LogRecord attributes that are not `extra=` fields.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {
    "message", "asctime", "request_id", "task_id", "task_name", "taskName",
}


def secret_pattern_register(pattern: str) -> None:
    """Redact, in every log line, the text a regex's `secret` group matches (an app's secret URL part)."""
    compiled = re.compile(pattern)
    if "secret" not in compiled.groupindex:
        raise ValueError("A secret pattern needs a group named 'secret'.")
    if all(existing.pattern != compiled.pattern for existing in _SECRET_PATTERNS):
        _SECRET_PATTERNS.append(compiled)


def _redact_match(match: re.Match[str]) -> str:
    start, end = match.span("secret")
    offset = match.start()
    return match.group(0)[: start - offset] + REDACTED + match.group(0)[end - offset :]


def redact(text: str) -> str:
    """`text` with every registered secret replaced by REDACTED."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_redact_match, text)
    return text


def valid_request_id(value: str | None) -> str | None:
    """`value` when it may be used as a request id as it is, else None."""
    if value and _VALID_REQUEST_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return _request_id.get()


@contextmanager
def request_id_bound(value: str | None) -> Iterator[None]:
    """Run the block with `value` as the current request id (None: no request)."""
    token = _request_id.set(value)
    try:
        yield
    finally:
        _request_id.reset(token)


def task_bind(task_id: str, task_name: str, request_id: str | None) -> tuple[Token, Token]:
    """From now on, log as Celery task `task_id` published by request `request_id`; undo with task_unbind."""
    return _task.set((task_id, task_name)), _request_id.set(request_id)


def task_unbind(tokens: tuple[Token, Token]) -> None:
    task_token, request_token = tokens
    _request_id.reset(request_token)
    _task.reset(task_token)


class RequestIdFilter(logging.Filter):
    """Stamps the current request id (and Celery task, if any) on every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get() or NO_REQUEST
        task = _task.get()
        if task is not None:
            record.task_id, record.task_name = task
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, then any `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": _stamped_request_id(record),
            "process": record.process,
        }
        if getattr(record, "task_id", None):
            entry["task_id"], entry["task_name"] = record.task_id, record.task_name
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.stack_info:
            entry["stack"] = record.stack_info
        # default=str: an `extra=` value that JSON cannot hold (a UUID, a date) is written as text.
        return redact(json.dumps(entry, default=str, ensure_ascii=False))


def _stamped_request_id(record: logging.LogRecord) -> str | None:
    stamped = getattr(record, "request_id", None)
    if stamped is None:  # a handler without RequestIdFilter
        return _request_id.get()
    return None if stamped == NO_REQUEST else stamped


class TextFormatter(logging.Formatter):
    """`time LEVEL logger [request id]: message`, and the Celery task a line comes from."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):  # a handler without RequestIdFilter
            record.request_id = _request_id.get() or NO_REQUEST
        line = super().format(record)
        if getattr(record, "task_id", None):
            line += f" (task {record.task_name}[{record.task_id}])"
        return redact(line)


def formatter(fmt: str) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def logging_config(*, level: str, fmt: str) -> dict:
    """Django's LOGGING: one console handler on the root logger, in the format asked for."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "careerhub.logs.RequestIdFilter"}},
        "formatters": {"careerhub": {"()": "careerhub.logs.JsonFormatter" if fmt == "json" else "careerhub.logs.TextFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "careerhub", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level.upper()},
        "loggers": {"django.request": {"level": "ERROR"}},
    }


def adopt_handlers(logger: logging.Logger, fmt: str) -> None:
    """Give the handlers another library set up (Celery's) the request id and careerhub's format."""
    for handler in logger.handlers:
        if not any(isinstance(existing, RequestIdFilter) for existing in handler.filters):
            handler.addFilter(RequestIdFilter())
        handler.setFormatter(formatter(fmt))
