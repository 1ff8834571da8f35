"""Workable public job widgets (`{WORKABLE_API_URL}/api/v1/widget/accounts/{account}?details=true`).

One request per account answers `{"name", "description", "jobs": [...]}`; with
`details=true` each job carries its HTML `description` (and often `requirements` and
`benefits`). A job has `title`, `shortcode`, `employment_type` ("Full-time"),
`telecommuting`, `department`, `url`, `application_url`, `published_on`, `created_at`,
`city`, `state`, `country` and `locations` [{city, region, country, countryCode}].
An unknown account answers 404 and is skipped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, skills_from_text, work_mode_from_label, work_mode_from_text
from jobs.sources.base import Board, CompanyBoardSource, PayloadError, Posting, company_from_token, make_posting
from jobs.sources.fields import flag, items, joined, posted, require_object, text


class WorkableSource(CompanyBoardSource):
    name = "workable"
    api_url_setting = "WORKABLE_API_URL"
    board_setting = "WORKABLE_ACCOUNTS"
    board_noun = "account"

    def board_url(self, account: str) -> str:
        return f"{settings.WORKABLE_API_URL.rstrip('/')}/api/v1/widget/accounts/{quote(account, safe='')}?details=true"

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
            raise PayloadError("no list of jobs")
        # The company's name is the account's, given once for all its jobs.
        company = text(payload, "name") or company_from_token(board.key)
        return [(job, company) for job in payload["jobs"]]

    def parse_item(self, entry: tuple[Any, str], account: str) -> Posting:
        job, company = entry
        job = require_object(job)
        shortcode = text(job, "shortcode").strip()
        title = text(job, "title")
        places = [joined(text(place, "city"), text(place, "region"), text(place, "country")) for place in items(job, "locations")]
        location = "; ".join(place for place in places if place) or joined(text(job, "city"), text(job, "state"), text(job, "country"))
        remote = work_mode_from_label(text(job, "workplace_type").replace("_", "-")) or (
            WorkMode.REMOTE if flag(job, "telecommuting") else work_mode_from_text(location, title)
        )
        posting = make_posting(
            source=self.name,
            source_id=f"{account}:{shortcode}" if shortcode else None,
            title=title,
            url=text(job, "url") or text(job, "application_url") or text(job, "shortlink"),
            company=company,
            description_html=text(job, "description") + text(job, "requirements") + text(job, "benefits"),
            location=location,
            remote_type=remote,
            job_type=employment_type_from_text(text(job, "employment_type"), title),
            region_texts=tuple(text(place, "countryCode") for place in items(job, "locations")),
            posted_at=posted(job, "published_on", "created_at"),
            raw=job,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
