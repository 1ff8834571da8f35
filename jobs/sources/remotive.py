"""Remotive's public API (`REMOTIVE_API_URL`, `https://remotive.com/api/remote-jobs`).

One request answers `{"job-count", "jobs": [...]}` beside a legal notice. A job has `id`,
`url`, `title`, `company_name`, `category`, `tags`, `job_type` (full_time, contract,
part_time, freelance, internship, other), `publication_date`, `candidate_required_location`
("USA", "Worldwide"), `salary` (free text, often empty) and an HTML `description`. Remotive
lists remote jobs only. Its terms ask that it be named as the source with a link back, and
that it be fetched a few times a day at most (the schedule is every 6 hours).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, salary_from_text
from jobs.sources.base import Board, PayloadError, Posting, Source, make_posting
from jobs.sources.fields import identifier, posted, require_object, strings, text


class RemotiveSource(Source):
    name = "remotive"
    attribution = "Jobs by Remotive (https://remotive.com)"

    def is_configured(self) -> bool:
        return bool(settings.REMOTIVE_API_URL)

    def boards(self) -> list[Board]:
        return [Board.feed(self.name, settings.REMOTIVE_API_URL)] if settings.REMOTIVE_API_URL else []

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
            raise PayloadError("no list of jobs")
        return payload["jobs"]

    def parse_item(self, item: Any) -> Posting:
        item = require_object(item)
        title = text(item, "title")
        low, high, currency = salary_from_text(text(item, "salary"))
        return make_posting(
            source=self.name,
            source_id=identifier(item, "id") or None,
            title=title,
            url=text(item, "url"),
            company=text(item, "company_name"),
            description_html=text(item, "description"),
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            location=text(item, "candidate_required_location"),
            remote_type=WorkMode.REMOTE,
            job_type=employment_type_from_text(text(item, "job_type").replace("_", " "), title),
            tags=strings(item, "tags"),
            posted_at=posted(item, "publication_date"),
            raw=item,
        )
