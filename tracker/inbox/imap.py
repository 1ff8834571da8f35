"""Reading the user's own mailbox over IMAP (imaplib), under the safe fetcher's address rules.

The host is resolved once and every address it resolves to must be public
(`careerhub.network.refusal_reason`, lifted only by URL_FETCH_ALLOWED_HOSTS); the connection goes
to the checked address, so a second lookup that answers differently is never made. TLS still
verifies the certificate against the host's name. The folder is opened read-only and messages
are fetched with BODY.PEEK[], so reading marks nothing as seen.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

from careerhub.network import host_allowed, parse_address, refusal_reason

_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_UID = re.compile(rb"UID (\d+)")


class MailboxRefused(Exception):
    """The host is not one careerhub may connect to (a private address, say); not retried."""


class MailboxLoginFailed(Exception):
    """The server refused the username and password, or the folder; not retried."""


@dataclass(frozen=True)
class MailboxAccess:
    host: str
    port: int
    username: str
    password: str
    folder: str
    use_ssl: bool
    timeout: float


def mailbox_address(host: str, port: int) -> str:
    """The one address to connect to; MailboxRefused when the host, or any address it resolves to, is refused."""
    literal = parse_address(host)
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise MailboxRefused(f"{host} could not be resolved.") from exc
        addresses = [info[4][0] for info in infos]
    if not addresses:
        raise MailboxRefused(f"{host} could not be resolved.")
    if not host_allowed(host, port):
        for address in addresses:
            reason = refusal_reason(parse_address(address))
            if reason:
                raise MailboxRefused(f"{host} is a {reason} address ({address}); careerhub does not connect to it.")
    return addresses[0]


class _PinnedIMAP4(imaplib.IMAP4):
    """imaplib.IMAP4 connecting to an address checked beforehand."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        self.pinned_address = address
        super().__init__(host, port, timeout=timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        return socket.create_connection((self.pinned_address, self.port), timeout)


class _PinnedIMAP4SSL(imaplib.IMAP4_SSL):
    """imaplib.IMAP4_SSL connecting to an address checked beforehand, verifying the host's name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        self.pinned_address = address
        super().__init__(host, port, ssl_context=ssl.create_default_context(), timeout=timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        sock = socket.create_connection((self.pinned_address, self.port), timeout)
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host)


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class MailboxSession:
    """An open, selected folder: `uid_validity`, `uids_after(uid)`, `fetch(uid)`."""

    def __init__(self, connection: imaplib.IMAP4, uid_validity: int) -> None:
        self.connection = connection
        self.uid_validity = uid_validity

    def uids_after(self, last_uid: int) -> list[int]:
        # "n:*" always includes the highest UID, even below n: filter.
        status, data = self.connection.uid("search", None, f"UID {last_uid + 1}:*")
        if status != "OK":
            raise imaplib.IMAP4.error(f"SEARCH failed: {data!r}")
        return sorted(uid for uid in (int(token) for token in (data[0] or b"").split()) if uid > last_uid)

    def fetch(self, uid: int, max_bytes: int) -> bytes | None:
        """The raw message, or None when it is gone or larger than max_bytes."""
        status, data = self.connection.uid("fetch", str(uid), "(RFC822.SIZE)")
        size = _SIZE.search(data[0]) if status == "OK" and data and isinstance(data[0], bytes) else None
        if size is None or int(size.group(1)) > max_bytes:
            return None
        status, data = self.connection.uid("fetch", str(uid), "(BODY.PEEK[])")
        if status != "OK":
            raise imaplib.IMAP4.error(f"FETCH failed: {data!r}")
        for part in data:
            if isinstance(part, tuple) and len(part) == 2 and _UID.search(part[0]) is not None:
                return part[1]
        return None


@contextlib.contextmanager
def mailbox_open(access: MailboxAccess) -> Iterator[MailboxSession]:
    """Connect, log in and select the folder read-only (`with mailbox_open(access) as session:`)."""
    address = mailbox_address(access.host, access.port)
    kind = _PinnedIMAP4SSL if access.use_ssl else _PinnedIMAP4
    connection = kind(access.host, address, access.port, access.timeout)
    try:
        try:
            connection.login(access.username, access.password)
            status, data = connection.select(_quoted(access.folder), readonly=True)
        except imaplib.IMAP4.error as exc:
            raise MailboxLoginFailed(str(exc) or "The server refused the login.") from exc
        if status != "OK":
            raise MailboxLoginFailed(f"The folder {access.folder!r} could not be opened.")
        validity = connection.response("UIDVALIDITY")[1]
        yield MailboxSession(connection, int(validity[0]) if validity and validity[0] else 0)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            connection.logout()
