"""Jobicy's remote jobs API (`JOBICY_API_URL`, `https://jobicy.com/api/v2/remote-jobs`), asked with `?count=50`.

One request answers `{"apiVersion", "friendlyNotice", "jobCount", "jobs": [...]}`. A job has
`id`, `url`, `jobTitle`, `companyName`, `jobIndustry`, `jobType` (["full-time"]), `jobGeo`
("USA", "Anywhere"), `jobLevel`, `jobExcerpt`, an HTML `jobDescription`, `pubDate`
("2024-12-07 04:10:26") and, when given, `annualSalaryMin`/`annualSalaryMax` (strings) with
`salaryCurrency`. Jobicy lists remote jobs only. Its notice asks to be credited as the
source and fetched a few times a day at most, and not to pass its listings on to other job
platforms.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, skills_from_text
from jobs.sources.base import Board, PayloadError, Posting, Source, make_posting
from jobs.sources.fields import amount, identifier, posted, require_object, strings, text

COUNT = 50


class JobicySource(Source):
    name = "jobicy"
    attribution = "Jobs by Jobicy (https://jobicy.com)"

    def is_configured(self) -> bool:
        return bool(settings.JOBICY_API_URL)

    def boards(self) -> list[Board]:
        return [Board.feed(self.name, f"{settings.JOBICY_API_URL}?count={COUNT}")] if settings.JOBICY_API_URL else []

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
            raise PayloadError("no list of jobs")
        return payload["jobs"]

    def parse_item(self, item: Any) -> Posting:
        item = require_object(item)
        title = text(item, "jobTitle")
        posting = make_posting(
            source=self.name,
            source_id=identifier(item, "id") or None,
            title=title,
            url=text(item, "url"),
            company=text(item, "companyName"),
            description_html=text(item, "jobDescription") or text(item, "jobExcerpt"),
            salary_min=amount(item, "annualSalaryMin"),
            salary_max=amount(item, "annualSalaryMax"),
            salary_currency=text(item, "salaryCurrency"),
            location=text(item, "jobGeo"),
            remote_type=WorkMode.REMOTE,
            job_type=employment_type_from_text(" ".join(strings(item, "jobType")), title),
            posted_at=posted(item, "pubDate"),
            raw=item,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
