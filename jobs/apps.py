from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class JobsConfig(AppConfig):
    name = "jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careerhub import events
        from jobs import tasks  # noqa: F401  (registers the scraping tasks with Celery)
        from jobs.generation import tasks as generation_tasks  # noqa: F401  (the generation task)
        from profiles.events import SCORING_INPUTS_CHANGED

        unknown = sorted(set(settings.JOB_SOURCES) - set(settings.JOB_SOURCE_NAMES))
        if unknown:
            raise ImproperlyConfigured(
                f"Environment variable JOB_SOURCES: unknown source(s) {', '.join(unknown)}; "
                f"expected some of {', '.join(settings.JOB_SOURCE_NAMES)}."
            )
        # Scores cached from the old profile are wrong now.
        events.subscribe(SCORING_INPUTS_CHANGED, "jobs.forget_career_impact")
