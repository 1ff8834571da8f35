"""The safe fetcher, against listeners on loopback addresses only.

Every refusal is proved against a canary listener that must receive nothing: the fetcher
decides before it connects. Reaching a loopback listener on purpose takes
URL_FETCH_ALLOWED_HOSTS, as a test (or an on-premise board) needs.
"""

import time

import pytest

from jobs.fetching import FetchedPage, FetchFailed, FetchRefused, FetchTooLarge, FetchWrongType, fetch_url


@pytest.fixture
def allowed(settings):
    """allowed("127.0.0.1:8000", ...): the hosts URL_FETCH_ALLOWED_HOSTS names."""

    def allow(*hosts):
        settings.URL_FETCH_ALLOWED_HOSTS = list(hosts)

    settings.URL_FETCH_ALLOWED_HOSTS = []
    return allow


def board_host(board) -> str:
    return board.url.removeprefix("http://")


# --- Addresses refused before connecting -----------------------------------------------------


@pytest.mark.parametrize(
    "host, url",
    [
        ("127.0.0.1", "http://127.0.0.1:{port}/"),
        ("127.0.0.2", "http://127.0.0.2:{port}/jobs"),
        ("::1", "http://[::1]:{port}/"),
        ("127.0.0.1", "http://[::ffff:127.0.0.1]:{port}/"),
        ("127.0.0.1", "http://localhost:{port}/"),
        ("127.0.0.1", "http://LOCALHOST.:{port}/"),
        ("127.0.0.1", "https://127.0.0.1:{port}/"),
    ],
)
def test_a_loopback_address_is_refused_and_never_connected_to(canary, allowed, host, url):
    # given a listener on a loopback address, and no host allowed
    listener = canary(host)
    # when
    with pytest.raises(FetchRefused, match="loopback"):
        fetch_url(url.format(port=listener.port))
    # then
    time.sleep(0.1)
    assert listener.connections == 0


def test_a_name_that_resolves_to_a_refused_address_is_refused(canary, allowed, resolver):
    # given a public-looking name whose DNS answers a loopback address
    listener = canary("127.0.0.1")
    resolver({"jobs.example.com": ["127.0.0.1"]})
    # when
    with pytest.raises(FetchRefused, match=r"jobs\.example\.com is a loopback address \(127\.0\.0\.1\)"):
        fetch_url(f"http://jobs.example.com:{listener.port}/")
    # then
    assert listener.connections == 0


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:70/", "javascript:alert(1)", "//127.0.0.1/", "jobs"],
)
def test_only_http_and_https_are_fetched(allowed, url):
    with pytest.raises(FetchRefused, match="Only http and https"):
        fetch_url(url)


def test_a_url_with_credentials_is_refused(board, allowed):
    # given an allowed host
    allowed(board_host(board))
    # when / then
    with pytest.raises(FetchRefused, match="credentials"):
        fetch_url(f"http://user:secret@{board_host(board)}/")
    assert board.requests == []


# --- Redirects --------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/", "http://localhost:{port}/", "http://[::ffff:127.0.0.1]:{port}/"])
def test_a_redirect_to_a_refused_address_is_refused(board, canary, allowed, target):
    # given an allowed board that redirects to a loopback listener on another port
    listener = canary("127.0.0.1")
    allowed(board_host(board))
    board.route("/job", "", status=302, headers={"Location": target.format(port=listener.port)})
    # when
    with pytest.raises(FetchRefused, match="loopback"):
        fetch_url(f"{board.url}/job")
    # then the board was asked, the redirect's target never
    assert board.paths() == ["/job"]
    assert listener.connections == 0


def test_redirects_are_followed_up_to_three(board, allowed):
    # given three redirects, then the page
    allowed(board_host(board))
    board.route("/a", "", status=301, headers={"Location": "/b"})
    board.route("/b", "", status=302, headers={"Location": f"{board.url}/c"})
    board.route("/c", "", status=307, headers={"Location": "/page?x=1"})
    board.route("/page?x=1", "<html>job</html>", content_type="text/html; charset=utf-8")
    # when
    page = fetch_url(f"{board.url}/a")
    # then
    assert isinstance(page, FetchedPage)
    assert (page.url, page.status, page.content_type, page.charset, page.text) == (
        f"{board.url}/page?x=1", 200, "text/html", "utf-8", "<html>job</html>",
    )


def test_a_fourth_redirect_is_not_followed(board, allowed):
    allowed(board_host(board))
    for step in "abcd":
        board.route(f"/{step}", "", status=302, headers={"Location": f"/{chr(ord(step) + 1)}"})
    board.route("/e", "<html>too far</html>", content_type="text/html")
    with pytest.raises(FetchFailed, match="redirected more than 3 times"):
        fetch_url(f"{board.url}/a")
    assert "/e" not in board.paths()


# --- The allow-list ---------------------------------------------------------------------------


def test_an_allowed_host_and_port_is_fetched_and_another_port_of_it_is_not(board, canary, allowed):
    # given the board's host:port allowed
    listener = canary("127.0.0.1")
    allowed(board_host(board))
    board.route("/jobs.json", '{"jobs": []}')
    # then it is fetched
    assert fetch_url(f"{board.url}/jobs.json").body == b'{"jobs": []}'
    # and the same address on another port is not
    with pytest.raises(FetchRefused):
        fetch_url(f"http://127.0.0.1:{listener.port}/")
    assert listener.connections == 0


def test_an_allowed_host_without_a_port_is_allowed_on_any_port(board, allowed):
    allowed("localhost")
    board.route("/x", "<html></html>", content_type="text/html")
    port = board.url.rsplit(":", 1)[1]
    assert fetch_url(f"http://localhost:{port}/x").status == 200


# --- Resolved once, connected by address -------------------------------------------------------


def test_the_host_is_resolved_once_and_the_connection_goes_to_that_address(board, canary, allowed, resolver):
    # given a name allowed, whose DNS answers the board first and a canary on any later lookup (rebinding)
    listener = canary("127.0.0.2")
    port = int(board.url.rsplit(":", 1)[1])
    allowed("board.test")
    resolver({"board.test": ["127.0.0.1", "127.0.0.2"]})
    board.route("/page", "<html>real</html>", content_type="text/html")
    # when (the canary listens on another port: a second lookup would send the request nowhere useful)
    page = fetch_url(f"http://board.test:{port}/page")
    # then one lookup, the board answered, and the request named the host
    assert page.text == "<html>real</html>"
    assert resolver.lookups == ["board.test"]
    assert board.requests[0]["headers"]["Host"] == f"board.test:{port}"
    assert listener.connections == 0


def test_https_connects_to_the_pinned_address_and_verifies_the_certificate_for_the_host(tls_board, allowed, resolver):
    # given an HTTPS board whose certificate names board.test, reached through the pinned address
    server = tls_board(["board.test"])
    allowed("board.test")
    resolver({"board.test": ["127.0.0.1"]})
    # when
    page = fetch_url(f"https://board.test:{server.port}/secure", tls_context=server.client_context)
    # then TLS sent the host name (SNI), the certificate was verified for it, and Host names it too
    assert page.text == "<html><title>secure</title></html>"
    assert server.server_names == ["board.test"]
    assert server.requests[0]["headers"]["Host"] == f"board.test:{server.port}"


def test_https_refuses_a_certificate_for_another_host(tls_board, allowed, resolver):
    # given a board whose certificate is for another name
    server = tls_board(["other.test"])
    allowed("board.test")
    resolver({"board.test": ["127.0.0.1"]})
    # when / then
    with pytest.raises(FetchFailed, match="SSLCertVerificationError"):
        fetch_url(f"https://board.test:{server.port}/", tls_context=server.client_context)
    assert server.requests == []


# --- Size, type, time, status -------------------------------------------------------------------


def test_a_body_announced_over_two_megabytes_is_refused(board, allowed):
    allowed(board_host(board))
    board.route("/big", b"x" * (2 * 1024 * 1024 + 1), content_type="text/html")
    with pytest.raises(FetchTooLarge, match="over the 2097152-byte limit"):
        fetch_url(f"{board.url}/big")


def test_a_body_that_grows_past_the_cap_without_announcing_it_is_cut_off(raw_board, allowed):
    # given a board that sends no Content-Length and more than the cap
    server = raw_board(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n", b"<html>" + b"y" * (2 * 1024 * 1024 + 10), pieces=40)
    allowed(f"127.0.0.1:{server.port}")
    # when / then
    with pytest.raises(FetchTooLarge, match="sent more than 2097152 bytes"):
        fetch_url(f"http://127.0.0.1:{server.port}/stream")


def test_a_board_that_trickles_its_body_is_cut_off_at_the_time_limit(raw_board, allowed):
    # given a board that sends a byte every 0.2 s: each read is quick, the whole is not
    server = raw_board(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n", b"<html>" + b"z" * 50, pieces=56, pause=0.2)
    allowed(f"127.0.0.1:{server.port}")
    # when
    started = time.monotonic()
    with pytest.raises(FetchFailed):
        fetch_url(f"http://127.0.0.1:{server.port}/", timeout=1.0)
    # then it stopped at the limit for the whole fetch, not at a per-read one
    assert 0.9 < time.monotonic() - started < 2


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/octet-stream", "text/plain", ""])
def test_only_html_json_and_xml_are_read(board, allowed, content_type):
    allowed(board_host(board))
    board.route("/file", b"\x89PNG....", content_type=content_type)
    with pytest.raises(FetchWrongType, match="not HTML, JSON or XML"):
        fetch_url(f"{board.url}/file")


@pytest.mark.parametrize(
    "content_type", ["text/html", "application/xhtml+xml", "application/json", "application/ld+json", "application/xml", "text/xml", "application/rss+xml"]
)
def test_html_json_and_xml_pages_are_read(board, allowed, content_type):
    allowed(board_host(board))
    board.route("/page", "<x/>", content_type=content_type)
    assert fetch_url(f"{board.url}/page").body == b"<x/>"


def test_the_whole_fetch_has_one_time_limit(board, allowed):
    # given a board that answers after the time limit
    allowed(board_host(board))
    board.route("/slow", "<html></html>", content_type="text/html", delay=5)
    # when
    started = time.monotonic()
    with pytest.raises(FetchFailed):
        fetch_url(f"{board.url}/slow", timeout=0.5)
    # then it gave up at the limit
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_an_error_status_is_a_failed_fetch(board, allowed, status):
    allowed(board_host(board))
    board.route("/gone", "<html>no</html>", status=status, content_type="text/html")
    with pytest.raises(FetchFailed, match=f"{status} from"):
        fetch_url(f"{board.url}/gone")


def test_a_closed_port_is_a_failed_fetch(canary, allowed):
    # given an allowed address where nothing listens any more
    listener = canary("127.0.0.1")
    port = listener.port
    listener.stop()
    allowed(f"127.0.0.1:{port}")
    with pytest.raises(FetchFailed, match="could not be fetched"):
        fetch_url(f"http://127.0.0.1:{port}/")


def test_each_error_names_its_code(allowed):
    with pytest.raises(FetchRefused) as refused:
        fetch_url("http://127.0.0.1/")
    assert refused.value.code == "url_refused"
    assert (FetchFailed.code, FetchTooLarge.code, FetchWrongType.code) == ("fetch_failed", "fetch_too_large", "fetch_wrong_type")
