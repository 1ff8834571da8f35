"""One job an ATS job link names, read from that ATS's API rather than from the page the link opens.

The link only tells which ATS, board and job (`jobs.ats_links.recognise_ats`); the request goes
to the ATS's API base an operator configured (`GREENHOUSE_API_URL`, ...) with the token and id
quoted into its path, through the sources' own client, and the answer is parsed by the source's
`parse_item` like any scraped posting.
"""

from __future__ import annotations

from jobs.ats_links import AtsLink
from jobs.sources import get_source
from jobs.sources.base import CompanyBoardSource, Posting


class JobLinkUnreadable(Exception):
    """The ATS's API could not be read (no answer, an error status, not its documented shape)."""


def posting_from_job_link(link: AtsLink) -> Posting | None:
    """The posting `link` names, or None when its board does not list it (or the board does not exist).

    Raises JobLinkUnreadable when the ATS could not be asked.
    """
    if not link.job_id:
        return None
    source = get_source(link.ats)
    if not isinstance(source, CompanyBoardSource):
        raise TypeError(f"{link.ats} is not a company-board source")
    board = source.job_board(link.board, link.job_id)
    batch = source.collect(boards=[board])
    outcome = batch.boards.get(board.key)
    if outcome is not None and not outcome.read and not outcome.missing:
        raise JobLinkUnreadable(outcome.error or f"{board.label} could not be read")
    return next((posting for posting in batch.postings if source.is_job(posting, link.board, link.job_id)), None)
