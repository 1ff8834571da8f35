"""Hacker News "Ask HN: Who is hiring?" threads, through the Algolia HN API (`HN_API_URL`).

First `search_by_date?tags=story,author_whoishiring` lists the `whoishiring` account's
latest stories (it also posts "Who wants to be hired?" and "Freelancer?"); the newest
titled "Who is hiring" is the thread. Then `search_by_date?tags=comment,story_{id}` pages
through its comments (`hits`, `page`, `nbPages`); the top-level ones (`parent_id` is the
story) are the job posts. Each hit has `objectID`, `author`, `comment_text` (HTML),
`created_at_i`, `parent_id` and `story_id`. By the thread's convention a post's first line
reads `Company | Role | Location | REMOTE | salary` (in varying order after the company);
a top-level comment whose first line has no `|` is not a job post and is counted as skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from jobs.normalize import (
    employment_type_from_text,
    html_to_text,
    regions_from_text,
    salary_from_text,
    skills_from_text,
    work_mode_from_text,
)
from jobs.sources.base import Board, ItemError, Page, PayloadError, Posting, Source, make_posting
from jobs.sources.fields import identifier, items, number, posted, require_object, text

THREAD_TITLE = re.compile(r"who is hiring", re.IGNORECASE)
COMMENTS_PER_PAGE = 500
ITEM_PAGE = "https://news.ycombinator.com/item?id={id}"
_STORY_TAG = re.compile(r"story_(\d+)")
_FIRST_BREAK = re.compile(r"<p>|\n", re.IGNORECASE)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_MONEY = re.compile(r"[$€£]\s?\d|\d\s?[kK]\b|\b(USD|EUR|GBP|CAD|CHF)\b|\bsalary\b|\bequity\b", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(engineers?|developers?|scientists?|designers?|managers?|analysts?|leads?|architects?|director|head of|interns?"
    r"|sre|devops|writers?|specialists?|consultants?|administrators?|researchers?|programmers?|recruiters?|marketers?"
    r"|founding|cto|vp|officer|technician|accountant|product|sales|support)\b",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^[^\d,]{2,40},\s*[^\d,]{2,40}$")
_WORK_MODE_ONLY = re.compile(r"^\W*(remote|onsite|on-site|on site|hybrid|in[- ]office)\b", re.IGNORECASE)


@dataclass
class Header:
    """What a post's first line says, by the thread's `Company | Role | Location | REMOTE | salary` convention."""

    company: str
    title: str = ""
    location: str = ""
    work_mode: str = ""
    salary: str = ""
    employment: str = ""
    link: str = ""

    def place(self, part: str) -> None:
        """Put one `|`-separated part where it belongs; the first unlabelled part is the role, the next the location."""
        if _URL.search(part):
            self.link = self.link or _URL.search(part).group(0)
        elif _WORK_MODE_ONLY.match(part):
            self.work_mode = f"{self.work_mode} {part}".strip()
        elif _MONEY.search(part):
            self.salary = self.salary or part
        elif employment_type_from_text(part) and len(part) <= 40:
            self.employment = self.employment or part
        elif _ROLE.search(part) and not self.title:
            self.title = part
        elif (_PLACE.match(part) or regions_from_text(part)) and not self.location:
            self.location = part
        elif not self.title:
            self.title = part
        elif not self.location:
            self.location = part


def read_header(first_line: str) -> Header:
    parts = [part.strip() for part in first_line.split("|") if part.strip()]
    if len(parts) < 2:
        raise ItemError("first line is not 'Company | Role | ...'")
    header = Header(company=parts[0])
    for part in parts[1:]:
        header.place(part)
    if not header.title:
        raise ItemError("first line names no role")
    return header


class HackerNewsSource(Source):
    name = "hackernews"

    def is_configured(self) -> bool:
        return bool(settings.HN_API_URL)

    def base(self) -> str:
        return settings.HN_API_URL.rstrip("/")

    def comments_url(self, story_id: str, page: int) -> str:
        return f"{self.base()}/search_by_date?tags=comment,story_{story_id}&hitsPerPage={COMMENTS_PER_PAGE}&page={page}"

    def boards(self) -> list[Board]:
        if not settings.HN_API_URL:
            return []
        threads = f"{self.base()}/search_by_date?tags=story,author_whoishiring&hitsPerPage=20"
        return [Board.feed(self.name, threads, label="hackernews 'Who is hiring?'")]

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, dict) or not isinstance(payload.get("hits"), list):
            raise PayloadError("no list of hits")
        hits = payload["hits"]
        if any(isinstance(hit, dict) and "title" in hit for hit in hits):
            # The list of threads: no job in it, but there must be a thread to read.
            if latest_thread(hits) is None:
                raise PayloadError("no 'Who is hiring?' thread among whoishiring's latest stories")
            return []
        # Replies to a post are not posts.
        return [hit for hit in hits if not isinstance(hit, dict) or identifier(hit, "parent_id") == identifier(hit, "story_id")]

    def next_page_url(self, page: Page) -> str | None:
        if page.number == 0:
            thread = latest_thread(items(page.payload, "hits"))
            return self.comments_url(thread, 0) if thread else None
        current, pages = number(page.payload, "page"), number(page.payload, "nbPages")
        story = _STORY_TAG.search(page.url)
        if current is None or pages is None or current + 1 >= pages or story is None:
            return None
        return self.comments_url(story.group(1), int(current) + 1)

    def parse_item(self, hit: Any) -> Posting:
        hit = require_object(hit)
        comment_id = identifier(hit, "objectID")
        body = text(hit, "comment_text")
        header = read_header(html_to_text(_FIRST_BREAK.split(body, maxsplit=1)[0]))
        low, high, currency = salary_from_text(header.salary)
        posting = make_posting(
            source=self.name,
            source_id=comment_id,
            title=header.title,
            url=ITEM_PAGE.format(id=comment_id),
            company=header.company,
            description_html=body,
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            location=header.location or header.work_mode,
            remote_type=work_mode_from_text(header.work_mode) or work_mode_from_text(header.location),
            job_type=employment_type_from_text(header.employment, header.title),
            region_texts=(header.work_mode,),
            posted_at=posted(hit, "created_at_i", "created_at"),
            raw=hit,
        )
        posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting


def latest_thread(hits: list) -> str | None:
    """The id of the newest "Who is hiring?" story among `hits` (newest first, as search_by_date answers)."""
    for hit in hits:
        if THREAD_TITLE.search(text(hit, "title")) and identifier(hit, "objectID"):
            return identifier(hit, "objectID")
    return None
