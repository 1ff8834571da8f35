"""The skill-insights answer, from the aggregates (pure: no queries).

market_skills    the MARKET_SKILLS_LIMIT most asked-for skills plus every skill of the user's that
                 the jobs ask for: count (jobs asking for it), frequency (share of the jobs),
                 avg_salary and jobs_with_salary (over the jobs stating a salary in the user's currency).
skill_gaps       the SKILL_GAPS_LIMIT most asked-for skills the user does not list.
recommendations  the RECOMMENDATIONS_LIMIT best of the RECOMMENDATION_CANDIDATES most asked-for gaps:
    frequency      jobs asking for it (a count, as the seed shows it);
    salary_impact  the average salary of relevant jobs asking for it minus that of those that do
                   not, to the nearest 100 (null without salaries on both sides);
    match_impact   if the user added the skill, how many of their top matches would score higher
                   (re-scored with jobs.matching.scoring) and by how many points;
    learning_effort  relations.learning_effort;
    priority       high: in ≥ 25 % of the jobs, or raising ≥ 25 % of the top matches, or in ≥ 10 %
                   with a salary impact ≥ 10,000; medium: in ≥ 10 % of the jobs, or raising at least
                   one top match; low otherwise. Listed by priority, then frequency.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from careerhub.skills import skill_key
from insights.skill_insights import relations
from insights.skill_insights.selectors import SkillDemand, Totals
from jobs.matching import scoring

MARKET_SKILLS_LIMIT = 30
SKILL_GAPS_LIMIT = 10
RECOMMENDATION_CANDIDATES = 20
RECOMMENDATIONS_LIMIT = 8

HIGH_SHARE = 0.25
MEDIUM_SHARE = 0.10
HIGH_MATCH_LIFT = 0.25
HIGH_SALARY_IMPACT = 10_000
PRIORITY_ORDER = {relations.HIGH: 0, relations.MEDIUM: 1, relations.LOW: 2}


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def salary_impact(demand: SkillDemand, totals: Totals) -> int | None:
    without_count = totals.jobs_with_salary - demand.jobs_with_salary
    if not demand.jobs_with_salary or without_count <= 0:
        return None
    with_avg = demand.salary_sum / demand.jobs_with_salary
    without_avg = (totals.salary_sum - demand.salary_sum) / without_count
    return int(round((with_avg - without_avg) / 100.0)) * 100


def match_impact(candidate: scoring.CandidateFeatures, jobs: Sequence[scoring.JobFeatures], skill: str) -> dict[str, Any]:
    boosted = scoring.with_skill(candidate, skill)
    gains = [round(scoring.score(boosted, job) - scoring.score(candidate, job), 1) for job in jobs]
    improved = [gain for gain in gains if gain > 0]
    return {
        "matches_considered": len(jobs),
        "matches_improved": len(improved),
        "average_gain": round(sum(improved) / len(improved), 1) if improved else 0.0,
        "max_gain": max(improved) if improved else 0.0,
    }


def priority(share: float, impact: dict[str, Any], salary: int | None) -> str:
    lift = _share(impact["matches_improved"], impact["matches_considered"])
    if share >= HIGH_SHARE or lift >= HIGH_MATCH_LIFT or (share >= MEDIUM_SHARE and (salary or 0) >= HIGH_SALARY_IMPACT):
        return relations.HIGH
    if share >= MEDIUM_SHARE or impact["matches_improved"]:
        return relations.MEDIUM
    return relations.LOW


def reason(share: float, jobs: int, related: list[str], impact: dict[str, Any], salary: int | None, currency: str) -> str:
    text = f"Appears in {round(100 * share)}% of the {jobs} job{'s' if jobs != 1 else ''} relevant to you"
    if related:
        text += f" and complements your {_join(related[:2])} skills"
    if impact["matches_improved"]:
        text += (
            f"; adding it would raise {impact['matches_improved']} of your top {impact['matches_considered']} "
            f"matches, by up to {impact['max_gain']:g} points"
        )
    if salary and salary > 0:
        text += f"; jobs asking for it pay about {salary:,} {currency} more on average"
    return text + "."


def skill_insights(
    *,
    user_id: str,
    analysis_date: datetime,
    candidate: scoring.CandidateFeatures,
    currency: str,
    totals: Totals,
    demands: Sequence[SkillDemand],
    top_matches: Sequence[scoring.JobFeatures],
) -> dict[str, Any]:
    user_skills = list(candidate.skills.values())
    have = candidate.skill_keys  # with the broader skills theirs imply: a Django developer lacks no Python
    jobs = totals.jobs

    def market_entry(demand: SkillDemand) -> dict[str, Any]:
        average = demand.avg_salary
        return {
            "count": demand.count,
            "frequency": round(_share(demand.count, jobs), 2),
            "avg_salary": int(round(average)) if average is not None else None,
            "jobs_with_salary": demand.jobs_with_salary,
        }

    market = {d.name: market_entry(d) for i, d in enumerate(demands) if i < MARKET_SKILLS_LIMIT or skill_key(d.name) in have}
    gaps = [demand for demand in demands if skill_key(demand.name) not in have]

    recommendations = []
    for demand in gaps[:RECOMMENDATION_CANDIDATES]:
        share = _share(demand.count, jobs)
        impact = match_impact(candidate, top_matches, demand.name)
        salary = salary_impact(demand, totals)
        related = relations.related_known(demand.name, user_skills)
        recommendations.append(
            {
                "skill": demand.name,
                "priority": priority(share, impact, salary),
                "reason": reason(share, jobs, related, impact, salary, currency),
                "learning_effort": relations.learning_effort(demand.name, user_skills),
                "salary_impact": salary,
                "frequency": demand.count,
                "match_impact": impact,
            }
        )
    recommendations.sort(
        key=lambda item: (PRIORITY_ORDER[item["priority"]], -item["frequency"], -item["match_impact"]["max_gain"], item["skill"].casefold())
    )
    return {
        "user_id": user_id,
        "analysis_date": analysis_date,
        "jobs_analyzed": jobs,
        "user_skills": user_skills,
        "skill_gaps": [demand.name for demand in gaps[:SKILL_GAPS_LIMIT]],
        "market_skills": market,
        "recommendations": recommendations[:RECOMMENDATIONS_LIMIT],
    }
