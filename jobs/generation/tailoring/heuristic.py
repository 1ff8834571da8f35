"""The deterministic tailor, used when no provider is configured (`"model": "heuristic"`).

It rewrites nothing it cannot stand behind, so it orders, selects and surfaces:

* summary: one sentence aimed at the role from the profile's facts (headline, years, the job's
  skills the candidate has), then the first sentences of the candidate's own summary;
* skills: the job's asks the candidate has first, in the job's order (surfacing the ones only
  the CV's text shows), then the rest of the candidate's listed skills, up to MAX_SKILLS;
* work: the CV's entries in the CV's order (a resume reads newest first), each entry's
  highlights most relevant first (the job's skills and title words they name), the recent
  entries keeping more of them than the old ones;
* education: as the CV has it.

The job's text is never copied into the resume: only its title and company are named.
"""

from __future__ import annotations

import re
from typing import Any

from careerhub.skills import skill_key
from jobs.generation.tailoring.source import JobAsk, Source
from jobs.normalize import skills_from_text

MAX_SKILLS = 20
MAX_ENTRIES = 8
RECENT_ENTRIES = 2
RECENT_HIGHLIGHTS = 6
OLDER_HIGHLIGHTS = 3
SUMMARY_SENTENCES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z]{4,}")


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _tidy(line: str) -> str:
    """A highlight written as a bullet: capital first letter, one closing full stop."""
    line = line.strip().rstrip(";,")
    if not line:
        return ""
    line = line[0].upper() + line[1:]
    return line if line[-1] in ".!?" else f"{line}."


def _skills(source: Source, job: JobAsk) -> list[str]:
    have = {skill_key(name): name for name in source.skills}
    asked = [have[key] for key in dict.fromkeys(skill_key(name) for name in job.skills) if key in have]
    asked_keys = {skill_key(name) for name in asked}
    others = [name for name in source.listed_skills if skill_key(name) not in asked_keys]
    return [*asked, *others[: max(0, MAX_SKILLS - len(asked))]]


def _summary(source: Source, job: JobAsk, skills: list[str]) -> str:
    asked = {skill_key(name) for name in job.skills}
    relevant = [name for name in skills if skill_key(name) in asked][:4]
    lead = source.base["basics"]["label"] or "Professional"
    if source.experience_years:
        lead += f" with {source.experience_years} year{'s' if source.experience_years != 1 else ''} of experience"
    role = f"the {job.title} role" + (f" at {job.company}" if job.company else "")
    opening = f"{lead}, bringing {_join(relevant)} to {role}." if relevant else f"{lead}, seeking {role}."
    own = [part.strip() for part in _SENTENCE_END.split(source.base["summary"]) if part.strip()]
    return " ".join([opening, *own[:SUMMARY_SENTENCES]])


def _relevance(line: str, asked: set[str], title_words: set[str]) -> int:
    named = {skill_key(name) for name in skills_from_text(line, limit=50)}
    return 2 * len(named & asked) + len(set(_WORD.findall(line.casefold())) & title_words)


def _work(source: Source, job: JobAsk) -> list[dict[str, Any]]:
    asked = {skill_key(name) for name in job.skills}
    title_words = set(_WORD.findall(job.title.casefold()))
    work = []
    for position, entry in enumerate(source.base["work"][:MAX_ENTRIES]):
        lines = [line for line in (_tidy(line) for line in entry["highlights"]) if line]
        # sorted() is stable: equally relevant highlights keep the CV's order.
        ranked = sorted(lines, key=lambda line: _relevance(line, asked, title_words), reverse=True)
        keep = RECENT_HIGHLIGHTS if position < RECENT_ENTRIES else OLDER_HIGHLIGHTS
        work.append({**entry, "highlights": ranked[:keep]})
    return work


def heuristic_tailor(source: Source, job: JobAsk) -> dict[str, Any]:
    skills = _skills(source, job)
    return {
        "basics": source.base["basics"],
        "summary": _summary(source, job, skills),
        "skills": skills,
        "work": _work(source, job),
        "education": source.base["education"],
    }
