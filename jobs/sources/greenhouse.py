"""Greenhouse public job boards (`boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`).

One request per configured board. `content` is HTML that has itself been HTML-escaped
(`&lt;p&gt;...`), so it is unescaped once before the tags are stripped. A board that does not
exist answers 404: it is logged and skipped, and the other boards still run. One job (a job
link) is read from `{base}/boards/{token}/jobs/{id}`, which answers that job in the same shape.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from django.conf import settings

from jobs.normalize import employment_type_from_text, parse_when, skills_from_text, work_mode_from_text
from jobs.sources.base import (
    Board,
    CompanyBoardSource,
    ItemError,
    PayloadError,
    Posting,
    company_from_token,
    make_posting,
)
from jobs.sources.fields import identifier, items, obj, require_object, text


class GreenhouseSource(CompanyBoardSource):
    name = "greenhouse"
    api_url_setting = "GREENHOUSE_API_URL"
    board_setting = "GREENHOUSE_BOARDS"

    def board_url(self, token: str) -> str:
        return f"{settings.GREENHOUSE_API_URL.rstrip('/')}/boards/{quote(token, safe='')}/jobs?content=true"

    def job_board(self, token: str, job_id: str) -> Board:
        base = settings.GREENHOUSE_API_URL.rstrip("/")
        return replace(self.board(token), url=f"{base}/boards/{quote(token, safe='')}/jobs/{quote(job_id, safe='')}", single=True)

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
            raise PayloadError("no list of jobs")
        return payload["jobs"]

    def parse_item(self, item: Any, token: str) -> Posting:
        item = require_object(item)
        if not identifier(item, "id"):
            raise ItemError("missing id")
        location_name = text(obj(item, "location"), "name")
        title = text(item, "title")
        metadata_text = " ".join(value for entry in items(item, "metadata") if (value := identifier(entry, "value")))
        posting = make_posting(
            source=self.name,
            source_id=f"{token}:{identifier(item, 'id')}",
            title=title,
            url=item.get("absolute_url"),
            company=text(item, "company_name") or company_from_token(token),
            description_html=html.unescape(text(item, "content")),
            location=location_name,
            remote_type=work_mode_from_text(location_name, title, metadata_text),
            job_type=employment_type_from_text(metadata_text, title),
            region_texts=(location_name,),
            posted_at=parse_when(item.get("first_published")) or parse_when(item.get("updated_at")),
            raw=item,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
