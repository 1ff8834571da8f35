from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careerhub import events
        from jobs.events import MATCH_APPLIED, POSTINGS_CLOSED_CHANGED
        from profiles.events import SCORING_INPUTS_CHANGED
        from tracker import tasks  # noqa: F401  (registers the tasks with Celery)

        # A match marked "applied" in jobs becomes an application here (once per match).
        events.subscribe(MATCH_APPLIED, "tracker.application_from_match")
        # An application made from a match says when that job posting closed.
        events.subscribe(POSTINGS_CLOSED_CHANGED, "tracker.posting_closed_changed")
        # The dashboard cached from the old profile is dropped.
        events.subscribe(SCORING_INPUTS_CHANGED, "tracker.forget_dashboard")
