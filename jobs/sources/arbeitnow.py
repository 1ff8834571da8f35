"""Arbeitnow's job board API (`ARBEITNOW_API_URL`, `https://www.arbeitnow.com/api/job-board-api`), paged.

Each `?page=N` answers `{"data": [...], "links": {"next", ...}, "meta": {"current_page", ...}}`;
pages are read while `links.next` is set. A job has `slug` (its id), `company_name`,
`title`, an HTML `description`, `remote` (a boolean), `url`, `tags`, `job_types`
("full time", "Berufseinstieg", ...), `location` and `created_at` (epoch seconds). Most
jobs are in Germany and Europe.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, work_mode_from_text
from jobs.sources.base import Board, Page, PayloadError, Posting, Source, make_posting
from jobs.sources.fields import flag, obj, posted, require_object, strings, text


class ArbeitnowSource(Source):
    name = "arbeitnow"

    def is_configured(self) -> bool:
        return bool(settings.ARBEITNOW_API_URL)

    def page_url(self, page: int) -> str:
        return f"{settings.ARBEITNOW_API_URL}?page={page}"

    def boards(self) -> list[Board]:
        return [Board.feed(self.name, self.page_url(1))] if settings.ARBEITNOW_API_URL else []

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
            raise PayloadError("no list of jobs")
        return payload["data"]

    def next_page_url(self, page: Page) -> str | None:
        # The next page's own address names the real host; the configured base is followed instead.
        return self.page_url(page.number + 2) if page.item_count and text(obj(page.payload, "links"), "next") else None

    def parse_item(self, item: Any) -> Posting:
        item = require_object(item)
        title = text(item, "title")
        location = text(item, "location")
        remote = flag(item, "remote")
        # remote is false for on-site jobs, but the text may still say hybrid.
        work_mode = WorkMode.REMOTE if remote else work_mode_from_text(title, location)
        return make_posting(
            source=self.name,
            source_id=text(item, "slug").strip() or None,
            title=title,
            url=text(item, "url"),
            company=text(item, "company_name"),
            description_html=text(item, "description"),
            location=location,
            remote_type=work_mode or (WorkMode.ONSITE if remote is False else None),
            job_type=employment_type_from_text(" ".join(strings(item, "job_types")), title),
            tags=strings(item, "tags"),
            region_texts=(location,),
            posted_at=posted(item, "created_at"),
            raw=item,
        )
