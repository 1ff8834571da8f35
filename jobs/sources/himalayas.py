"""Himalayas' remote jobs API (`HIMALAYAS_API_URL`, `https://himalayas.app/jobs/api`), paged.

Each `?limit=&offset=` page answers `{"offset", "limit", "totalCount", "jobs": [...]}`. A job
has `guid` (its page on Himalayas, the id), `title`, `excerpt`, `companyName`,
`employmentType` (Full Time, Part Time, Contractor, Temporary, Intern, ...), `minSalary`/
`maxSalary` (yearly) with `currency`, `seniority`, `locationRestrictions` (countries; none
means anywhere), `timezoneRestrictions`, `categories`, an HTML `description`, `pubDate`
(epoch milliseconds) and `applicationLink`. Himalayas lists remote jobs only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, skills_from_text
from jobs.sources.base import Board, Page, PayloadError, Posting, Source, http_url, make_posting
from jobs.sources.fields import amount, labels, number, posted, require_object, strings, text

PAGE_SIZE = 20


class HimalayasSource(Source):
    name = "himalayas"

    def is_configured(self) -> bool:
        return bool(settings.HIMALAYAS_API_URL)

    def page_url(self, offset: int) -> str:
        return f"{settings.HIMALAYAS_API_URL}?limit={PAGE_SIZE}&offset={offset}"

    def boards(self) -> list[Board]:
        return [Board.feed(self.name, self.page_url(0))] if settings.HIMALAYAS_API_URL else []

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
            raise PayloadError("no list of jobs")
        return payload["jobs"]

    def next_page_url(self, page: Page) -> str | None:
        offset = (page.number + 1) * PAGE_SIZE
        total = number(page.payload, "totalCount") or 0
        return self.page_url(offset) if page.item_count and offset < total else None

    def parse_item(self, item: Any) -> Posting:
        item = require_object(item)
        title = text(item, "title")
        countries = labels(item, "locationRestrictions")
        posting = make_posting(
            source=self.name,
            source_id=text(item, "guid").strip() or None,
            title=title,
            url=http_url(text(item, "guid")) or text(item, "applicationLink"),
            company=text(item, "companyName"),
            description_html=text(item, "description") or text(item, "excerpt"),
            salary_min=amount(item, "minSalary"),
            salary_max=amount(item, "maxSalary"),
            salary_currency=text(item, "currency") or text(item, "salaryCurrency"),
            location=", ".join(countries) or "Worldwide",
            remote_type=WorkMode.REMOTE,
            job_type=employment_type_from_text(text(item, "employmentType"), title),
            tags=strings(item, "categories"),
            posted_at=posted(item, "pubDate"),
            raw=item,
        )
        if not posting.tags:
            posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
