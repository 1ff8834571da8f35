"""What happens in profiles that other apps may react to (careerhub.events)."""

from careerhub import events

SCORING_INPUTS_CHANGED = events.declare(
    "profiles.scoring_inputs_changed",
    "A profile field a match score depends on changed (role, seniority, industry, skills, preferences, "
    "industry profile, parsed CV): apps drop what they cached from the old profile. Payload: user_id.",
)
