from django.db import models


class DeferredTask(models.Model):
    """A Celery task that could not be published because the broker was down.

    `careerhub.tasks.enqueue_on_commit` writes one of these instead of losing the work;
    the `resend_deferred_tasks` beat task publishes them again once the broker is back.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.task_name} (deferred {self.created_at:%Y-%m-%d %H:%M})"
