"""What happens in jobs that other apps may react to (careerhub.events)."""

from careerhub import events

MATCH_APPLIED = events.declare(
    "jobs.match_applied",
    "A user marked a match applied. Payload: the match and its job's details (jobs.matching.services.match_applied_payload).",
)
