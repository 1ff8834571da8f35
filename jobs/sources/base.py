"""What every job source gives back, and the interface each one implements."""

from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded

from jobs.normalize import (
    MAX_DESCRIPTION_LENGTH,
    clean_line,
    clean_tags,
    clean_text,
    html_to_text,
    regions_from_text,
    salary_from_text,
    sane_salary_range,
    visa_sponsorship_from_text,
)

logger = logging.getLogger(__name__)

# Raw payloads are kept for operators (GET /jobs/{id} shows them), bounded in size.
MAX_RAW_DATA_BYTES = 100_000


class ItemError(ValueError):
    """One posting in a feed is unusable (missing id or title, wrong type); the run goes on."""


@dataclass
class Posting:
    """One normalised posting, ready to be stored as a Job."""

    source: str
    source_id: str
    title: str
    url: str = ""
    company: str = ""
    description: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    location: str = ""
    remote_type: str | None = None
    job_type: str | None = None
    tags: list[str] = field(default_factory=list)
    eligible_regions: list[str] = field(default_factory=list)
    visa_sponsorship: int | None = None
    posted_at: datetime | None = None
    raw_data: dict = field(default_factory=dict)


@dataclass
class SourceBatch:
    """Everything one run of a source produced.

    `errors` are failures of parts of the run (an unknown Greenhouse board, one feed that
    answered 500, one malformed item) that were counted and skipped. `unreachable` is set when
    nothing could be fetched because of a failure that may pass (timeout, 429, 5xx): the task
    then retries with backoff.
    """

    postings: list[Posting] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_items: int = 0
    unreachable: bool = False

    def item_failed(self, message: str) -> None:
        self.failed_items += 1
        self.errors.append(message)

    def parse_guarded(self, label: str, parse: Callable[..., Posting], *args: Any) -> Posting | None:
        """`parse(*args)`, or None once the item is counted as failed; every source parses through this.

        An ItemError is the parser saying an item is unusable. Any other error is data the parser
        did not foresee (a field of another type, a number that overflows): one such item must not
        cost the run its good ones, so it is counted the same way and logged with its traceback
        for whoever fixes the parser. A time limit is about the run, not the item: it goes on up.
        """
        try:
            return parse(*args)
        except SoftTimeLimitExceeded:
            raise
        except ItemError as exc:
            self.item_failed(f"{label}: {exc}")
        except Exception as exc:
            logger.warning("%s: an item could not be parsed", label, exc_info=True)
            self.item_failed(f"{label}: unreadable item ({type(exc).__name__}: {str(exc)[:200]})")
        return None


class Source(ABC):
    """A job board. Subclasses set `name` and implement `collect`."""

    name: str = ""

    @abstractmethod
    def is_configured(self) -> bool:
        """Whether settings give this source something to fetch."""

    @abstractmethod
    def collect(self) -> SourceBatch:
        """Fetch and normalise everything the source currently lists; never raises for one bad item."""


def text_field(value: Any, max_length: int) -> str:
    return clean_line(value, max_length) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def http_url(value: Any) -> str:
    """An absolute http(s) URL of reasonable length, or ""."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if len(value) > 1000 or not value.lower().startswith(("http://", "https://")) or any(c.isspace() for c in value):
        return ""
    return value


def bounded_raw(item: Any) -> dict:
    """The item as it came, if it is a JSON object of reasonable size; else a note saying why not."""
    try:
        encoded = json.dumps(item, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return {"note": "raw item was not JSON-serialisable"}
    if len(encoded.encode()) > MAX_RAW_DATA_BYTES:
        return {"note": f"raw item omitted: larger than {MAX_RAW_DATA_BYTES} bytes"}
    value = json.loads(encoded.replace("\\u0000", ""))
    return value if isinstance(value, dict) else {"item": value}


def make_posting(
    *,
    source: str,
    source_id: Any,
    title: Any,
    url: Any = "",
    company: Any = "",
    description_html: str | None = None,
    description_text: str | None = None,
    salary_min: Any = None,
    salary_max: Any = None,
    salary_currency: Any = "",
    location: Any = "",
    remote_type: str | None = None,
    job_type: str | None = None,
    tags: Any = (),
    region_texts: tuple[str | None, ...] = (),
    posted_at: datetime | None = None,
    raw: Any = None,
) -> Posting:
    """Validate and normalise one item; ItemError when it lacks an id or a title."""
    if isinstance(source_id, bool) or not isinstance(source_id, (str, int)):
        raise ItemError("missing or invalid id")
    source_id = str(source_id).strip()[:255]
    if not source_id:
        raise ItemError("missing id")
    clean_title = text_field(title, 300)
    if not clean_title:
        raise ItemError(f"item {source_id}: missing title")
    if description_html is not None:
        description = html_to_text(description_html, MAX_DESCRIPTION_LENGTH)
    else:
        description = clean_text(description_text if isinstance(description_text, str) else "", MAX_DESCRIPTION_LENGTH)
    low, high = sane_salary_range(salary_min, salary_max)
    location_text = text_field(location, 255)
    currency = text_field(salary_currency, 3).upper() if (low or high) else ""
    currency = currency if len(currency) == 3 and currency.isalpha() else ""
    if low is None and high is None:
        # Many boards have no salary fields but state the range in the text.
        low, high, currency = salary_from_text(description)
    return Posting(
        source=source,
        source_id=source_id,
        title=clean_title,
        url=http_url(url),
        company=text_field(company, 200),
        description=description,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        location=location_text,
        remote_type=remote_type,
        job_type=job_type,
        tags=clean_tags(list(tags) if isinstance(tags, (list, tuple)) else []),
        eligible_regions=regions_from_text(location_text, *region_texts),
        visa_sponsorship=visa_sponsorship_from_text(description),
        posted_at=posted_at,
        raw_data=bounded_raw(raw if raw is not None else {}),
    )
