"""Celery entry points for profiles: ids in, one service call, an explicit retry policy."""

from __future__ import annotations

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import InterfaceError, OperationalError

from profiles import services
from profiles.models import CvUpload

DATABASE_ERRORS = (OperationalError, InterfaceError)
CV_PARSE_BACKOFF_MAX_SECONDS = 900


@shared_task(
    bind=True,
    name="profiles.parse_cv",
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=settings.CV_PARSE_MAX_RETRIES,
    soft_time_limit=300,
    time_limit=330,
    acks_late=True,
)
def parse_cv(self: Task, upload_id: str) -> str | None:
    """Parse one stored CV upload. While the AI service is down a worker retries with backoff;
    run eagerly (no worker) it does not, and the request that ran it answers 503 instead."""
    upload = services.cv_upload_parse(upload_id=upload_id)
    if upload is None:
        return None
    if upload.status == CvUpload.Status.UNAVAILABLE and not self.request.is_eager and self.request.retries < self.max_retries:
        countdown = max(
            upload.retry_after or 0,
            get_exponential_backoff_interval(
                factor=settings.CV_PARSE_RETRY_BACKOFF_SECONDS,
                retries=self.request.retries,
                maximum=CV_PARSE_BACKOFF_MAX_SECONDS,
                full_jitter=True,
            ),
        )
        raise self.retry(countdown=countdown)
    return upload.status
