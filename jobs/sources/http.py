"""The one HTTP client the scrapers use: timeouts, a size cap, and no redirect to another host.

Job boards are outside our control, so every fetch is bounded: a connect/read timeout, an
overall deadline, a maximum body size, and redirects followed only within the same host
(at most a few). Failures are classified so a run knows whether trying again may help.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3
CHUNK_SIZE = 64 * 1024
# 429 and 5xx may pass; 4xx other than 429 will not.
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """A fetch that produced no usable body. `transient` says whether a retry may succeed;
    `retry_after` is the wait in seconds a 429/503 asked for (`Retry-After`), if it said."""

    def __init__(
        self, message: str, *, url: str, status: int | None = None, transient: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.transient = transient
        self.retry_after = retry_after


def retry_after_seconds(value: str | None) -> float | None:
    """A `Retry-After` header in seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 24 * 3600))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), 24 * 3600.0))


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content_type: str
    body: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are handled by `fetch` itself, so it can check the target host."""

    def redirect_request(
        self, req: urllib.request.Request, fp: object, code: int, msg: str, headers: object, newurl: str
    ) -> None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirects())


def _host(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def fetch(url: str, *, accept: str = "*/*", timeout: float | None = None, max_bytes: int | None = None) -> Response:
    """GET `url` within the configured bounds; raise FetchError on anything but a 2xx body."""
    timeout = timeout if timeout is not None else settings.JOB_SOURCE_TIMEOUT_SECONDS
    max_bytes = max_bytes if max_bytes is not None else settings.JOB_SOURCE_MAX_BYTES
    scheme, _, _ = _host(url)
    if scheme not in {"http", "https"}:
        raise FetchError(f"Refusing a non-HTTP address: {url}", url=url)
    deadline = time.monotonic() + timeout * 2
    origin = _host(url)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(
            current, headers={"User-Agent": settings.JOB_SOURCE_USER_AGENT, "Accept": accept}, method="GET"
        )
        try:
            raw = _opener().open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            status = exc.code
            if status in {301, 302, 303, 307, 308}:
                location = exc.headers.get("Location")
                exc.close()
                if not location:
                    raise FetchError(f"{status} redirect without a Location from {current}", url=url, status=status) from None
                target = urljoin(current, location)
                if _host(target) != origin:
                    raise FetchError(f"Refusing a redirect from {current} to another host ({target})", url=url, status=status) from None
                current = target
                continue
            retry_after = retry_after_seconds(exc.headers.get("Retry-After")) if exc.headers else None
            exc.close()
            wait = f" (retry after {retry_after:.0f}s)" if retry_after is not None else ""
            raise FetchError(
                f"{status} from {current}{wait}",
                url=url,
                status=status,
                transient=status in TRANSIENT_STATUSES,
                retry_after=retry_after,
            ) from None
        except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets, bad status lines
            reason = getattr(exc, "reason", exc)
            raise FetchError(f"Could not reach {current}: {reason}", url=url, transient=True) from None
        with raw:
            declared = raw.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{current} announced {declared} bytes, over the {max_bytes}-byte limit", url=url)
            chunks: list[bytes] = []
            size = 0
            try:
                while True:
                    if time.monotonic() > deadline:
                        raise FetchError(f"{current} took longer than {timeout * 2:.0f}s", url=url, transient=True)
                    chunk = raw.read(CHUNK_SIZE)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"{current} sent more than {max_bytes} bytes", url=url)
                    chunks.append(chunk)
            except (OSError, http.client.HTTPException) as exc:  # timeouts, resets, a truncated body
                raise FetchError(f"Reading {current} failed: {exc}", url=url, transient=True) from None
            return Response(current, raw.status, raw.headers.get("Content-Type", ""), b"".join(chunks))
    raise FetchError(f"Too many redirects from {url}", url=url)
