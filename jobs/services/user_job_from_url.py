"""Add a job by its URL (`POST /user-jobs/from-url`): read the posting the URL names, store it as the user's job.

Three readings, first match wins:

1. a job link of an ATS careerhub reads (`jobs.ats_links`) is read from that ATS's API, parsed
   by its source like a scraped posting (`jobs.sources.links`); the link itself is not fetched;
2. any other page is fetched through the safe fetcher (`jobs.fetching`, the only way careerhub
   reads a URL a user gave it) and its schema.org `JobPosting` JSON-LD is read (`jobs.jobposting`);
3. a page without one is read as text: its main text (`jobs.page_text`) through the pasted-job
   parser (`jobs.extraction`, the LLM when one is configured), if it reads like a job posting.

Then the job is stored by `user_job_create`, which reads it for eligibility and scores the
user's match like any job the user adds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from rest_framework import exceptions, status

from accounts.models import User
from careerhub.services import model_update
from careerhub.vocabulary import AGENT, EMPLOYMENT_TYPES, WORK_MODES
from jobs.ats_links import AtsLink, recognise_ats
from jobs.extraction import MAX_TEXT_LENGTH, MIN_TEXT_LENGTH, job_text_extract
from jobs.fetching import FetchedPage, FetchRefused, FetchTooLarge, FetchWrongType, UrlFetchError, fetch_url
from jobs.jobposting import JobPostingData, read_job_posting, read_job_posting_document
from jobs.models import Job
from jobs.normalize import regions_from_text, skills_from_text, visa_sponsorship_from_text
from jobs.page_text import page_main_text
from jobs.services.user_jobs import user_job_create
from jobs.sources.base import Posting, bounded_raw
from jobs.sources.links import JobLinkUnreadable, posting_from_job_link

# A page read as text must say at least this many of these things to be taken for a job posting
# (a blog post or a company's home page says one of them, seldom three).
_JOB_WORDS = re.compile(
    r"\b(responsibilit|requirement|qualification|experience|apply|salary|compensation|benefits|role|position|"
    r"hiring|candidate|skills|full[- ]time|part[- ]time|remote|on[- ]?site|hybrid)",
    re.IGNORECASE,
)
MIN_JOB_WORDS = 3
UNTITLED = "Untitled position"


class UrlRefused(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "careerhub does not fetch this URL."
    default_code = "url_refused"


class NoJobFound(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "No job posting was found at this URL."
    default_code = "no_job_found"


class PageNotReadable(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The page is not HTML, JSON or XML."
    default_code = "fetch_wrong_type"


class PageFetchFailed(exceptions.APIException):
    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = "The page could not be fetched."
    default_code = "fetch_failed"


class PageTooLarge(exceptions.APIException):
    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = "The page is larger than careerhub reads."
    default_code = "fetch_too_large"


@dataclass
class JobReading:
    """A posting as `user_job_create` takes it, and what is stored beside it."""

    fields: dict[str, Any]
    posted_at: datetime | None
    raw_data: dict


def user_job_create_from_url(*, user: User, url: str) -> Job:
    """The user's job for the posting at `url` (the same checks as `POST /user-jobs`: a second job with the
    same company and title is a 400).

    The posting is read before any transaction opens: fetching waits on other sites, and no row
    is locked meanwhile.
    """
    reading = job_reading_from_url(url.strip())
    with transaction.atomic():
        job = user_job_create(user=user, **reading.fields)
        model_update(instance=job, fields=["posted_at", "raw_data"], data={"posted_at": reading.posted_at, "raw_data": reading.raw_data})
    return job


def job_reading_from_url(url: str) -> JobReading:
    """Read the posting `url` names (the module's docstring); NoJobFound, UrlRefused, PageNotReadable,
    PageFetchFailed or PageTooLarge when there is none to read."""
    link = recognise_ats(url)
    if link is not None:
        return _reading_from_ats(link, url)
    page = _fetch(url)
    if page.content_type.endswith("json"):
        return _reading_from_json(page, url)
    if "html" not in page.content_type:
        raise NoJobFound(f"The page at {url} is {page.content_type}, with no job posting careerhub can read.")
    found = read_job_posting(page.text)
    if found is not None:
        return _reading_from_job_posting(found, url)
    return _reading_from_text(page, url)


def _fetch(url: str) -> FetchedPage:
    try:
        return fetch_url(url)
    except FetchRefused as exc:
        raise UrlRefused(f"This URL is not fetched: {exc}") from None
    except FetchWrongType as exc:
        raise PageNotReadable(str(exc)) from None
    except FetchTooLarge as exc:
        raise PageTooLarge(str(exc)) from None
    except UrlFetchError as exc:
        raise PageFetchFailed(str(exc)) from None


def _reading_from_ats(link: AtsLink, url: str) -> JobReading:
    if not link.job_id:
        raise NoJobFound(
            f"{url} is the {link.ats} board of a company, not one of its jobs: follow the company with "
            "POST /api/v1/companies/watch, or give the link of one job."
        )
    try:
        posting = posting_from_job_link(link)
    except JobLinkUnreadable as exc:
        raise PageFetchFailed(f"{link.ats} could not be asked for this job: {exc}") from None
    if posting is None:
        raise NoJobFound(f"{link.ats} does not list this job on the board {link.board!r} (it may have closed).")
    return _reading_from_posting(posting, url, read_as=link.ats)


def _reading_from_posting(posting: Posting, url: str, *, read_as: str) -> JobReading:
    fields = {
        "title": posting.title,
        "description": posting.description,
        "company": posting.company,
        "url": posting.url or url,
        "location": posting.location,
        "remote_type": posting.remote_type,
        "job_type": posting.job_type,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "salary_currency": posting.salary_currency,
        "tags": posting.tags,
        "eligible_regions": posting.eligible_regions,
        "visa_sponsorship": posting.visa_sponsorship,
    }
    raw = {"added_from_url": url, "read_as": read_as, "item": posting.raw_data}
    return JobReading(fields=fields, posted_at=posting.posted_at, raw_data=raw)


def _reading_from_json(page: FetchedPage, url: str) -> JobReading:
    try:
        document = json.loads(page.text)
    except (ValueError, RecursionError):
        document = None
    found = read_job_posting_document(document)
    if found is None:
        raise NoJobFound(f"The JSON at {url} holds no schema.org JobPosting.")
    return _reading_from_job_posting(found, url)


def _reading_from_job_posting(found: JobPostingData, url: str) -> JobReading:
    fields = {
        "title": found.title,
        "description": found.description,
        "company": found.company,
        "url": found.url or url,
        "location": found.location,
        "remote_type": found.remote_type,
        "job_type": found.job_type,
        "salary_min": found.salary_min,
        "salary_max": found.salary_max,
        "salary_currency": found.salary_currency,
        "tags": skills_from_text(f"{found.title}\n{found.description}", limit=15),
        "eligible_regions": regions_from_text(found.location, *found.applicant_regions),
        "visa_sponsorship": visa_sponsorship_from_text(found.description),
    }
    return JobReading(fields=fields, posted_at=found.posted_at, raw_data={"added_from_url": url, "read_as": "json-ld"})


def _reading_from_text(page: FetchedPage, url: str) -> JobReading:
    text = page_main_text(page.text, MAX_TEXT_LENGTH)
    said = {re.sub(r"[^a-z]", "", match.lower()) for match in _JOB_WORDS.findall(text)}
    if len(text) < MIN_TEXT_LENGTH or len(said) < MIN_JOB_WORDS:
        raise NoJobFound(f"The page at {url} has no schema.org JobPosting, and its text does not read as a job posting.")
    parsed = job_text_extract(text=text)
    if parsed["title"] == UNTITLED:
        raise NoJobFound(f"The page at {url} names no job title.")
    fields = {
        "title": parsed["title"],
        "description": parsed["description"],
        "company": parsed["company"],
        "url": url,
        "location": parsed["location"],
        "remote_type": WORK_MODES.to_canonical(parsed["remote_type"], AGENT) if parsed["remote_type"] else None,
        "job_type": EMPLOYMENT_TYPES.to_canonical(parsed["job_type"], AGENT) if parsed["job_type"] else None,
        "salary_min": parsed["salary_min"],
        "salary_max": parsed["salary_max"],
        "salary_currency": parsed["salary_currency"],
        "tags": parsed["tags"],
        "eligible_regions": parsed["eligible_regions"],
        "visa_sponsorship": parsed["visa_sponsorship"],
    }
    raw = bounded_raw({"added_from_url": url, "read_as": "page-text", "model": parsed["model"]})
    return JobReading(fields=fields, posted_at=None, raw_data=raw)
