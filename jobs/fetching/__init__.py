"""The safe fetcher: the one way careerhub reads a URL a user gave it (docs/security.md, "The safe fetcher")."""

from careerhub.network import refusal_reason
from jobs.fetching.client import (
    FetchedPage,
    FetchFailed,
    FetchRefused,
    FetchTooLarge,
    FetchWrongType,
    UrlFetchError,
    fetch_url,
)

__all__ = [
    "FetchFailed",
    "FetchRefused",
    "FetchTooLarge",
    "FetchWrongType",
    "FetchedPage",
    "UrlFetchError",
    "fetch_url",
    "refusal_reason",
]
