"""What happens in the tracker that other apps may react to (careerhub.events). Payload: user_id."""

from careerhub import events

APPLICATION_CREATED = events.declare("tracker.application_created", "A user added one or more applications.")
OUTCOME_CREATED = events.declare("tracker.outcome_created", "An application got its outcome.")
OUTCOME_CHANGED = events.declare("tracker.outcome_changed", "An application's outcome changed status.")
REFLECTION_CREATED = events.declare("tracker.reflection_created", "A user wrote a reflection on an application.")
