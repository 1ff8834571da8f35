"""Ashby public job boards (`{ASHBY_API_URL}/posting-api/job-board/{board}?includeCompensation=true`).

One request per board answers `{"apiVersion", "jobs": [...]}`. A job has `id`, `title`,
`department`, `team`, `employmentType` (FullTime, PartTime, Intern, Contract, Temporary),
`location`, `secondaryLocations`, `address.postalAddress`, `isRemote`, `workplaceType`
(OnSite, Hybrid, Remote), `publishedAt`, `isListed`, `jobUrl`, `applyUrl`,
`descriptionHtml`/`descriptionPlain` and, when asked for, `compensation` whose tiers hold
components such as {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode",
"minValue", "maxValue"}. Unlisted jobs are left out; an unknown board answers 404 and is skipped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import (
    employment_type_from_text,
    parse_when,
    skills_from_text,
    work_mode_from_label,
    work_mode_from_text,
)
from jobs.sources.base import Board, CompanyBoardSource, PayloadError, Posting, company_from_token, make_posting
from jobs.sources.fields import amount, flag, identifier, items, joined, obj, require_object, text

# Salary intervals as multipliers to a yearly figure; hourly and unknown intervals are not salaries.
_PER_YEAR = {"1 YEAR": 1, "1 MONTH": 12}


def ashby_salary(compensation: dict) -> tuple[Any, Any, str]:
    """(min, max, currency) per year from the first yearly or monthly Salary component."""
    components = list(items(compensation, "summaryComponents"))
    for tier in items(compensation, "compensationTiers"):
        components += items(tier, "components")
    for component in components:
        factor = _PER_YEAR.get(text(component, "interval"), 0)
        if text(component, "compensationType") != "Salary" or not factor:
            continue
        low, high = amount(component, "minValue"), amount(component, "maxValue")
        if factor != 1:
            low = low * factor if isinstance(low, (int, float)) else None
            high = high * factor if isinstance(high, (int, float)) else None
        return low, high, text(component, "currencyCode")
    return None, None, ""


class AshbySource(CompanyBoardSource):
    name = "ashby"
    api_url_setting = "ASHBY_API_URL"
    board_setting = "ASHBY_BOARDS"

    def board_url(self, board: str) -> str:
        return f"{settings.ASHBY_API_URL.rstrip('/')}/posting-api/job-board/{quote(board, safe='')}?includeCompensation=true"

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
            raise PayloadError("no list of jobs")
        # A job the company keeps off its board (isListed false) is not advertised.
        return [job for job in payload["jobs"] if flag(job, "isListed") is not False]

    def parse_item(self, item: Any, board: str) -> Posting:
        item = require_object(item)
        job_id = identifier(item, "id")
        title = text(item, "title")
        location = text(item, "location")
        address = obj(obj(item, "address"), "postalAddress")
        others = [text(place, "location") for place in items(item, "secondaryLocations")]
        low, high, currency = ashby_salary(obj(item, "compensation"))
        remote = work_mode_from_label(text(item, "workplaceType")) or (
            WorkMode.REMOTE if flag(item, "isRemote") else work_mode_from_text(location, title)
        )
        posting = make_posting(
            source=self.name,
            source_id=f"{board}:{job_id}" if job_id else None,
            title=title,
            url=text(item, "jobUrl") or text(item, "applyUrl"),
            company=company_from_token(board),
            description_html=text(item, "descriptionHtml") or text(item, "descriptionPlain"),
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            location=joined(location, *others, separator="; "),
            remote_type=remote,
            job_type=employment_type_from_text(text(item, "employmentType"), title),
            region_texts=(text(address, "addressCountry"),),
            posted_at=parse_when(item.get("publishedAt")),
            raw=item,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
