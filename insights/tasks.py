"""Celery discovers tasks in `<app>.tasks`; insights' tasks live with their area."""

from insights.progress.tasks import evaluate_milestones

__all__ = ["evaluate_milestones"]
