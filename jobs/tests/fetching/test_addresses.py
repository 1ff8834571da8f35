"""The address classifier, on literals only: these ranges are never connected to, not even in tests."""

from ipaddress import ip_address

import pytest

from careerhub.network import refusal_reason


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456:789a::1", "private"),
        ("169.254.10.20", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("168.63.129.16", "cloud metadata"),
        ("192.0.0.192", "cloud metadata"),
        ("100.64.0.1", "shared (CGNAT)"),
        ("100.127.255.254", "shared (CGNAT)"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "private"),
        ("255.255.255.255", "private"),
        ("192.0.2.10", "private"),
        ("2001:db8::1", "private"),
        ("::ffff:127.0.0.1", "loopback (as IPv6)"),
        ("::ffff:10.1.2.3", "private (as IPv6)"),
        ("::ffff:169.254.169.254", "cloud metadata (as IPv6)"),
        ("2002:a9fe:a9fe::1", "cloud metadata (as IPv6)"),
        ("2002:7f00:1::1", "loopback (as IPv6)"),
        ("64:ff9b::a00:1", "private (as IPv6)"),
        ("64:ff9b::7f00:1", "loopback (as IPv6)"),
    ],
)
def test_an_address_inside_the_network_is_refused_with_its_reason(address, reason):
    assert refusal_reason(ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e"])
def test_a_public_address_is_allowed(address):
    assert refusal_reason(ip_address(address)) is None
