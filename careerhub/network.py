"""Which network addresses careerhub may connect to on a user's behalf.

The safe fetcher (`jobs.fetching`, a URL a user gave) and the inbox's mailbox reader
(`tracker.inbox.imap`, a mail server a user named) connect only to public unicast addresses. Refused: loopback, private (RFC 1918, IPv6 unique-local),
link-local, multicast, unspecified, reserved and documentation ranges, shared address space
(CGNAT, 100.64.0.0/10) and the cloud metadata endpoints, in IPv4 and IPv6 alike. An IPv6
address that carries an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`, Teredo,
NAT64 `64:ff9b::/96`) is judged by the IPv4 address inside it too.

`URL_FETCH_ALLOWED_HOSTS` names hosts (`name` or `name:port`) that may be reached although they
resolve to a refused address (on-premise boards and mail servers; tests). It lifts the address
rule only.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = IPv4Address | IPv6Address

SHARED_ADDRESS_SPACE = ip_network("100.64.0.0/10")
NAT64_PREFIXES = (ip_network("64:ff9b::/96"), ip_network("64:ff9b:1::/48"))
# Instance metadata services: AWS/GCP/Azure/OpenStack (169.254.169.254), AWS over IPv6, Alibaba,
# Oracle, and Azure's wire server (a public address every Azure VM can reach).
METADATA_ADDRESSES = frozenset(
    ip_address(value)
    for value in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192", "168.63.129.16", "169.254.170.2")
)


def embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 one stands for, if it carries one."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if any(address in prefix for prefix in NAT64_PREFIXES):
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_reason(address: IPAddress) -> str | None:
    """Why careerhub must not connect to `address` ("loopback", "private", ...), or None for a public address."""
    if isinstance(address, IPv6Address):
        inner = embedded_ipv4(address)
        inner_reason = refusal_reason(inner) if inner is not None else None
        if inner_reason:
            return f"{inner_reason} (as IPv6)"
    checks = (
        (address in METADATA_ADDRESSES, "cloud metadata"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_unspecified, "unspecified"),
        (isinstance(address, IPv4Address) and address in SHARED_ADDRESS_SPACE, "shared (CGNAT)"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "not public"),
    )
    return next((reason for refused, reason in checks if refused), None)


def parse_address(text: str) -> IPAddress | None:
    """An IP address written as a host name ("127.0.0.1", "::1", "[::1]"), or None for a name."""
    try:
        return ip_address(text.strip("[]"))
    except ValueError:
        return None


def host_allowed(host: str, port: int) -> bool:
    """Whether URL_FETCH_ALLOWED_HOSTS names this host (any port) or this host:port."""
    host = host.rstrip(".").lower()
    for entry in settings.URL_FETCH_ALLOWED_HOSTS:
        parts = urlsplit(f"//{entry.strip().lower()}")
        try:
            entry_port = parts.port
        except ValueError:
            continue
        if (parts.hostname or "").rstrip(".") == host and entry_port in (None, port):
            return True
    return False
