"""What happens in jobs that other apps may react to (careerhub.events)."""

from careerhub import events

MATCH_APPLIED = events.declare(
    "jobs.match_applied",
    "A user marked a match applied. Payload: the match and its job's details (jobs.matching.services.match_applied_payload).",
)

POSTINGS_CLOSED_CHANGED = events.declare(
    "jobs.postings_closed_changed",
    "Job postings closed (left their board) or reopened. Payload: `match_ids`, the matches users marked applied on "
    "them, and `closed_at` (ISO 8601; null when they reopened).",
)
