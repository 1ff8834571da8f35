"""Fixtures for the jobs tests: a local job-board server, sources pointed at it, and `make_job`."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from jobs.tests import factories

PAYLOADS = Path(__file__).parent / "payloads"


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


class BoardServer:
    """Job boards on 127.0.0.1: `route(path, ...)` says what a path answers; unknown paths are 404.

    Every request is recorded in `requests` (path and headers).
    """

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[dict] = []
        self._server: ThreadingHTTPServer | None = None
        self._release = threading.Event()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, path: str, body: bytes | str = b"", *, status: int = 200, content_type: str = "application/json", headers=None, delay: float = 0.0):
        self.routes[path] = Route(status, body.encode() if isinstance(body, str) else body, content_type, headers or {}, delay)

    def paths(self) -> list[str]:
        return [request["path"] for request in self.requests]

    def start(self) -> BoardServer:
        board = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                board.requests.append({"path": self.path, "headers": dict(self.headers)})
                route = board.routes.get(self.path) or Route(404, b'{"error": "Not Found"}')
                if route.delay:
                    # Holds the connection open past the client's timeout; released at teardown.
                    board._release.wait(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@pytest.fixture
def board():
    server = BoardServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def sources_on_the_local_board(board, settings):
    """Every source points at the local board: no test ever reaches a real job site."""
    settings.REMOTEOK_API_URL = f"{board.url}/remoteok/api"
    settings.WWR_FEED_URLS = [f"{board.url}/wwr/remote-jobs.rss"]
    settings.GREENHOUSE_API_URL = f"{board.url}/greenhouse/v1"
    settings.GREENHOUSE_BOARDS = ["acme"]
    settings.LEVER_API_URL = f"{board.url}/lever/v0"
    settings.LEVER_SITES = ["pied-piper"]
    settings.ASHBY_API_URL = f"{board.url}/ashby"
    settings.ASHBY_BOARDS = ["lumen"]
    settings.WORKABLE_API_URL = f"{board.url}/workable"
    settings.WORKABLE_ACCOUNTS = ["quill"]
    settings.SMARTRECRUITERS_API_URL = f"{board.url}/smartrecruiters"
    settings.SMARTRECRUITERS_COMPANIES = ["Northwind"]
    settings.RECRUITEE_API_URL = f"{board.url}/recruitee/{{company}}"
    settings.RECRUITEE_COMPANIES = ["tallyho"]
    settings.PERSONIO_API_URL = f"{board.url}/personio/{{company}}"
    settings.PERSONIO_COMPANIES = ["bergwerk"]
    settings.HN_API_URL = f"{board.url}/hn/api/v1"
    settings.REMOTIVE_API_URL = f"{board.url}/remotive/api/remote-jobs"
    settings.ARBEITNOW_API_URL = f"{board.url}/arbeitnow/api/job-board-api"
    settings.HIMALAYAS_API_URL = f"{board.url}/himalayas/jobs/api"
    settings.JOBICY_API_URL = f"{board.url}/jobicy/api/v2/remote-jobs"
    settings.JOB_SOURCES = ["remoteok", "weworkremotely", "greenhouse", "lever"]
    settings.JOB_SOURCE_TIMEOUT_SECONDS = 0.5
    return board


@pytest.fixture
def all_boards_serving(board):
    """Each board answers with its recorded-shape payload."""
    board.route("/remoteok/api", payload("remoteok.json"))
    board.route("/wwr/remote-jobs.rss", payload("wwr.rss"), content_type="application/rss+xml")
    board.route("/greenhouse/v1/boards/acme/jobs?content=true", payload("greenhouse_acme.json"))
    board.route("/lever/v0/postings/pied-piper?mode=json", payload("lever_pied-piper.json"))
    return board


# What each of the ten newer sources asks the local board, and the recorded-shape payload it gets.
NEW_SOURCE_PAGES: dict[str, list[tuple[str, str]]] = {
    "ashby": [("/ashby/posting-api/job-board/lumen?includeCompensation=true", "ashby_lumen.json")],
    "workable": [("/workable/api/v1/widget/accounts/quill?details=true", "workable_quill.json")],
    "smartrecruiters": [
        ("/smartrecruiters/v1/companies/Northwind/postings?limit=100&offset=0", "smartrecruiters_northwind_page1.json"),
        ("/smartrecruiters/v1/companies/Northwind/postings?limit=100&offset=100", "smartrecruiters_northwind_page2.json"),
    ],
    "recruitee": [("/recruitee/tallyho/api/offers/", "recruitee_tallyho.json")],
    "personio": [("/personio/bergwerk/xml?language=en", "personio_bergwerk.xml")],
    "hackernews": [
        ("/hn/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=20", "hn_whoishiring_stories.json"),
        ("/hn/api/v1/search_by_date?tags=comment,story_4242&hitsPerPage=500&page=0", "hn_whoishiring_comments_page0.json"),
        ("/hn/api/v1/search_by_date?tags=comment,story_4242&hitsPerPage=500&page=1", "hn_whoishiring_comments_page1.json"),
    ],
    "remotive": [("/remotive/api/remote-jobs", "remotive.json")],
    "arbeitnow": [
        ("/arbeitnow/api/job-board-api?page=1", "arbeitnow_page1.json"),
        ("/arbeitnow/api/job-board-api?page=2", "arbeitnow_page2.json"),
    ],
    "himalayas": [
        ("/himalayas/jobs/api?limit=20&offset=0", "himalayas_page1.json"),
        ("/himalayas/jobs/api?limit=20&offset=20", "himalayas_page2.json"),
    ],
    "jobicy": [("/jobicy/api/v2/remote-jobs?count=50", "jobicy.json")],
}


@pytest.fixture
def new_boards_serving(board):
    """Each of the ten newer sources' boards answers every page with its recorded-shape payload."""
    for pages in NEW_SOURCE_PAGES.values():
        for path, name in pages:
            board.route(path, payload(name), content_type="application/xml" if name.endswith(".xml") else "application/json")
    return board


@pytest.fixture
def make_job(db):
    """make_job(**fields) → a Job with its matching features (jobs.tests.factories.job)."""
    return factories.job


class SmtpInbox:
    """What a local SMTP server (aiosmtpd) received; `refuse(n)` makes it answer the next n messages 451."""

    def __init__(self):
        self.messages: list = []
        self._refusals = 0
        self._lock = threading.Lock()

    def refuse(self, times: int) -> None:
        with self._lock:
            self._refusals = times

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self._refusals:
                self._refusals -= 1
                return "451 4.3.0 Mailbox busy, try again later"
            self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def parsed(self) -> list:
        """The received messages as email.message.EmailMessage objects."""
        from email import policy
        from email.parser import BytesParser

        with self._lock:
            return [BytesParser(policy=policy.default).parsebytes(envelope.content) for envelope in self.messages]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port, Django's mail going to it over SMTP; stopped at teardown."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield inbox
    finally:
        controller.stop()
