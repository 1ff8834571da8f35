"""Celery entry points for progress: ids in, one service call, a retry policy."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from careerhub.cache import OUTAGE_ERRORS
from insights.progress import services
from insights.skill_insights.services import recommendations_forget


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


@shared_task(
    name="insights.forget_recommendations",
    autoretry_for=OUTAGE_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def forget_recommendations(user_id: str) -> int:
    """On profiles.scoring_inputs_changed: drop the user's cached recommendations. Idempotent."""
    return recommendations_forget(user_id=user_id)
