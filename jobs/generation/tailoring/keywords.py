"""What the tailored resume does with the job's keywords, through the one skill alias table.

* `covered`       — skills the job asks for that the tailored resume shows (in its skills or text);
* `added_from_cv` — of those, the ones the untailored resume did not list: the CV shows them
  (a line "Deployed on Kubernetes"), and the tailored skills now surface them;
* `gaps`          — skills the job asks for that the CV and profile do not show. Listed for the
  user, never added to the resume.

Names are the alias table's (`postgres` is PostgreSQL), in the job's order.
"""

from __future__ import annotations

from typing import Any

from careerhub.skills import canonical_skill, skill_key
from jobs.generation.tailoring.source import JobAsk, Source
from jobs.normalize import skills_from_text


def surface_skills(content: dict[str, Any], job: JobAsk, source: Source) -> dict[str, Any]:
    """The content with every skill the job asks for and the source shows at the front of its
    skills, in the job's order (a model may forget one; the code never does)."""
    have = {skill_key(name): name for name in source.skills}
    front = [have[key] for key in (skill_key(name) for name in job.skills) if key in have]
    front_keys = {skill_key(name) for name in front}
    rest = [name for name in content["skills"] if skill_key(name) not in front_keys]
    return {**content, "skills": [*front, *rest]}


def _shown(content: dict[str, Any]) -> set[str]:
    text = "\n".join([content["summary"], *(line for entry in content["work"] for line in entry["highlights"])])
    return {skill_key(name) for name in [*content["skills"], *skills_from_text(text, limit=100)]}


def keywords_for(*, content: dict[str, Any], job: JobAsk, source: Source) -> dict[str, list[str]]:
    shown = _shown(content)
    in_source = {skill_key(name) for name in source.skills}
    listed = {skill_key(name) for name in source.listed_skills}
    covered, added, gaps = [], [], []
    for name in job.skills:
        key, display = skill_key(name), canonical_skill(name)
        if key in shown:
            covered.append(display)
            if key not in listed:
                added.append(display)
        elif key not in in_source:
            gaps.append(display)
    return {"covered": covered, "added_from_cv": added, "gaps": gaps}
