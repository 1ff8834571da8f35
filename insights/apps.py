from django.apps import AppConfig

# Every event after which a user may have reached a milestone. Each one enqueues
# insights.evaluate_milestones for that user once the emitting transaction commits.
MILESTONE_EVENTS = (
    "accounts.user_registered",
    "accounts.streak_changed",
    "tracker.application_created",
    "tracker.reflection_created",
    "tracker.outcome_created",
    "tracker.outcome_changed",
    "social.follow_created",
    "social.group_joined",
    "social.post_created",
)


class InsightsConfig(AppConfig):
    name = "insights"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careerhub import events
        from insights import tasks  # noqa: F401  (registers the tasks with Celery)

        for event in MILESTONE_EVENTS:
            events.subscribe(event, "insights.evaluate_milestones")
