"""Recognise an applicant tracking system's board, or one of its job links, from the URL alone (nothing is fetched).

Watched companies (`POST /companies/watch`) keep the board; "add a job by its URL" reads a
recognised job link from the ATS's API instead of scraping the page. The ATS names are the
job source names, so a recognised board is scraped by that source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from jobs.sources.base import company_from_token

SUPPORTED_ATS = ("greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee", "personio")
SUPPORTED_FORMS = (
    "boards.greenhouse.io/{token}",
    "job-boards.greenhouse.io/{token}",
    "jobs.lever.co/{site}",
    "jobs.ashbyhq.com/{board}",
    "apply.workable.com/{account}",
    "jobs.smartrecruiters.com/{company}",
    "{company}.recruitee.com",
    "{company}.jobs.personio.de (or .com)",
)

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_SUBDOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# Subdomains of recruitee.com that are Recruitee's own, not a company's careers site.
_RECRUITEE_OWN = frozenset({"www", "app", "api", "support", "docs", "blog", "help", "status"})
# Each ATS's public page of a board (what a watched company links to).
_BOARD_PAGES = {
    "greenhouse": "https://boards.greenhouse.io/{board}",
    "lever": "https://jobs.lever.co/{board}",
    "ashby": "https://jobs.ashbyhq.com/{board}",
    "workable": "https://apply.workable.com/{board}/",
    "smartrecruiters": "https://jobs.smartrecruiters.com/{board}",
    "recruitee": "https://{board}.recruitee.com/",
    "personio": "https://{board}.jobs.personio.de/",
}
_GREENHOUSE_HOSTS = frozenset({"boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io", "job-boards.eu.greenhouse.io"})


@dataclass(frozen=True)
class AtsLink:
    """A board on an ATS (`board` is the token its API takes) and, for a job link, the job's id there."""

    ats: str
    board: str
    job_id: str | None = None

    @property
    def company_name(self) -> str:
        """A readable guess at the company from the board token ("pied-piper" -> "Pied Piper")."""
        return company_from_token(self.board)

    @property
    def board_page(self) -> str:
        """The board's public careers page on its ATS."""
        return _BOARD_PAGES[self.ats].format(board=quote(self.board, safe=""))


def _token(value: str | None) -> str | None:
    return value if value and _TOKEN.match(value) else None


def _path_link(ats: str, segments: list[str], job_at: int, job_id_pattern: str = r".+") -> AtsLink | None:
    """A board named by the first path segment, with the job id at `segments[job_at]` when there is one."""
    board = _token(segments[0]) if segments else None
    if board is None:
        return None
    job = segments[job_at] if len(segments) > job_at else None
    match = re.match(job_id_pattern, job) if job else None
    return AtsLink(ats, board, match.group(0) if match else None)


def _greenhouse(segments: list[str], query: dict[str, list[str]]) -> AtsLink | None:
    # The embedded board names the token in `for` (and the job in `token`): /embed/job_board?for=acme
    if segments[:1] == ["embed"]:
        board = _token((query.get("for") or [None])[0])
        job = (query.get("token") or [None])[0]
        return AtsLink("greenhouse", board, job if job and job.isdigit() else None) if board else None
    if len(segments) >= 3 and segments[1] == "jobs":
        return _path_link("greenhouse", [segments[0], segments[2]], 1, r"\d+")
    return _path_link("greenhouse", segments[:1], 1)


def _by_path(host: str, segments: list[str], query: dict[str, list[str]]) -> AtsLink | None:
    if host in _GREENHOUSE_HOSTS:
        return _greenhouse(segments, query)
    if host == "jobs.lever.co":
        return _path_link("lever", segments, 1, r"[0-9a-fA-F-]{8,}")
    if host == "jobs.ashbyhq.com":
        return _path_link("ashby", segments, 1, r"[0-9a-fA-F-]{8,}")
    if host == "apply.workable.com":
        if segments[:1] == ["j"]:  # a short link names the job but not the account
            return None
        return _path_link("workable", segments, 2, r"[A-Za-z0-9]+") if segments[1:2] in ([], ["j"]) else _path_link("workable", segments[:1], 1)
    if host == "jobs.smartrecruiters.com":
        return _path_link("smartrecruiters", segments, 1, r"\d+")
    return None


def _by_subdomain(host: str, segments: list[str]) -> AtsLink | None:
    if host.endswith(".recruitee.com"):
        company = host.removesuffix(".recruitee.com")
        if not _SUBDOMAIN.match(company) or company in _RECRUITEE_OWN:
            return None
        job = segments[1] if segments[:1] == ["o"] and len(segments) > 1 else None
        return AtsLink("recruitee", company, job)
    for suffix in (".jobs.personio.de", ".jobs.personio.com"):
        if host.endswith(suffix):
            company = host.removesuffix(suffix)
            if not _SUBDOMAIN.match(company):
                return None
            job = segments[1] if segments[:1] == ["job"] and len(segments) > 1 and segments[1].isdigit() else None
            return AtsLink("personio", company, job)
    return None


def recognise_ats(url: str) -> AtsLink | None:
    """The ATS board (and job) an http(s) URL points to, or None when it is not one careerhub reads."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    return _by_path(host, segments, parse_qs(parts.query)) or _by_subdomain(host, segments)
