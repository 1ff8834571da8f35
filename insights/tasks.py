"""Celery discovers tasks in `<app>.tasks`; insights' tasks live with their area."""

from insights.progress.tasks import evaluate_milestones, forget_recommendations

__all__ = ["evaluate_milestones", "forget_recommendations"]
