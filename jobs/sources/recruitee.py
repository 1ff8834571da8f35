"""Recruitee careers sites (`{RECRUITEE_API_URL}/api/offers/`, the base naming `{company}`).

One request per company answers `{"offers": [...]}`. An offer has `id`, `slug`, `title`,
`description` and `requirements` (HTML), `location`, `city`, `country`, `country_code`,
`remote`/`hybrid`/`on_site` flags, `employment_type_code` ("fulltime_permanent",
"parttime", "contract", "freelance", "internship", ...), `department`, `company_name`,
`careers_url`, `published_at`/`created_at` ("2024-11-05 09:12:00 UTC"), `salary`
{min, max, currency, period} and `tags`. An unknown company answers 404 and is skipped. A job
link (`{company}.recruitee.com/o/{slug}`) names the offer by its slug: it is found in the list.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from jobs.normalize import employment_type_from_text, parse_when, skills_from_text, to_salary, work_mode_from_text
from jobs.sources.base import (
    Board,
    CompanyBoardSource,
    PayloadError,
    Posting,
    board_base,
    company_from_token,
    make_posting,
    work_mode_from_flags,
)
from jobs.sources.fields import amount, flag, identifier, joined, obj, require_object, strings, text

# Salary periods as multipliers to a yearly figure; hourly and unknown periods are not salaries.
_PER_YEAR = {"year": 1, "annual": 1, "yearly": 1, "month": 12, "monthly": 12}


def recruitee_time(value: str) -> Any:
    """Recruitee writes "2024-11-05 09:12:00 UTC"; the zone is always UTC."""
    return parse_when(value.removesuffix(" UTC").strip()) if value else None


def yearly_salary(salary: dict) -> tuple[int | None, int | None, str]:
    """(min, max, currency) per year; no period means yearly, an hourly or unknown one gives nothing."""
    period = text(salary, "period").lower()
    factor = _PER_YEAR.get(period, 0) if period else 1
    if not factor:
        return None, None, ""
    low, high = to_salary(amount(salary, "min")), to_salary(amount(salary, "max"))
    return (low * factor if low else None), (high * factor if high else None), text(salary, "currency")


class RecruiteeSource(CompanyBoardSource):
    name = "recruitee"
    api_url_setting = "RECRUITEE_API_URL"
    board_setting = "RECRUITEE_COMPANIES"
    board_noun = "company"

    def board_url(self, token: str) -> str:
        return f"{board_base(settings.RECRUITEE_API_URL, token)}/api/offers/"

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("offers"), list):
            raise PayloadError("no list of offers")
        return payload["offers"]

    def is_job(self, posting: Posting, token: str, job_id: str) -> bool:
        return posting.raw_data.get("slug") == job_id or super().is_job(posting, token, job_id)

    def parse_item(self, item: Any, company: str) -> Posting:
        item = require_object(item)
        offer_id = identifier(item, "id")
        title = text(item, "title")
        location = text(item, "location") or joined(text(item, "city"), text(item, "country"))
        low, high, currency = yearly_salary(obj(item, "salary"))
        posting = make_posting(
            source=self.name,
            source_id=f"{company}:{offer_id}" if offer_id else None,
            title=title,
            url=text(item, "careers_url") or text(item, "careers_apply_url"),
            company=text(item, "company_name") or company_from_token(company),
            description_html=text(item, "description") + text(item, "requirements"),
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            location=location,
            remote_type=work_mode_from_flags(
                remote=flag(item, "remote"), hybrid=flag(item, "hybrid"), onsite=flag(item, "on_site")
            )
            or work_mode_from_text(location, title),
            job_type=employment_type_from_text(text(item, "employment_type_code").replace("_", " "), title),
            tags=strings(item, "tags"),
            region_texts=(text(item, "country"), text(item, "country_code")),
            posted_at=recruitee_time(text(item, "published_at")) or recruitee_time(text(item, "created_at")),
            raw=item,
        )
        if not posting.tags:
            posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
