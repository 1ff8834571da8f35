from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careerhub import events
        from tracker import tasks  # noqa: F401  (registers the tasks with Celery)

        # A match marked "applied" in jobs becomes an application here (once per match).
        events.subscribe("jobs.match_applied", "tracker.application_from_match")
