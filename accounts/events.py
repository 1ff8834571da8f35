"""What happens in accounts that other apps may react to (careerhub.events)."""

from careerhub import events

USER_REGISTERED = events.declare("accounts.user_registered", "A new user registered.")
STREAK_CHANGED = events.declare("accounts.streak_changed", "A user's activity streak changed length.")
