"""Lever public postings (`api.lever.co/v0/postings/{site}?mode=json`).

One request per configured site. Each posting has `text` (the title), `categories`
(commitment, location, team), `workplaceType` (remote / hybrid / on-site / unspecified),
an optional `salaryRange` {min, max, currency, interval}, `createdAt` in milliseconds and the
description both as HTML and plain text. An unknown site answers 404 and is skipped. One
posting (a job link) is read from `{base}/postings/{site}/{id}?mode=json`, which answers it alone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote

from django.conf import settings

from jobs.normalize import (
    employment_type_from_text,
    parse_when,
    skills_from_text,
    work_mode_from_label,
    work_mode_from_text,
)
from jobs.sources.base import Board, CompanyBoardSource, PayloadError, Posting, company_from_token, make_posting
from jobs.sources.fields import items, number, obj, require_object, text

# Lever salary intervals, as multipliers to a yearly figure.
_PER_YEAR = {"per-year-salary": 1, "per-month-salary": 12}


def yearly_salary(salary: dict) -> tuple[Any, Any]:
    """(min, max) per year from a salaryRange; an interval we do not know (or not a string) gives (None, None).

    No interval at all: the figures are taken as yearly.
    """
    interval = salary.get("interval")
    if not interval:
        factor = 1
    else:
        factor = _PER_YEAR.get(interval, 0) if isinstance(interval, str) else 0
    if factor == 0:
        return None, None
    if factor == 1:
        return salary.get("min"), salary.get("max")
    low, high = number(salary, "min"), number(salary, "max")
    return (low * factor if low is not None else None), (high * factor if high is not None else None)


def description_html(item: dict) -> str:
    """The description, each list block ("Requirements") as a heading and its items, and the closing text."""
    html = text(item, "description")
    for block in items(item, "lists"):
        if isinstance(block, dict) and isinstance(block.get("content"), str):
            html += f"<h3>{text(block, 'text')}</h3><ul>{block['content']}</ul>"
    html += text(item, "additional")
    return html or text(item, "descriptionPlain")


class LeverSource(CompanyBoardSource):
    name = "lever"
    api_url_setting = "LEVER_API_URL"
    board_setting = "LEVER_SITES"
    board_noun = "site"

    def board_url(self, site: str) -> str:
        return f"{settings.LEVER_API_URL.rstrip('/')}/postings/{quote(site, safe='')}?mode=json"

    def job_board(self, site: str, posting_id: str) -> Board:
        base = settings.LEVER_API_URL.rstrip("/")
        url = f"{base}/postings/{quote(site, safe='')}/{quote(posting_id, safe='')}?mode=json"
        return replace(self.board(site), url=url, single=True)

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, list):
            raise PayloadError("the answer is not a list of postings")
        return payload

    def parse_item(self, item: Any, site: str) -> Posting:
        item = require_object(item)
        categories = obj(item, "categories")
        location = text(categories, "location")
        title = text(item, "text")
        salary = obj(item, "salaryRange")
        low, high = yearly_salary(salary)
        posting_id = text(item, "id").strip()
        posting = make_posting(
            source=self.name,
            source_id=f"{site}:{item['id']}" if posting_id else None,
            title=title,
            url=item.get("hostedUrl") or item.get("applyUrl"),
            company=company_from_token(site),
            description_html=description_html(item),
            salary_min=low,
            salary_max=high,
            salary_currency=salary.get("currency") or "",
            location=location,
            remote_type=work_mode_from_label(item.get("workplaceType")) or work_mode_from_text(location, title),
            job_type=employment_type_from_text(text(categories, "commitment"), title),
            tags=items(item, "tags"),
            region_texts=(text(item, "country"),),
            posted_at=parse_when(item.get("createdAt")),
            raw=item,
        )
        if not posting.tags:
            posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
