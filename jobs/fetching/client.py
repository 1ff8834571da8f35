"""`fetch_url`: GET a URL a user gave careerhub, without letting that URL reach inside the network.

The rules, each proved by `jobs/tests/fetching/` (docs/security.md lists the tests):

- only `http` and `https`, no credentials in the URL;
- the host is resolved once, every address it resolves to must be public
  (`careerhub.network.refusal_reason`), and the connection goes to that address: a second lookup
  that answers differently (DNS rebinding) is never made. The request still names the
  host (`Host` header) and TLS still sends it (SNI) and verifies the certificate against it;
- every redirect is checked the same way, at most MAX_REDIRECTS of them;
- TOTAL_SECONDS for the whole fetch, redirects, lookups and reading included;
- at most MAX_BYTES of body, announced or not;
- HTML, JSON or XML only, judged by the Content-Type before the body is read;
- `URL_FETCH_ALLOWED_HOSTS` names hosts (`name` or `name:port`) that may be reached although
  they resolve to a refused address (on-premise boards; tests). It lifts the address rule only.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from careerhub.network import host_allowed, parse_address, refusal_reason

MAX_REDIRECTS = 3
TOTAL_SECONDS = 10.0
MAX_BYTES = 2 * 1024 * 1024
CHUNK_SIZE = 64 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html, application/xhtml+xml, application/ld+json, application/json, application/xml;q=0.9, text/xml;q=0.9"
ALLOWED_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "application/json", "application/ld+json", "application/xml", "text/xml"}
)


class UrlFetchError(Exception):
    """The URL could not be read. `code` is the error code an endpoint answers with."""

    code = "fetch_failed"

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class FetchRefused(UrlFetchError):
    """The URL (or a redirect) names a scheme, a host or an address careerhub does not connect to; nothing was sent."""

    code = "url_refused"


class FetchFailed(UrlFetchError):
    """The page could not be fetched: no connection, a TLS failure, an error status, too slow, too many redirects."""

    code = "fetch_failed"


class FetchTooLarge(UrlFetchError):
    """The page is larger than MAX_BYTES."""

    code = "fetch_too_large"


class FetchWrongType(UrlFetchError):
    """The page is not HTML, JSON or XML."""

    code = "fetch_wrong_type"


@dataclass(frozen=True)
class FetchedPage:
    url: str
    status: int
    content_type: str
    charset: str
    body: bytes

    @property
    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Target:
    """One URL to request: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str
    port: int
    path: str

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"


def parse_target(url: str) -> Target:
    """The URL as a request target; FetchRefused for anything but an absolute http(s) URL without credentials."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchRefused(f"Not a valid URL: {url[:200]}", url=url) from None
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchRefused(f"Only http and https URLs can be fetched, not {parts.scheme or 'a relative URL'}", url=url)
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("URLs with credentials are not fetched", url=url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchRefused("The URL names no host", url=url)
    scheme = parts.scheme.lower()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(url=url, scheme=scheme, host=host, port=port or (443 if scheme == "https" else 80), path=path)


def resolve(target: Target, deadline: float) -> str:
    """The one address to connect to for `target`; FetchRefused when any address it resolves to is refused."""
    literal = parse_address(target.host)
    if literal is not None:
        addresses = [str(literal)]
    else:
        addresses = lookup(target, deadline)
    if not host_allowed(target.host, target.port):
        for address in addresses:
            reason = refusal_reason(parse_address(address))
            if reason:
                raise FetchRefused(f"{target.host} is a {reason} address ({address}); it is not fetched", url=target.url)
    return addresses[0]


def lookup(target: Target, deadline: float) -> list[str]:
    """Every address the host resolves to, looked up once, within what is left of the deadline."""
    answer: dict[str, object] = {}

    def run() -> None:
        try:
            answer["infos"] = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            answer["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise FetchFailed(f"Looking up {target.host} took too long", url=target.url)
    if "error" in answer:
        raise FetchFailed(f"{target.host} could not be resolved: {answer['error']}", url=target.url)
    addresses = list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in answer["infos"]))
    if not addresses:
        raise FetchFailed(f"{target.host} resolves to no address", url=target.url)
    return addresses


def open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to exactly this address: no name lookup happens here."""
    sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except OSError:
        sock.close()
        raise
    return sock


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to the address resolved and checked beforehand, whatever the host name resolves to now."""

    def __init__(self, target: Target, address: str, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.pinned_address = address

    def connect(self) -> None:
        self.sock = self.pinned_socket = open_socket(self.pinned_address, self.port, self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the pinned address; SNI and certificate verification are for the host name in the URL."""

    def __init__(self, target: Target, address: str, timeout: float, tls_context: ssl.SSLContext) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=tls_context)
        self.pinned_address = address
        self.tls_context = tls_context

    def connect(self) -> None:
        sock = open_socket(self.pinned_address, self.port, self.timeout)
        self.sock = self.pinned_socket = self.tls_context.wrap_socket(sock, server_hostname=self.host)


def media_type(content_type: str) -> tuple[str, str]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    kind, _, parameters = content_type.partition(";")
    charset = ""
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def type_allowed(kind: str) -> bool:
    return kind in ALLOWED_TYPES or kind.endswith(("+json", "+xml"))


def remaining(deadline: float, target: Target) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchFailed(f"{target.url} ran out of time (the whole fetch has one time limit)", url=target.url)
    return left


def read_body(response: http.client.HTTPResponse, sock: socket.socket, target: Target, deadline: float, max_bytes: int) -> bytes:
    declared = response.getheader("Content-Length") or ""
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchTooLarge(f"{target.url} is {declared} bytes, over the {max_bytes}-byte limit", url=target.url)
    chunks: list[bytes] = []
    size = 0
    while True:
        # Each read may wait only for what is left of the whole fetch's time (the response keeps the
        # socket after the connection hands it over, so the timeout is set on the socket itself).
        sock.settimeout(remaining(deadline, target))
        chunk = response.read1(CHUNK_SIZE)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchTooLarge(f"{target.url} sent more than {max_bytes} bytes", url=target.url)
        chunks.append(chunk)


def request_once(target: Target, deadline: float, tls_context: ssl.SSLContext | None, max_bytes: int) -> FetchedPage | str:
    """One request: the page, or the URL a redirect points to."""
    address = resolve(target, deadline)
    timeout = remaining(deadline, target)
    if target.scheme == "https":
        connection: PinnedHTTPConnection | PinnedHTTPSConnection = PinnedHTTPSConnection(
            target, address, timeout, tls_context or ssl.create_default_context()
        )
    else:
        connection = PinnedHTTPConnection(target, address, timeout)
    response: http.client.HTTPResponse | None = None
    try:
        connection.putrequest("GET", target.path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", target.host_header)
        connection.putheader("User-Agent", settings.JOB_SOURCE_USER_AGENT)
        connection.putheader("Accept", ACCEPT)
        connection.putheader("Accept-Encoding", "identity")
        connection.putheader("Connection", "close")
        connection.endheaders()
        response = connection.getresponse()
        if response.status in REDIRECT_STATUSES:
            location = response.getheader("Location")
            if not location:
                raise FetchFailed(f"{response.status} redirect without a Location from {target.url}", url=target.url)
            return urljoin(target.url, location.strip())
        if response.status >= 400:
            raise FetchFailed(f"{response.status} from {target.url}", url=target.url)
        kind, charset = media_type(response.getheader("Content-Type") or "")
        if not type_allowed(kind):
            raise FetchWrongType(f"{target.url} is {kind or 'of no stated type'}, not HTML, JSON or XML", url=target.url)
        body = read_body(response, connection.pinned_socket, target, deadline, max_bytes)
        return FetchedPage(url=target.url, status=response.status, content_type=kind, charset=charset, body=body)
    except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out, TLS failures, bad responses
        raise FetchFailed(f"{target.url} could not be fetched: {type(exc).__name__}: {exc}", url=target.url) from None
    finally:
        if response is not None:
            response.close()
        connection.close()


def fetch_url(
    url: str,
    *,
    timeout: float = TOTAL_SECONDS,
    max_bytes: int = MAX_BYTES,
    tls_context: ssl.SSLContext | None = None,
) -> FetchedPage:
    """GET `url` under the rules above; a FetchRefused, FetchFailed, FetchTooLarge or FetchWrongType otherwise.

    `tls_context` replaces the system's trust store (tests pass one that trusts their own CA).
    """
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        outcome = request_once(parse_target(current), deadline, tls_context, max_bytes)
        if isinstance(outcome, FetchedPage):
            return outcome
        current = outcome
    raise FetchFailed(f"{url} redirected more than {MAX_REDIRECTS} times", url=url)
