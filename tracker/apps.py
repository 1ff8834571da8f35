from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careerhub import events, logs
        from jobs.events import MATCH_APPLIED, POSTINGS_CLOSED_CHANGED
        from profiles.events import SCORING_INPUTS_CHANGED
        from tracker import tasks  # noqa: F401  (registers the tasks with Celery)

        # A match marked "applied" in jobs becomes an application here (once per match).
        events.subscribe(MATCH_APPLIED, "tracker.application_from_match")
        # An application made from a match says when that job posting closed.
        events.subscribe(POSTINGS_CLOSED_CHANGED, "tracker.posting_closed_changed")
        # The dashboard cached from the old profile is dropped.
        events.subscribe(SCORING_INPUTS_CHANGED, "tracker.forget_dashboard")
        # The calendar feed's token is its URL's last segment (`.../calendar/feed/<token>.ics`, not
        # `.../calendar/feed/rotate`): no log line may hold it.
        logs.secret_pattern_register(CALENDAR_FEED_SECRET)


CALENDAR_FEED_SECRET = r"/calendar/feed/(?!rotate(?:[/\s\"'?#]|$))(?P<secret>[^/\s\"'?#]+?)(?:\.ics)?(?=[/\s\"'?#]|$)"
