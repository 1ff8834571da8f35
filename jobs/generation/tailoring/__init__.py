"""Resumes tailored to a job (POST /matches/{id}/tailor-resume), with nothing invented.

* `source`    — what the candidate really has: the untailored resume built from the profile and
  parsed CV (profiles.resume_content), every skill it shows, and its hash (the cache's "CV hash").
* `job`       — what the job asks: its skills (`Job.skills`, the alias table's names) and its text,
  which reaches a model only as untrusted data.
* `heuristic` — the deterministic tailor (no provider): ordering, selection, keyword surfacing.
* `prompt`    — the prompt and JSON schema for a provider (careerhub.llm.extract).
* `claims`    — the no-invention check: every employer, title, date, degree and school in the
  output must be in the source (normalised comparison); anything else is removed and reported.
* `keywords`  — covered / added_from_cv / gaps.
* `services`  — the cache per (user, job, CV hash), the run the generation task calls, and the
  resume version it creates (profiles.services.resume_version_create_tailored).
"""
