"""Fixtures of the hardening suites.

Every job source points at a closed port on loopback: a scrape a suite sets off (the world's
watched company, `POST /jobs/refresh`) never reaches a real job board.

`stack`: a whole careerhub (its own PostgreSQL, Redis and gunicorn, see stack.py) shared by
the fault-injection tests of a session. Every test gets it with all its services running, so
a test that stopped Redis or PostgreSQL and then failed cannot break the next one; the
Celery worker a test starts is stopped after it.

`embedded_server`: careerhub on the embedded default (a SQLite file, nothing else) served by a
real runserver or gunicorn process (embedded.py), stopped after the test.
"""

from __future__ import annotations

import pytest

from careerhub.tests.hardening.embedded import EmbeddedServer, migrated_sqlite
from careerhub.tests.hardening.stack import Stack

JOB_SOURCE_URL_SETTINGS = (
    "REMOTEOK_API_URL", "GREENHOUSE_API_URL", "LEVER_API_URL", "ASHBY_API_URL", "WORKABLE_API_URL",
    "SMARTRECRUITERS_API_URL", "RECRUITEE_API_URL", "PERSONIO_API_URL", "HN_API_URL", "REMOTIVE_API_URL",
    "ARBEITNOW_API_URL", "HIMALAYAS_API_URL", "JOBICY_API_URL",
)


@pytest.fixture(autouse=True)
def _job_sources_nowhere(settings):
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused at once
    for name in JOB_SOURCE_URL_SETTINGS:
        setattr(settings, name, f"{closed}/{name.lower()}")
    settings.WWR_FEED_URLS = [f"{closed}/wwr.rss"]


@pytest.fixture(scope="session")
def _stack_session():
    stack = Stack().start()
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def stack(_stack_session):
    _stack_session.ensure_running()
    yield _stack_session
    _stack_session.stop_worker()
    _stack_session.ensure_running()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite file the embedded servers of the session copy."""
    return migrated_sqlite(tmp_path_factory.mktemp("embedded-template"))


@pytest.fixture
def embedded_server(sqlite_template, tmp_path):
    """Start careerhub on the embedded default: `embedded_server("runserver" | "gunicorn", ...)`."""
    servers: list[EmbeddedServer] = []

    def start(server: str = "runserver", **options) -> EmbeddedServer:
        root = tmp_path / f"{server}-{len(servers)}"
        servers.append(EmbeddedServer(root=root, template=sqlite_template, server=server, **options))
        return servers[-1].start()

    yield start
    for server in servers:
        server.stop()
