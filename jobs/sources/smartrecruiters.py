"""SmartRecruiters public postings (`{SMARTRECRUITERS_API_URL}/v1/companies/{company}/postings`), paged.

Each page answers `{"offset", "limit", "totalFound", "content": [...]}`; pages are asked
with `limit` and `offset` until `totalFound` is reached. A posting has `id`, `name` (the
title), `refNumber`, `company` {identifier, name}, `releasedDate`, `location` {city,
region, country, remote, hybrid, fullLocation}, `department`, `function`, `industry`,
`typeOfEmployment` and `experienceLevel` ({id, label} each). The list carries no
description (that is one more request per posting), so skills are read from the title.
The public page of a posting is `jobs.smartrecruiters.com/{company}/{id}`. One posting (a job
link) is read from `{base}/v1/companies/{company}/postings/{id}`: the same fields plus `jobAd`,
whose `sections` (companyDescription, jobDescription, qualifications, additionalInformation)
each hold a `title` and HTML `text`, read as the description.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote

from django.conf import settings

from jobs.normalize import employment_type_from_text, skills_from_text, work_mode_from_text
from jobs.sources.base import (
    Board,
    CompanyBoardSource,
    Page,
    PayloadError,
    Posting,
    make_posting,
    work_mode_from_flags,
)
from jobs.sources.fields import flag, identifier, joined, number, obj, posted, require_object, text

PAGE_SIZE = 100
POSTING_PAGE = "https://jobs.smartrecruiters.com/{company}/{id}"
JOB_AD_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def job_ad_html(item: dict) -> str:
    """A posting's job ad (only a single posting's answer has one): each section as a heading and its HTML."""
    sections = obj(obj(item, "jobAd"), "sections")
    parts = []
    for name in JOB_AD_SECTIONS:
        section = obj(sections, name)
        if text(section, "text"):
            parts.append(f"<h3>{text(section, 'title')}</h3>{text(section, 'text')}")
    return "".join(parts)


class SmartRecruitersSource(CompanyBoardSource):
    name = "smartrecruiters"
    api_url_setting = "SMARTRECRUITERS_API_URL"
    board_setting = "SMARTRECRUITERS_COMPANIES"
    board_noun = "company"

    def board_url(self, token: str) -> str:
        return self.page_url(token, 0)

    def page_url(self, company: str, offset: int) -> str:
        base = settings.SMARTRECRUITERS_API_URL.rstrip("/")
        return f"{base}/v1/companies/{quote(company, safe='')}/postings?limit={PAGE_SIZE}&offset={offset}"

    def job_board(self, company: str, posting_id: str) -> Board:
        base = settings.SMARTRECRUITERS_API_URL.rstrip("/")
        url = f"{base}/v1/companies/{quote(company, safe='')}/postings/{quote(posting_id, safe='')}"
        return replace(self.board(company), url=url, single=True)

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("content"), list):
            raise PayloadError("no list of postings")
        return payload["content"]

    def next_page_url(self, page: Page) -> str | None:
        offset = (page.number + 1) * PAGE_SIZE
        total = number(page.payload, "totalFound") or 0
        return self.page_url(page.board.key, offset) if page.item_count and offset < total else None

    def parse_item(self, item: Any, company: str) -> Posting:
        item = require_object(item)
        posting_id = identifier(item, "id")
        title = text(item, "name")
        place = obj(item, "location")
        location = text(place, "fullLocation") or joined(text(place, "city"), text(place, "region"), text(place, "country").upper())
        employer = obj(item, "company")
        page = POSTING_PAGE.format(company=quote(text(employer, "identifier") or company, safe=""), id=quote(posting_id, safe=""))
        posting = make_posting(
            source=self.name,
            source_id=f"{company}:{posting_id}" if posting_id else None,
            title=title,
            url=page if posting_id else "",
            company=text(employer, "name") or company,
            description_html=job_ad_html(item),
            location=location,
            remote_type=work_mode_from_flags(remote=flag(place, "remote"), hybrid=flag(place, "hybrid"))
            or work_mode_from_text(location, title),
            job_type=employment_type_from_text(
                text(obj(item, "typeOfEmployment"), "label"), text(obj(item, "typeOfEmployment"), "id"), title
            ),
            region_texts=(text(place, "country"),),
            posted_at=posted(item, "releasedDate"),
            raw=item,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
