"""Companies a user follows by their careers page (`/companies/watch`), and the one board row behind each.

The ATS and the board are recognised from the URL alone (`jobs.ats_links`); nothing is fetched
then. However many users watch a board it is one `CompanyBoard`, scraped by its ATS's source
with the boards operators list (`CompanyBoardSource.boards`) while someone watches it, and once
soon after it is watched when it has not been read lately.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions, status

from accounts.models import User
from jobs.ats_links import SUPPORTED_FORMS, AtsLink, recognise_ats
from jobs.models import CompanyBoard, CompanyWatch, ScrapeLog, ScrapeStatus
from jobs.services.scraping import company_board_scrape_request
from jobs.sources import get_source
from jobs.sources.base import CompanyBoardSource

# A board read more recently than this is not scraped again when one more user watches it.
RECENTLY_SCRAPED = timedelta(hours=1)
UNRECOGNISED_MESSAGE = (
    "careerhub cannot follow this page: give a company's careers page on a supported ATS ("
    + ", ".join(SUPPORTED_FORMS)
    + ")."
)
_OPEN_RUNS = (ScrapeStatus.PENDING, ScrapeStatus.RUNNING, ScrapeStatus.RETRYING)


class WatchLimitReached(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "You follow as many companies as careerhub allows."
    default_code = "watch_limit_reached"


def _recognised(url: str) -> AtsLink:
    link = recognise_ats(url)
    if link is None:
        raise ValidationError({"url": [UNRECOGNISED_MESSAGE]})
    source = get_source(link.ats)
    if link.ats not in settings.JOB_SOURCES or not isinstance(source, CompanyBoardSource) or not getattr(
        settings, source.api_url_setting
    ):
        raise ValidationError({"url": [f"This server does not read {link.ats} boards (JOB_SOURCES)."]})
    return link


def _board_for(link: AtsLink) -> CompanyBoard:
    """The one row of this board, created on first watch (a token in another case is the same board)."""
    board, _ = CompanyBoard.objects.get_or_create(
        ats=link.ats,
        board__iexact=link.board,
        defaults={"board": link.board, "company_name": link.company_name, "url": link.board_page},
    )
    return board


def _wants_a_run(board: CompanyBoard) -> bool:
    """Whether a newly watched board is scraped now: active, not read lately, and no run of it already open."""
    if not board.is_active:
        return False
    if board.last_scraped_at is not None and board.last_scraped_at > timezone.now() - RECENTLY_SCRAPED:
        return False
    return not ScrapeLog.objects.filter(company_board=board, status__in=_OPEN_RUNS).exists()


@transaction.atomic
def company_watch_create(*, user: User, url: str) -> tuple[CompanyWatch, bool]:
    """Follow the company whose careers page `url` is; (watch, created). Watching a board twice keeps one watch.

    400 when the URL is not a board careerhub reads, or when the user already follows
    COMPANY_WATCH_MAX_PER_USER companies. A new watch of a board not read lately scrapes it once
    the transaction commits.
    """
    link = _recognised(url.strip())
    # One user's watches are added one at a time, so the limit holds when two requests arrive together.
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    board = _board_for(link)
    existing = CompanyWatch.objects.filter(user=user, board=board).first()
    if existing is not None:
        return existing, False
    limit = settings.COMPANY_WATCH_MAX_PER_USER
    if CompanyWatch.objects.filter(user=user).count() >= limit:
        raise WatchLimitReached(f"You already follow {limit} companies, the most careerhub allows; unfollow one first.")
    watch = CompanyWatch.objects.create(user=user, board=board)
    if _wants_a_run(board):
        company_board_scrape_request(board=board, requested_by=user)
    return watch, True


def company_watch_delete(*, watch: CompanyWatch) -> None:
    """Unfollow. The board row stays for operators; with no one watching it, it is no longer scraped."""
    watch.delete()
