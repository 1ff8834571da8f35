"""Greenhouse public job boards (`boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`).

One request per configured board. `content` is HTML that has itself been HTML-escaped
(`&lt;p&gt;...`), so it is unescaped once before the tags are stripped. A board that does not
exist answers 404: it is logged and skipped, and the other boards still run.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from django.conf import settings

from jobs.normalize import (
    employment_type_from_text,
    parse_when,
    skills_from_text,
    work_mode_from_text,
)
from jobs.sources.base import ItemError, Posting, Source, SourceBatch, make_posting
from jobs.sources.http import FetchError, fetch


class GreenhouseSource(Source):
    name = "greenhouse"

    def is_configured(self) -> bool:
        return bool(settings.GREENHOUSE_API_URL and settings.GREENHOUSE_BOARDS)

    def board_url(self, token: str) -> str:
        return f"{settings.GREENHOUSE_API_URL.rstrip('/')}/boards/{quote(token, safe='')}/jobs?content=true"

    def collect(self) -> SourceBatch:
        batch = SourceBatch()
        transient_failures = 0
        for token in settings.GREENHOUSE_BOARDS:
            try:
                response = fetch(self.board_url(token), accept="application/json")
            except FetchError as exc:
                if exc.status == 404:
                    batch.errors.append(f"greenhouse: unknown board {token!r}, skipped")
                else:
                    batch.errors.append(f"greenhouse board {token!r}: {exc}")
                    transient_failures += exc.transient
                continue
            try:
                payload = json.loads(response.body)
                jobs = payload["jobs"]
                if not isinstance(jobs, list):
                    raise TypeError("jobs is not a list")
            except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as exc:
                batch.errors.append(f"greenhouse board {token!r}: unreadable answer ({exc})")
                continue
            for item in jobs:
                posting = batch.parse_guarded(f"greenhouse {token}", self.parse_item, item, token)
                if posting is not None:
                    batch.postings.append(posting)
        batch.unreachable = bool(settings.GREENHOUSE_BOARDS) and transient_failures == len(settings.GREENHOUSE_BOARDS)
        return batch

    def parse_item(self, item, token: str) -> Posting:
        if not isinstance(item, dict):
            raise ItemError("item is not an object")
        if isinstance(item.get("id"), bool) or not isinstance(item.get("id"), (int, str)) or not str(item.get("id")).strip():
            raise ItemError("missing id")
        location = item.get("location") if isinstance(item.get("location"), dict) else {}
        location_name = location.get("name") if isinstance(location.get("name"), str) else ""
        content = html.unescape(item["content"]) if isinstance(item.get("content"), str) else ""
        title = item.get("title") if isinstance(item.get("title"), str) else ""
        metadata = item.get("metadata") if isinstance(item.get("metadata"), list) else []
        metadata_text = " ".join(
            str(entry.get("value"))
            for entry in metadata
            if isinstance(entry, dict) and isinstance(entry.get("value"), (str, int))
        )
        posting = make_posting(
            source=self.name,
            source_id=f"{token}:{item.get('id')}",
            title=title,
            url=item.get("absolute_url"),
            company=item.get("company_name") or token.replace("-", " ").title(),
            description_html=content,
            location=location_name,
            remote_type=work_mode_from_text(location_name, title, metadata_text),
            job_type=employment_type_from_text(metadata_text, title),
            region_texts=(location_name,),
            posted_at=parse_when(item.get("first_published")) or parse_when(item.get("updated_at")),
            raw=item,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
