"""What a user's reasons for hiding or rejecting matches teach the score (docs/matching.md, "Feedback").

A reason counts once per match (the last one given). When the same reason has been given on at
least FEEDBACK_REPEATS matches, it moves that user's soft preferences, never a blocker:

salary        the salary component's minimum becomes the highest top of range among the jobs
              turned down for pay (in the profile's currency) plus SALARY_STEP, if that is above
              the profile's minimum: pay they called too low is not enough. The salary blocker
              and caveat still compare with the profile's own minimum.
location      a work mode (hybrid, on-site) of FEEDBACK_REPEATS jobs turned down for location fits 0
              in the work-type component.
role          a (family, specialism) of FEEDBACK_REPEATS jobs turned down as "not my role" halves
              the title component for jobs of that kind.
not_eligible  a country every one of FEEDBACK_REPEATS such jobs hires in caps the location
              component at 30 for jobs hiring only in such countries.
seniority     FEEDBACK_REPEATS jobs below (above) the user's level turned down for seniority make
              the one-level-below (above) caveat count twice.
company       puts the company on the blocklist at once (jobs.matching.blocklist).
other         nothing.

`learned_preferences_recompute` runs whenever a reason is recorded and stores the result in
LearnedPreferences, which the candidate is read with (no query at scoring time).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from jobs.eligibility import gazetteer
from jobs.matching.selectors import NEVER_RESUGGESTED, candidate_get
from jobs.models import FeedbackReason, LearnedPreferences, Match

FEEDBACK_REPEATS = 3
SALARY_STEP = 0.05


def _counted(values: list[Any]) -> list[Any]:
    return sorted(value for value, count in Counter(values).items() if count >= FEEDBACK_REPEATS and value)


@transaction.atomic
def learned_preferences_recompute(*, user_id: Any) -> dict[str, Any]:
    """Recompute and store what the user's repeated reasons teach (the rules above); returns the stored values."""
    rows = list(
        Match.objects.filter(user_id=user_id, status__in=NEVER_RESUGGESTED)
        .exclude(feedback_reason="")
        .values_list(
            "feedback_reason", "job__salary_min", "job__salary_max", "job__salary_currency", "job__work_mode",
            "job__role_family", "job__role_specialism", "job__places", "job__seniority_level",
        )
    )
    candidate = candidate_get(user_id=user_id)
    features = candidate.features if candidate is not None else None
    counts = Counter(row[0] for row in rows)
    values: dict[str, Any] = {"counts": dict(counts)}
    by_reason: dict[str, list[tuple]] = {}
    for row in rows:
        by_reason.setdefault(row[0], []).append(row[1:])

    paid = by_reason.get(FeedbackReason.SALARY, [])
    if len(paid) >= FEEDBACK_REPEATS and features is not None:
        tops = [high or low for low, high, currency, *_ in paid if (high or low) and (currency or "USD").upper() == features.salary_currency]
        if tops:
            floor = int(round(max(tops) * (1 + SALARY_STEP), -3))
            if floor > (features.min_salary or 0):
                values["salary_floor"] = floor
    located = by_reason.get(FeedbackReason.LOCATION, [])
    values["avoid_modes"] = [mode for mode in _counted([row[3] for row in located]) if mode in {"hybrid", "onsite"}]
    values["avoid_roles"] = [list(pair) for pair in _counted([(row[4], row[5]) for row in by_reason.get(FeedbackReason.ROLE, []) if row[4]])]
    ineligible = by_reason.get(FeedbackReason.NOT_ELIGIBLE, [])
    values["avoid_countries"] = _counted(
        [code for row in ineligible for code in gazetteer.member_countries(frozenset(row[6] or ())) if code != gazetteer.WORLDWIDE]
    )
    if features is not None and features.level is not None:
        levels = [row[7] for row in by_reason.get(FeedbackReason.SENIORITY, []) if row[7] is not None]
        values["seniority_below"] = sum(1 for level in levels if level < features.level) >= FEEDBACK_REPEATS
        values["seniority_above"] = sum(1 for level in levels if level > features.level) >= FEEDBACK_REPEATS
    row, _ = LearnedPreferences.objects.select_for_update().get_or_create(user_id=user_id)
    row.values = values
    row.save(update_fields=["values", "updated_at"])
    return values
