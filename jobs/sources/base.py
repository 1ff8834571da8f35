"""What every job source gives back, and the interface each one implements."""

from __future__ import annotations

import hashlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element, ParseError

from celery.exceptions import SoftTimeLimitExceeded
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs import selectors
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
from jobs.sources.http import FetchError, fetch

logger = logging.getLogger(__name__)

# Raw payloads are kept for operators (GET /jobs/{id} shows them), bounded in size.
MAX_RAW_DATA_BYTES = 100_000
# Job.board's length.
MAX_BOARD_KEY_LENGTH = 255


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
    # The credit a board's terms ask for, shown with the job ("Jobs by Remotive (https://remotive.com)").
    source_attribution: str = ""
    # The board that listed it (Board.stored_key; the first one, when two boards list it).
    board: str = ""


@dataclass
class BoardOutcome:
    """What one board gave in a run: whether its answer was read, the postings kept and the company they
    name, or why it could not be read (`missing`: it answered 404)."""

    read: bool = False
    found: int = 0
    company: str = ""
    error: str = ""
    missing: bool = False


@dataclass
class SourceBatch:
    """Everything one run of a source produced.

    `errors` are failures of parts of the run (an unknown Greenhouse board, one feed that
    answered 500, one malformed item) that were counted and skipped. `unreachable` is set when
    nothing could be fetched because of a failure that may pass (timeout, 429, 5xx): the task
    then retries with backoff. `retry_after` is the longest wait a board asked for (429/503
    with `Retry-After`), in seconds. `boards` says what each board (by its key) gave, so a
    watched company's board can show when it was last read.

    `listings` holds, per board key, the ids of every posting that board listed (a posting two
    boards list is in both, though kept once in `postings`). `complete_boards` are the boards read
    to their end without any error: every page fetched and read, no item unusable, no page limit
    reached. Only those are complete listings, and only they can close a job (jobs.services.closing).
    """

    postings: list[Posting] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_items: int = 0
    unreachable: bool = False
    retry_after: float | None = None
    listings: dict[str, set[str]] = field(default_factory=dict)
    complete_boards: set[str] = field(default_factory=set)
    boards: dict[str, BoardOutcome] = field(default_factory=dict)

    def item_failed(self, message: str) -> None:
        self.failed_items += 1
        self.errors.append(message)

    def fetch_failed(self, exc: FetchError, message: str) -> None:
        self.errors.append(message)
        if exc.retry_after is not None:
            self.retry_after = max(self.retry_after or 0.0, exc.retry_after)

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


class PayloadError(ValueError):
    """A board answered, but not with what its API documents (not JSON, no list of jobs)."""


@dataclass(frozen=True)
class Board:
    """One thing a source reads: a company's board (paged or not) or a feed.

    `label` names it in errors ("greenhouse board 'acme'"), `item_label` in a failed item's
    line ("greenhouse acme"); `missing` is the error when it answers 404, for boards a
    misspelt setting can name ("" makes a 404 an ordinary failure); `parse_args` follow each
    item into the source's `parse_item` (the board token, for the postings' ids). A `single`
    board is one job's own endpoint (a job link read from the ATS's API): its answer is the item.
    """

    key: str
    url: str
    label: str
    item_label: str
    missing: str = ""
    parse_args: tuple[str, ...] = ()
    single: bool = False

    @property
    def stored_key(self) -> str:
        """The key as a job stores it (Job.board, 255 characters): a long feed URL keeps its start and a hash."""
        if len(self.key) <= MAX_BOARD_KEY_LENGTH:
            return self.key
        return f"{self.key[:200]}#{hashlib.sha256(self.key.encode()).hexdigest()[:32]}"

    @classmethod
    def named(cls, source: str, noun: str, key: str, url: str) -> Board:
        """A board a setting names by its token: a 404 means the token is wrong, and the board is skipped."""
        return cls(
            key=key,
            url=url,
            label=f"{source} {noun} {key!r}",
            item_label=f"{source} {key}",
            missing=f"{source}: unknown {noun} {key!r}, skipped",
            parse_args=(key,),
        )

    @classmethod
    def feed(cls, source: str, url: str, *, label: str = "") -> Board:
        """A source's own endpoint (or one of its feeds)."""
        return cls(key=url, url=url, label=label or source, item_label=source)


@dataclass(frozen=True)
class Page:
    """One page a board answered, for the source to say where the next one is."""

    board: Board
    url: str
    number: int
    payload: Any
    item_count: int


def read_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        raise PayloadError(f"not JSON: {type(exc).__name__}: {exc}") from None


def read_xml(body: bytes) -> Element:
    """XML without DTDs, entity expansion or external resources (defusedxml)."""
    try:
        return fromstring(body, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise PayloadError(f"{type(exc).__name__}: {exc}") from None


class Source(ABC):
    """A job board: its boards (URLs) and its item parser; the fetch loop is `collect`, written once here.

    For each board `collect` fetches the first page and every next page the source names (at
    most JOB_SOURCE_MAX_PAGES), reads it as JSON or XML, and parses each item through
    `SourceBatch.parse_guarded`. A board that answers 404 (an unknown token) is skipped with
    its `missing` line; any other failure is counted, and when every board failed for a reason
    that may pass (timeout, 429, 5xx) before giving anything, the batch is unreachable and the
    task retries with backoff. The same posting listed twice (two feeds, shifting pages) is kept once.
    """

    name: str = ""
    # What the board serves: "json" or "xml"; and how errors call an unreadable page.
    payload_format: str = "json"
    payload_name: str = "answer"
    accept: str = "application/json"
    # Stored on each job when the board's terms ask to be credited ("Jobs by Remotive ...").
    attribution: str = ""

    @abstractmethod
    def is_configured(self) -> bool:
        """Whether settings give this source something to fetch."""

    @abstractmethod
    def boards(self) -> list[Board]:
        """What to fetch, in order."""

    @abstractmethod
    def page_items(self, payload: Any, board: Board) -> list:
        """The items of one page; PayloadError when the page is not what the API documents."""

    @abstractmethod
    def parse_item(self, item: Any, *context: str) -> Posting:
        """One item as a Posting (its board's `parse_args` follow the item); ItemError when unusable."""

    def next_page_url(self, page: Page) -> str | None:
        """The next page of a paged board, or None when `page` was the last (the default: boards are one page)."""
        return None

    def collect(self, boards: list[Board] | None = None) -> SourceBatch:
        """Fetch and normalise everything the source currently lists (or only `boards`); never raises for
        one bad item or board."""
        batch = SourceBatch()
        boards = self.boards() if boards is None else boards
        seen: set[str] = set()
        failed_transiently = sum(self._collect_board(board, batch, seen) for board in boards)
        batch.unreachable = bool(boards) and failed_transiently == len(boards)
        return batch

    def _collect_board(self, board: Board, batch: SourceBatch, seen: set[str]) -> bool:
        """Every page of one board into `batch`; True when nothing of it could be fetched for a reason that may pass.

        The board joins `batch.complete_boards` only when it was read to its last page without an error.
        """
        url: str | None = board.url
        listed = batch.listings.setdefault(board.stored_key, set())
        failed_before = batch.failed_items
        outcome = batch.boards.setdefault(board.key, BoardOutcome())
        for number in range(settings.JOB_SOURCE_MAX_PAGES):
            if not url:
                break
            try:
                response = fetch(url, accept=self.accept)
            except FetchError as exc:
                message = board.missing if exc.status == 404 and board.missing else f"{board.label}: {exc}"
                batch.fetch_failed(exc, message)
                if not outcome.read:
                    outcome.error, outcome.missing = message, exc.status == 404
                return exc.transient and not outcome.found
            try:
                payload = read_xml(response.body) if self.payload_format == "xml" else read_json(response.body)
                page_items = [payload] if board.single else self.page_items(payload, board)
            except PayloadError as exc:
                batch.errors.append(f"{board.label}: unreadable {self.payload_name} ({exc})")
                if not outcome.read:
                    outcome.error = batch.errors[-1]
                return False
            outcome.read = True
            for item in page_items:
                posting = batch.parse_guarded(board.item_label, self.parse_item, item, *board.parse_args)
                if posting is None:
                    continue
                listed.add(posting.source_id)
                if posting.source_id not in seen:
                    seen.add(posting.source_id)
                    posting.source_attribution = self.attribution
                    posting.board = board.stored_key
                    batch.postings.append(posting)
                    outcome.found += 1
                    outcome.company = outcome.company or posting.company
            if board.single:
                return False
            url = self.next_page_url(Page(board, url, number, payload, len(page_items)))
        if url:
            logger.info("%s: stopped after %s pages (JOB_SOURCE_MAX_PAGES)", board.label, settings.JOB_SOURCE_MAX_PAGES)
        elif batch.failed_items == failed_before:
            batch.complete_boards.add(board.stored_key)
        return False


class CompanyBoardSource(Source):
    """A source that reads companies' boards on one ATS, each named by the token the ATS's API takes.

    The boards are the ones `board_setting` lists and the ones users watch (`CompanyBoard` rows
    that someone watches and an operator has not turned off), each once whatever its case;
    `board(token)` builds any one of them, so `collect(boards=[source.board(token)])` scrapes just
    that board. `job_board(token, job_id)` is what to read for one job link, and `is_job` finds the
    job in what it gave.
    """

    api_url_setting: str = ""
    board_setting: str = ""
    board_noun: str = "board"

    @abstractmethod
    def board_url(self, token: str) -> str:
        """The URL of the board's first page."""

    def tokens(self) -> list[str]:
        """The boards to scrape: the setting's, then the watched ones; a token in another case is the same board."""
        unique: dict[str, str] = {}
        for token in [*getattr(settings, self.board_setting), *selectors.company_board_tokens_watched(ats=self.name)]:
            unique.setdefault(token.lower(), token)
        return list(unique.values())

    def is_configured(self) -> bool:
        return bool(getattr(settings, self.api_url_setting) and self.tokens())

    def board(self, token: str) -> Board:
        return Board.named(self.name, self.board_noun, token, self.board_url(token))

    def boards(self) -> list[Board]:
        return [self.board(token) for token in self.tokens()]

    def job_board(self, token: str, job_id: str) -> Board:
        """What to read for one job of a board (a job link): by default the whole board, the job found in it."""
        return self.board(token)

    def is_job(self, posting: Posting, token: str, job_id: str) -> bool:
        """Whether `posting` is the job a link names by its id on the board."""
        return posting.source_id == f"{token}:{job_id}"


def company_from_token(token: str) -> str:
    """A readable company name from a board token: "pied-piper" -> "Pied Piper"."""
    return token.replace("-", " ").title()


def work_mode_from_flags(*, remote: bool | None, hybrid: bool | None = None, onsite: bool | None = None) -> str | None:
    """A board's remote/hybrid/on-site booleans as the canonical work mode (hybrid first: it is the most specific)."""
    if hybrid:
        return WorkMode.HYBRID
    if remote:
        return WorkMode.REMOTE
    if onsite:
        return WorkMode.ONSITE
    return None


def board_base(template: str, company: str) -> str:
    """A per-company base URL: `{company}` in the setting replaced by the company's token, quoted."""
    return template.replace("{company}", quote(company, safe="")).rstrip("/")


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
    currency = text_field(salary_currency, 3).upper()
    currency = currency if len(currency) == 3 and currency.isalpha() else ""
    low, high = sane_salary_range(salary_min, salary_max, currency)
    currency = currency if (low or high) else ""
    location_text = text_field(location, 255)
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
