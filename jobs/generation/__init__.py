"""Application material for a match (seed 004 "Generation"): cover letters and CV highlights,
and resumes tailored to the job (`tailoring`, issue 12).

* `material`   — what the writers may use: the `Dossier` (profile + parsed CV only) and the
  `Posting` (the job, untrusted; the match's matching skills).
* `state`      — cache keys: the results (`cover_letter:{user_id}:{job_id}`,
  `cv_highlights:{user_id}:{job_id}`, 30 days) and each generation's state, for polling.
* `services`   — answer from the cache, or start a generation task and wait a short while.
* `tasks`      — the Celery task that writes the material (Claude, or the deterministic writer).
* `tailoring`  — a resume version rewritten for the job, with nothing invented (its own package).
* `cache_stats` — the admin cache statistics (seed 004 "Admin").
"""
