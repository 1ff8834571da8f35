"""Read a schema.org `JobPosting` from a page's JSON-LD (pure: HTML in, fields out; nothing is fetched).

Career pages and most ATSs embed `<script type="application/ld+json">` with a `JobPosting`
(Google for Jobs reads the same). It may be the script's object, one of a list, or inside
`@graph`; `@type` may be a list. Read: `title`, `hiringOrganization` (an object or a name),
`description` (HTML, stored as text), `jobLocation` (Places with a PostalAddress),
`jobLocationType` (`TELECOMMUTE` = remote), `applicantLocationRequirements` (Country /
State / AdministrativeArea), `baseSalary` (MonetaryAmount with a QuantitativeValue, any
`unitText`, kept per year), `employmentType` and `datePosted`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from careerhub.vocabulary import WorkMode
from jobs.normalize import (
    MAX_DESCRIPTION_LENGTH,
    clean_line,
    employment_type_from_text,
    html_to_text,
    sane_salary_range,
    to_salary,
    work_mode_from_text,
)
from jobs.sources.base import http_url
from jobs.sources.fields import joined, posted

MAX_SCRIPTS = 50
MAX_DEPTH = 12
# QuantitativeValue unitText as multipliers to a yearly figure; hourly and daily pay is not turned into a salary.
_PER_YEAR = {"YEAR": 1, "ANNUAL": 1, "MONTH": 12, "WEEK": 52}


@dataclass
class JobPostingData:
    title: str
    company: str = ""
    description: str = ""
    url: str = ""
    location: str = ""
    remote_type: str | None = None
    applicant_regions: list[str] = field(default_factory=list)
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    job_type: str | None = None
    posted_at: datetime | None = None


class _LdScripts(HTMLParser):
    """The text of each `<script type="application/ld+json">`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") or ""
        self._inside = tag == "script" and kind.split(";")[0].strip().lower() == "application/ld+json"
        if self._inside:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and len(self.scripts) <= MAX_SCRIPTS:
            self.scripts[-1] += data


def _is_job_posting(node: dict) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and kind.rsplit("/", 1)[-1] == "JobPosting" for kind in kinds)


def find_job_posting(node: Any, depth: int = 0) -> dict | None:
    """The first JobPosting object in a JSON-LD document (lists and `@graph` searched, depth-bounded)."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(node, list):
        return next((found for child in node if (found := find_job_posting(child, depth + 1))), None)
    if not isinstance(node, dict):
        return None
    if _is_job_posting(node):
        return node
    return find_job_posting(node.get("@graph"), depth + 1) if "@graph" in node else None


def _name(value: Any) -> str:
    """A schema.org Thing's name: the string itself, an object's `name`, or the first of a list."""
    if isinstance(value, list):
        return next((name for item in value if (name := _name(item))), "")
    if isinstance(value, dict):
        return value["name"] if isinstance(value.get("name"), str) else ""
    return value if isinstance(value, str) else ""


def _listed(value: Any) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def _place(place: Any) -> str:
    if isinstance(place, str):
        return place
    address = place.get("address") if isinstance(place, dict) else None
    if isinstance(address, str):
        return address
    if not isinstance(address, dict):
        return _name(place)
    fields = [address.get(key) for key in ("addressLocality", "addressRegion")]
    return joined(*(value for value in fields if isinstance(value, str)), _name(address.get("addressCountry")))


def _salary(base: Any) -> tuple[int | None, int | None, str]:
    """(min, max, currency) per year from a MonetaryAmount."""
    if not isinstance(base, dict):
        return None, None, ""
    value = base.get("value")
    currency = base.get("currency") if isinstance(base.get("currency"), str) else ""
    if not isinstance(value, dict):  # a bare amount, taken as yearly
        low, high = sane_salary_range(value, None, currency)
        return low, high, currency if low else ""
    unit = value.get("unitText") if isinstance(value.get("unitText"), str) else "YEAR"
    factor = _PER_YEAR.get(unit.upper(), 0)
    low = to_salary(value.get("minValue", value.get("value")))
    high = to_salary(value.get("maxValue"))
    low, high = sane_salary_range(low * factor if low and factor else None, high * factor if high and factor else None, currency)
    return low, high, currency if (low or high) else ""


def read_job_posting(page_html: str) -> JobPostingData | None:
    """The page's JobPosting as careerhub's fields, or None when its JSON-LD has none (or no title)."""
    parser = _LdScripts()
    try:
        parser.feed(page_html or "")
        parser.close()
    except (ValueError, AssertionError):  # HTMLParser gives up on some broken markup
        pass
    for script in parser.scripts[:MAX_SCRIPTS]:
        try:
            document = json.loads(script, strict=False)
        except (ValueError, RecursionError):
            continue
        found = read_job_posting_document(document)
        if found is not None:
            return found
    return None


def read_job_posting_document(document: Any) -> JobPostingData | None:
    """The JobPosting of a JSON-LD document already parsed (a page served as `application/ld+json`), or None."""
    node = find_job_posting(document)
    if node is not None and isinstance(node.get("title"), str) and node["title"].strip():
        return _read(node)
    return None


def _read(node: dict) -> JobPostingData:
    title = clean_line(node["title"], 300)
    location = "; ".join(place for place in (_place(item) for item in _listed(node.get("jobLocation"))) if place)
    low, high, currency = _salary(node.get("baseSalary"))
    remote = any(isinstance(kind, str) and kind.upper() == "TELECOMMUTE" for kind in _listed(node.get("jobLocationType")))
    kinds = " ".join(kind.replace("_", " ") for kind in _listed(node.get("employmentType")) if isinstance(kind, str))
    description = node.get("description") if isinstance(node.get("description"), str) else ""
    if "<" not in description and "&lt;" in description:  # HTML escaped once more, as some boards write it
        description = html.unescape(description)
    return JobPostingData(
        title=title,
        company=clean_line(_name(node.get("hiringOrganization")), 200),
        description=html_to_text(description, MAX_DESCRIPTION_LENGTH),
        url=http_url(node.get("url")),
        location=clean_line(location, 255),
        remote_type=WorkMode.REMOTE if remote else work_mode_from_text(title, location),
        applicant_regions=[name for name in (_name(item) for item in _listed(node.get("applicantLocationRequirements"))) if name],
        salary_min=low,
        salary_max=high,
        salary_currency=currency.upper()[:3],
        job_type=employment_type_from_text(kinds, title),
        posted_at=posted(node, "datePosted"),
    )
