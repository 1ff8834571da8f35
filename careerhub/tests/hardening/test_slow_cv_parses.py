"""Hostile CVs never hold the web server (issue 15 item 2).

Found from outside: a PDF of 50 pages sharing one compressed stream and a 10 MB junk `%PDF` file
each occupied a web worker for 12–15 s while pdfminer read them, and eight such uploads at once
made `GET /health` take 14 s. Now the upload only stores the file; the text is read by the parse
task — on a Celery worker on the full stack, inside the request (with a lower time bound) on the
embedded default — and one CV per user is parsed at a time.

Both tests build the hostile files, send eight of them at once from eight users (and a second one
from one of them), and time `/health` while the parses run.
"""

from __future__ import annotations

import threading
import time

import pytest

from careerhub.testing import all_at_once
from careerhub.tests.hardening.stack import HttpClient, Response, wait_until
from profiles.tests.documents import make_junk_pdf, make_slow_pdf

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

USERS = 8
HEALTHY_SECONDS = 1.0
EMBEDDED_BOUND_SECONDS = 5
RECEIVE_SECONDS = 12
UNREADABLE = {"extraction_timeout", "document_too_complex", "unreadable"}
DOCUMENTS = [("pages.pdf", make_slow_pdf()), ("junk.pdf", make_junk_pdf())]


class HealthProbe:
    """GET /health every 0.2 s on its own thread, keeping when each was sent and how long it took."""

    def __init__(self, server: HttpClient):
        self.server = server
        self.timings: list[tuple[float, float]] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status = self.server.get("/health", timeout=30).status
            except OSError as exc:
                self.failures.append(repr(exc))
            else:
                self.timings.append((started, time.monotonic() - started))
                if status != 200:
                    self.failures.append(f"status {status}")
            self._stop.wait(0.2)

    def __enter__(self) -> HealthProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def _uploads(server: HttpClient, tokens: list[str]) -> list[tuple[str, Response]]:
    """Eight hostile CVs at once, one per user: (the user's token, the answer)."""
    turn = iter(range(USERS))
    lock = threading.Lock()

    def send() -> tuple[str, Response]:
        with lock:
            n = next(turn)
        name, data = DOCUMENTS[n % len(DOCUMENTS)]
        return tokens[n], server.upload("/api/v1/profile/cv", name, data, token=tokens[n])

    return all_at_once(send, USERS, timeout=120)


def _statuses(uploads) -> list[int]:
    return [answer.status for _, answer in uploads]


def _first_ended(server: HttpClient, uploads) -> Response | None:
    for token, answer in uploads:
        polled = server.get(answer.body["poll_url"], token=token)
        if polled.status != 202:
            return polled
    return None


def _assert_health_stayed_fast(probe: HealthProbe, *, since: float = 0.0) -> None:
    timings = [duration for started, duration in probe.timings if started >= since]
    assert probe.failures == [] and len(timings) >= 10, (probe.failures, len(timings))
    assert max(timings) < HEALTHY_SECONDS, sorted(timings)[-5:]


def test_on_the_full_stack_hostile_cvs_are_read_by_the_worker_and_health_stays_fast(stack):
    # given a worker, and eight users
    stack.start_worker()
    tokens = [stack.register()[1] for _ in range(USERS)]

    with HealthProbe(stack) as probe:
        # when each sends a hostile CV at the same moment
        uploads = _uploads(stack, tokens)

        # then each upload is answered as soon as it is stored, to be read by the worker (receiving
        # eight files, 40 MB, on two web workers takes a few seconds; reading them would take minutes)
        answered = time.monotonic()
        assert _statuses(uploads) == [202] * USERS, [answer.body for _, answer in uploads]
        assert max(answer.elapsed for _, answer in uploads) < RECEIVE_SECONDS, [answer.elapsed for _, answer in uploads]
        # and a second CV from a user whose first is still waiting or being read is refused at once
        token, _ = uploads[0]
        second = stack.upload("/api/v1/profile/cv", "again.pdf", DOCUMENTS[0][1], token=token)
        assert second.status == 409 and second.body["code"] == "cv_parse_in_progress", second.body

        # when the worker has read one (up to its time bound)
        ended = wait_until(lambda: _first_ended(stack, uploads), seconds=120, what="a parse to end", interval=0.5)

    # then reading it was stopped with a clear error, and while the worker read /health answered at once
    assert ended.status == 400 and ended.body["code"] in UNREADABLE, ended.body
    _assert_health_stayed_fast(probe, since=answered)


def test_on_the_embedded_default_hostile_cvs_are_stopped_at_the_lower_bound_and_health_stays_fast(embedded_server):
    # given careerhub as `make run` serves it (the parse runs in the request), and eight users
    careerhub = embedded_server("runserver")
    tokens = [careerhub.register()[1] for _ in range(USERS)]
    second: list[Response] = []

    def second_upload_while_reading() -> None:
        # once every upload is being read, the first user tries another
        wait_until(
            lambda: careerhub.sql("SELECT count(*) FROM profiles_cvupload WHERE status = 'processing'") == [(USERS,)],
            seconds=60, what="the uploads to be read", interval=0.05,
        )
        second.append(careerhub.upload("/api/v1/profile/cv", "again.pdf", DOCUMENTS[0][1], token=tokens[0]))

    meanwhile = threading.Thread(target=second_upload_while_reading)
    with HealthProbe(careerhub) as probe:
        # when each sends a hostile CV at the same moment
        meanwhile.start()
        uploads = _uploads(careerhub, tokens)
        meanwhile.join(timeout=60)

    # then each is stopped at the embedded default's bound (5 s) and answered with a clear error
    assert _statuses(uploads) == [400] * USERS, [answer.body for _, answer in uploads]
    assert {answer.body["code"] for _, answer in uploads} <= UNREADABLE
    assert max(answer.elapsed for _, answer in uploads) < EMBEDDED_BOUND_SECONDS + 7, [a.elapsed for _, a in uploads]
    # a second CV while the first was read was refused at once
    assert second and second[0].status == 409 and second[0].body["code"] == "cv_parse_in_progress"
    # and all the while /health answered at once
    _assert_health_stayed_fast(probe)
