"""Celery entry points for progress: ids in, one service call, a retry policy."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from insights.progress import services


@shared_task(
    name="insights.evaluate_milestones",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
    ignore_result=True,
)
def evaluate_milestones(user_id: str) -> int:
    """Award one user's newly reached milestones (subscribed to the events that can earn one)."""
    return len(services.milestones_evaluate(user_id=user_id))
