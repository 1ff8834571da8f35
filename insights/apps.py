from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import events as accounts_events
        from careerhub import events
        from insights import tasks  # noqa: F401  (registers the tasks with Celery)
        from profiles.events import SCORING_INPUTS_CHANGED
        from social import events as social_events
        from tracker import events as tracker_events

        # Every event after which a user may have reached a milestone.
        milestone_events = (
            accounts_events.USER_REGISTERED,
            accounts_events.STREAK_CHANGED,
            tracker_events.APPLICATION_CREATED,
            tracker_events.REFLECTION_CREATED,
            tracker_events.OUTCOME_CREATED,
            tracker_events.OUTCOME_CHANGED,
            social_events.FOLLOW_CREATED,
            social_events.GROUP_JOINED,
            social_events.POST_CREATED,
        )
        for event in milestone_events:
            events.subscribe(event, "insights.evaluate_milestones")
        # Recommendations computed from the old profile are wrong now.
        events.subscribe(SCORING_INPUTS_CHANGED, "insights.forget_recommendations")
