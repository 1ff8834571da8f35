"""Generating a match's cover letter and CV highlights (seed 004 "Generation"), and a resume
tailored to it (issue 12: the same flow, its body in jobs.generation.tailoring).

1. `material_cached` answers from the cache alone (`cached: true`): no LLM, no worker.
2. Otherwise `generation_start` records a generation, hands it to the
   `jobs.generate_application_material` Celery task and waits up to GENERATION_WAIT_SECONDS
   (the task runs in-process when Celery is eager, the embedded default). The caller answers
   200 when it finished, 202 with where to poll while it runs.
3. `generation_run` (the task's body) writes the material with Claude — the cover letter with
   the writing model, the highlights through structured output with the extraction model — or,
   without an API key, with the deterministic writers (`"model": "heuristic"`). Results are cached
   for 30 days and stored on the Match; cached heuristic material is a miss once a key is
   configured. When Claude is unreachable or refuses (429, 5xx) the generation ends
   `unavailable` with its Retry-After and nothing is cached, so the next call tries again.
   A `resume_tailor` generation runs `tailoring.services.resume_tailor_run` instead, and its
   result is the id of the resume version it created.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from careerhub import llm
from careerhub.cache import safe_delete, safe_get, safe_set
from careerhub.tasks import publish
from jobs import cache_keys
from jobs.generation import state
from jobs.generation.material import dossier_for, posting_for
from jobs.generation.tailoring.services import resume_tailor_run
from jobs.matching import writing
from jobs.models import Match

logger = logging.getLogger(__name__)

GENERATE_TASK = "jobs.generate_application_material"
HIGHLIGHTS_TOOL = "record_cv_highlights"
REGENERATED_MESSAGE = "Application materials regenerated"
# The in-flight slot outlives the longest possible task run, then frees itself.
INFLIGHT_SECONDS = 360
_MATCH_FIELDS = {state.COVER_LETTER: "cover_letter", state.CV_HIGHLIGHTS: "cv_highlights"}


@dataclass(frozen=True)
class Generation:
    """A generation as the endpoints see it: running, or finished with a body or an error."""

    id: str
    match_id: str
    kind: str
    status: str
    body: dict | None = None
    detail: str = ""
    code: str = ""
    retry_after: int | None = None

    @property
    def running(self) -> bool:
        return self.status in state.RUNNING


def material_body(kind: str, entries: dict[str, dict], *, cached: bool) -> dict[str, Any]:
    """The seed's response body for one endpoint, from cached/generated entries."""
    if kind == state.COVER_LETTER:
        entry = entries[state.COVER_LETTER]
        return {"cover_letter": entry["value"], "cached": cached, "generated_at": entry["generated_at"], "model": entry["model"]}
    if kind == state.CV_HIGHLIGHTS:
        entry = entries[state.CV_HIGHLIGHTS]
        return {"highlights": entry["value"], "cached": cached, "generated_at": entry["generated_at"], "model": entry["model"]}
    return {
        "message": REGENERATED_MESSAGE,
        "cover_letter": entries[state.COVER_LETTER]["value"],
        "cv_highlights": entries[state.CV_HIGHLIGHTS]["value"],
        "cached": cached,
        "generated_at": max(entry["generated_at"] for entry in entries.values()),
    }


def _cached_entry(category: str, user_id: Any, job_id: Any) -> dict | None:
    """The cached material, or None. Heuristic material stands in for Claude only while no API
    key is configured: once one is, it is a miss, so the user gets Claude's version (which then
    replaces it in the cache and on the match)."""
    entry = safe_get(cache_keys.generated_material_key(category, user_id, job_id))
    if not state.is_material(entry, category):
        return None
    if entry["model"] == llm.HEURISTIC_MODEL and llm.is_configured():
        return None
    return entry


def material_cached(*, user: User, match: Match, kind: str) -> dict[str, Any] | None:
    """The body straight from the cache, counting a hit for the admin statistics; None on a miss.

    Regenerating never answers from the cache, nor does heuristic material once an API key is
    configured (`_cached_entry`). Hits on heuristic material are not counted: the statistics
    estimate what the cache saves in LLM calls.
    """
    if kind == state.REGENERATE:
        return None
    entry = _cached_entry(kind, user.pk, match.job_id)
    if entry is None:
        return None
    if entry["model"] != llm.HEURISTIC_MODEL:
        llm.record_hit(kind)
    return material_body(kind, {kind: entry}, cached=True)


def _as_generation(generation_id: str, saved: dict) -> Generation:
    result = saved.get("result") or {}
    if saved["kind"] == state.RESUME_TAILOR:
        body = result or None  # {"resume_id", "cached"}: the endpoint shows the version
    else:
        body = material_body(saved["kind"], result["entries"], cached=result["cached"]) if result else None
    return Generation(
        id=generation_id,
        match_id=saved["match_id"],
        kind=saved["kind"],
        status=saved["status"],
        body=body,
        detail=saved.get("detail", ""),
        code=saved.get("code", ""),
        retry_after=saved.get("retry_after"),
    )


def generation_get(*, user: User, match_id: Any, generation_id: str) -> Generation | None:
    """A generation of this user's match, or None (unknown, expired, or someone else's)."""
    saved = state.state_get(user.pk, generation_id)
    if not isinstance(saved, dict) or saved.get("match_id") != str(match_id):
        return None
    return _as_generation(generation_id, saved)


def _wait(user: User, generation_id: str, wait_seconds: float) -> dict | None:
    deadline = time.monotonic() + max(0.0, wait_seconds)
    delay = 0.05
    while True:
        saved = state.state_get(user.pk, generation_id)
        if not isinstance(saved, dict) or saved.get("status") in state.TERMINAL or time.monotonic() >= deadline:
            return saved
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 2, 0.5)


def generation_start(*, user: User, match: Match, kind: str, wait_seconds: float) -> Generation:
    """Generate `kind` for the user's match in the background and wait up to `wait_seconds`.

    Regenerating first clears both cached results of the match (seed 004). A generation of the
    same match and kind already running is joined rather than started twice.
    """
    if kind == state.REGENERATE:
        safe_delete(*(cache_keys.generated_material_key(category, user.pk, match.job_id) for category in state.KINDS[kind]))
    generation_id = str(uuid.uuid4())
    holder = state.inflight_claim(user.pk, match.pk, kind, generation_id, INFLIGHT_SECONDS)
    if holder != generation_id:
        running = state.state_get(user.pk, holder)
        if isinstance(running, dict) and running.get("status") in state.RUNNING:
            return _as_generation(holder, _wait(user, holder, wait_seconds) or running)
        # The holder finished (its result is cached, or it failed) or vanished: start afresh.
        state.inflight_take(user.pk, match.pk, kind, generation_id, INFLIGHT_SECONDS)
    saved = state.state_put(
        user.pk,
        generation_id,
        {"match_id": str(match.pk), "job_id": match.job_id, "kind": kind, "status": state.PENDING},
    )
    # Published at once rather than on commit: this request wrote no row the task needs, and it
    # waits for the task below — unless the broker is down and the task was kept for later.
    if not publish(GENERATE_TASK, [generation_id, str(user.pk)]):
        return _as_generation(generation_id, saved)
    return _as_generation(generation_id, _wait(user, generation_id, wait_seconds) or saved)


# --- The task's body ------------------------------------------------------------------------------


def _write(category: str, dossier: writing.Dossier, posting: writing.Posting) -> dict:
    """One piece of material: Claude when configured, else the deterministic writer."""
    generated_at = timezone.now()
    if not llm.is_configured():
        if category == state.COVER_LETTER:
            value: Any = writing.heuristic_cover_letter(dossier, posting)
        else:
            value = writing.heuristic_highlights(dossier, posting)
        return {"value": value, "generated_at": generated_at, "model": llm.HEURISTIC_MODEL}
    llm.record_miss(category)
    if category == state.COVER_LETTER:
        result = llm.write(
            category=category,
            system=writing.COVER_LETTER_SYSTEM,
            prompt=writing.cover_letter_prompt(dossier, posting),
            model=llm.writing_model(),
        )
        value = result.value
    else:
        # The content-hash cache of llm.extract is bypassed: this material is cached under the
        # seed's own key, and a regeneration must really ask again.
        result = llm.extract(
            category=category,
            system=writing.HIGHLIGHTS_SYSTEM,
            prompt=writing.highlights_prompt(dossier, posting),
            schema=writing.HIGHLIGHTS_SCHEMA,
            tool_name=HIGHLIGHTS_TOOL,
            tool_description="Record the 3 to 5 CV highlights selected for this job.",
            model=llm.extraction_model(),
            use_cache=False,
        )
        value = [text for text in (" ".join(line.split()) for line in result.value["highlights"]) if text]
        if not 3 <= len(value) <= 5:
            raise llm.LLMUnavailable("The AI service returned an unusable answer. Try again shortly.")
    return {"value": value, "generated_at": generated_at, "model": result.model}


def _finish(user_id: str, generation_id: str, saved: dict, status: str, **fields: Any) -> dict:
    saved = state.state_put(user_id, generation_id, {**saved, "status": status, **fields})
    # Free the slot only if it is still ours (a newer generation may have taken it over).
    key = cache_keys.generation_inflight_key(user_id, saved["match_id"], saved["kind"])
    if safe_get(key) == generation_id:
        safe_delete(key)
    return saved


def generation_run(*, generation_id: str, user_id: str) -> dict | None:
    """Write the material of one generation. Idempotent: a finished generation is left as it is,
    and a result another run cached meanwhile is reused (except when regenerating)."""
    saved = state.state_get(user_id, generation_id)
    if not isinstance(saved, dict):
        logger.info("Generation %s expired before it ran", generation_id)
        return None
    if saved["status"] in state.TERMINAL:
        return saved
    kind = saved["kind"]
    saved = state.state_put(user_id, generation_id, {**saved, "status": state.PROCESSING})
    match = Match.objects.select_related("job", "user").filter(pk=saved["match_id"], user_id=user_id).first()
    if match is None:
        return _finish(user_id, generation_id, saved, state.FAILED, detail="Match not found.", code="not_found")
    if kind == state.RESUME_TAILOR:
        return _run_tailoring(user_id, generation_id, saved, match)

    entries: dict[str, dict] = {}
    if kind != state.REGENERATE:
        for category in state.KINDS[kind]:
            if (entry := _cached_entry(category, user_id, match.job_id)) is not None:
                entries[category] = entry
    cached = len(entries) == len(state.KINDS[kind])
    if not cached:
        dossier = dossier_for(user=match.user)
        posting = posting_for(match=match)
        try:
            for category in state.KINDS[kind]:
                if category not in entries:
                    entries[category] = _write(category, dossier, posting)
        except llm.LLMUnavailable as exc:
            # Nothing is cached: the next call asks again.
            return _finish(user_id, generation_id, saved, state.UNAVAILABLE, detail=str(exc.detail), retry_after=exc.retry_after)
        for category, entry in entries.items():
            safe_set(cache_keys.generated_material_key(category, user_id, match.job_id), entry, settings.GENERATION_CACHE_TTL_SECONDS)
        Match.objects.filter(pk=match.pk).update(
            **{_MATCH_FIELDS[category]: entry["value"] for category, entry in entries.items()}, updated_at=timezone.now()
        )
    return _finish(user_id, generation_id, saved, state.COMPLETED, result={"entries": entries, "cached": cached})


def _run_tailoring(user_id: str, generation_id: str, saved: dict, match: Match) -> dict:
    try:
        result = resume_tailor_run(match=match)
    except llm.LLMUnavailable as exc:
        # Nothing is cached and no version is saved: the next call asks again.
        return _finish(user_id, generation_id, saved, state.UNAVAILABLE, detail=str(exc.detail), retry_after=exc.retry_after)
    return _finish(user_id, generation_id, saved, state.COMPLETED, result=result)


def generation_fail(*, generation_id: str, user_id: str, detail: str) -> None:
    """Record that a generation stopped for a reason other than the LLM (time limit, a bug)."""
    saved = state.state_get(user_id, generation_id)
    if isinstance(saved, dict) and saved.get("status") not in state.TERMINAL:
        _finish(user_id, generation_id, saved, state.FAILED, detail=detail)
