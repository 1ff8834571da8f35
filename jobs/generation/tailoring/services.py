"""Tailoring a resume for one of the user's matches, and the resume version it becomes.

1. `resume_tailor_from_cache` answers from the cache alone: a tailoring of this job from this
   exact CV and profile (`resume_tailor:{user_id}:{job_id}:{source_hash}`, 30 days) is reused,
   no model called. It gives back the version made from it when the user kept it, else a new one.
2. Otherwise the endpoint starts a generation (jobs.generation.services.generation_start, kind
   `resume_tailor`) whose task calls `resume_tailor_run`: the provider through
   `careerhub.llm.extract` (the extraction model), or the deterministic tailor without one. The
   draft then passes the no-invention check (`claims`), the job's skills the CV shows are
   surfaced, the keywords are counted, and the result is cached and saved as a new version.
   Heuristic results stand in only while no provider is configured, as for cover letters.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import APIException

from accounts.models import User
from careerhub import llm
from careerhub.cache import safe_get, safe_set
from jobs import cache_keys
from jobs.generation.tailoring import prompt
from jobs.generation.tailoring.claims import remove_inventions
from jobs.generation.tailoring.heuristic import heuristic_tailor
from jobs.generation.tailoring.keywords import keywords_for, surface_skills
from jobs.generation.tailoring.source import JobAsk, Source, job_ask_for, source_for
from jobs.models import Match
from profiles.models import ResumeVersion
from profiles.resume_content import is_blank
from profiles.selectors import resume_version_tailored_get
from profiles.services import TailoredFor, Tailoring, resume_version_create_tailored

logger = logging.getLogger(__name__)

VERSION_NAME_LENGTH = 50
VERSION_NAME_PREFIX = "Tailored — "


class NothingToTailor(APIException):
    status_code = 400
    default_detail = "There is nothing to tailor yet: upload your CV or fill in your profile first."
    default_code = "nothing_to_tailor"


def _fit(text: str, room: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"


def tailored_version_name(title: str, company: str) -> str:
    """"Tailored — {title} at {company}", both shortened to fit the field (50 characters)."""
    room = VERSION_NAME_LENGTH - len(VERSION_NAME_PREFIX)
    title, company = " ".join(title.split()) or "a job", " ".join(company.split())
    if not company:
        return VERSION_NAME_PREFIX + _fit(title, room)
    room -= len(" at ")
    # The company keeps at least a third of the room when both are long.
    company_room = min(len(company), max(room - len(title), room // 3))
    return f"{VERSION_NAME_PREFIX}{_fit(title, room - company_room)} at {_fit(company, company_room)}"


def _is_entry(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("content"), dict)
        and isinstance(entry.get("keywords"), dict)
        and isinstance(entry.get("removed_claims"), list)
        and isinstance(entry.get("model"), str)
    )


def _cached(user_id: Any, job_id: Any, source: Source) -> dict | None:
    """The cached tailoring, or None. A heuristic one is a miss once a provider is configured."""
    entry = safe_get(cache_keys.tailored_resume_key(user_id, job_id, source.digest))
    if not _is_entry(entry) or (entry["model"] == llm.HEURISTIC_MODEL and llm.is_configured()):
        return None
    return entry


@transaction.atomic
def _version_for(*, user: User, match: Match, source: Source, entry: dict) -> ResumeVersion:
    """The version made from this tailoring if the user kept it, else a new one."""
    kept = resume_version_tailored_get(user=user, job_id=match.job_id, source_hash=source.digest, model=entry["model"])
    if kept is not None:
        return kept
    job = match.job
    return resume_version_create_tailored(
        user=user,
        version_name=tailored_version_name(job.title, job.company or ""),
        tailoring=Tailoring(
            content=entry["content"], keywords=entry["keywords"], removed_claims=entry["removed_claims"], model=entry["model"]
        ),
        tailored_for=TailoredFor(job_id=job.pk, match_id=match.pk, title=job.title, company=job.company or ""),
        source_hash=source.digest,
    )


def resume_tailor_source(*, user: User) -> Source:
    """The user's source for tailoring; 400 when there is nothing on it to tailor."""
    source = source_for(user=user)
    if is_blank(source.base):
        raise NothingToTailor()
    return source


def resume_tailor_from_cache(*, user: User, match: Match) -> ResumeVersion | None:
    """The tailored version straight from the cache (counting a hit for the admin statistics,
    not for heuristic results), or None on a miss. 400 when there is nothing to tailor."""
    source = resume_tailor_source(user=user)
    entry = _cached(user.pk, match.job_id, source)
    if entry is None:
        return None
    if entry["model"] != llm.HEURISTIC_MODEL:
        llm.record_hit(llm.RESUME_TAILOR)
    return _version_for(user=user, match=match, source=source, entry=entry)


def _draft(source: Source, job: JobAsk) -> tuple[Any, str]:
    """What the provider (or, without one, the deterministic tailor) proposes, and who wrote it."""
    if not llm.is_configured():
        return heuristic_tailor(source, job), llm.HEURISTIC_MODEL
    llm.record_miss(llm.RESUME_TAILOR)
    # llm.extract's content-hash cache is bypassed: the result is cached under our own key.
    result = llm.extract(
        category=llm.RESUME_TAILOR,
        system=prompt.SYSTEM,
        prompt=prompt.tailor_prompt(source, job),
        schema=prompt.SCHEMA,
        tool_name=prompt.TOOL_NAME,
        tool_description=prompt.TOOL_DESCRIPTION,
        model=llm.extraction_model(),
        max_tokens=prompt.MAX_TOKENS,
        use_cache=False,
    )
    return result.value, result.model


def resume_tailor(source: Source, job: JobAsk) -> dict[str, Any]:
    """A tailoring: the draft with every unsupported claim removed, the job's skills the CV shows
    surfaced, and its keywords. Raises LLMUnavailable when the provider fails (nothing cached)."""
    draft, model = _draft(source, job)
    checked = remove_inventions(draft, source)
    if checked.removed:
        logger.info("Tailoring by %s: removed %d unsupported claim(s)", model, len(checked.removed))
    content = surface_skills(checked.content, job, source)
    return {
        "content": content,
        "keywords": keywords_for(content=content, job=job, source=source),
        "removed_claims": checked.removed,
        "model": model,
        "generated_at": timezone.now(),
    }


def resume_tailor_run(*, match: Match) -> dict[str, Any]:
    """The generation task's body for `resume_tailor`: a tailored version of the match's job.

    Returns `{"resume_id", "cached"}` for the generation's state. A tailoring another run cached
    meanwhile is reused.
    """
    user = match.user
    source = source_for(user=user)
    entry = _cached(user.pk, match.job_id, source)
    cached = entry is not None
    if entry is None:
        entry = resume_tailor(source, job_ask_for(match=match))
        safe_set(cache_keys.tailored_resume_key(user.pk, match.job_id, source.digest), entry, llm.CACHE_TTL[llm.RESUME_TAILOR])
    resume = _version_for(user=user, match=match, source=source, entry=entry)
    return {"resume_id": str(resume.pk), "cached": cached}
