"""Lever public postings (`api.lever.co/v0/postings/{site}?mode=json`).

One request per configured site. Each posting has `text` (the title), `categories`
(commitment, location, team), `workplaceType` (remote / hybrid / on-site / unspecified),
an optional `salaryRange` {min, max, currency, interval}, `createdAt` in milliseconds and the
description both as HTML and plain text. An unknown site answers 404 and is skipped.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from django.conf import settings

from jobs.normalize import (
    employment_type_from_text,
    parse_when,
    skills_from_text,
    work_mode_from_label,
    work_mode_from_text,
)
from jobs.sources.base import ItemError, Posting, Source, SourceBatch, make_posting
from jobs.sources.http import FetchError, fetch

# Lever salary intervals, as multipliers to a yearly figure.
_PER_YEAR = {"per-year-salary": 1, "per-month-salary": 12}


class LeverSource(Source):
    name = "lever"

    def is_configured(self) -> bool:
        return bool(settings.LEVER_API_URL and settings.LEVER_SITES)

    def site_url(self, site: str) -> str:
        return f"{settings.LEVER_API_URL.rstrip('/')}/postings/{quote(site, safe='')}?mode=json"

    def collect(self) -> SourceBatch:
        batch = SourceBatch()
        transient_failures = 0
        for site in settings.LEVER_SITES:
            try:
                response = fetch(self.site_url(site), accept="application/json")
            except FetchError as exc:
                if exc.status == 404:
                    batch.errors.append(f"lever: unknown site {site!r}, skipped")
                else:
                    batch.errors.append(f"lever site {site!r}: {exc}")
                    transient_failures += exc.transient
                continue
            try:
                items = json.loads(response.body)
                if not isinstance(items, list):
                    raise TypeError("the answer is not a list of postings")
            except (UnicodeDecodeError, ValueError, TypeError, RecursionError) as exc:
                batch.errors.append(f"lever site {site!r}: unreadable answer ({exc})")
                continue
            for item in items:
                posting = batch.parse_guarded(f"lever {site}", self.parse_item, item, site)
                if posting is not None:
                    batch.postings.append(posting)
        batch.unreachable = bool(settings.LEVER_SITES) and transient_failures == len(settings.LEVER_SITES)
        return batch

    def parse_item(self, item, site: str) -> Posting:
        if not isinstance(item, dict):
            raise ItemError("item is not an object")
        categories = item.get("categories") if isinstance(item.get("categories"), dict) else {}
        location = categories.get("location") if isinstance(categories.get("location"), str) else ""
        commitment = categories.get("commitment") if isinstance(categories.get("commitment"), str) else ""
        title = item.get("text") if isinstance(item.get("text"), str) else ""
        salary = item.get("salaryRange") if isinstance(item.get("salaryRange"), dict) else {}
        interval = salary.get("interval")
        # No interval: the figures are taken as yearly. One we do not know (or not a string): dropped.
        if not interval:
            factor = 1
        else:
            factor = _PER_YEAR.get(interval, 0) if isinstance(interval, str) else 0
        low = salary.get("min") if factor else None
        high = salary.get("max") if factor else None
        if factor and factor != 1:
            low = low * factor if isinstance(low, (int, float)) else None
            high = high * factor if isinstance(high, (int, float)) else None
        description_html = item.get("description") if isinstance(item.get("description"), str) else ""
        for block in item.get("lists") if isinstance(item.get("lists"), list) else []:
            if isinstance(block, dict) and isinstance(block.get("content"), str):
                heading = block.get("text") if isinstance(block.get("text"), str) else ""
                description_html += f"<h3>{heading}</h3><ul>{block['content']}</ul>"
        if isinstance(item.get("additional"), str):
            description_html += item["additional"]
        if not description_html and isinstance(item.get("descriptionPlain"), str):
            description_html = item["descriptionPlain"]
        posting = make_posting(
            source=self.name,
            source_id=f"{site}:{item.get('id')}" if isinstance(item.get("id"), str) and item.get("id").strip() else None,
            title=title,
            url=item.get("hostedUrl") or item.get("applyUrl"),
            company=site.replace("-", " ").title(),
            description_html=description_html,
            salary_min=low,
            salary_max=high,
            salary_currency=salary.get("currency") or "",
            location=location,
            remote_type=work_mode_from_label(item.get("workplaceType")) or work_mode_from_text(location, title),
            job_type=employment_type_from_text(commitment, title),
            tags=item.get("tags") if isinstance(item.get("tags"), list) else [],
            region_texts=(item.get("country") if isinstance(item.get("country"), str) else "",),
            posted_at=parse_when(item.get("createdAt")),
            raw=item,
        )
        if not posting.tags:
            posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
