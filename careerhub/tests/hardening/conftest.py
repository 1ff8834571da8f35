"""Fixtures of the hardening suites.

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
