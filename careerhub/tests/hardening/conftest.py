"""Fixtures of the hardening suites.

`stack`: a whole careerhub (its own PostgreSQL, Redis and gunicorn, see stack.py) shared by
the fault-injection tests of a session. Every test gets it with all its services running, so
a test that stopped Redis or PostgreSQL and then failed cannot break the next one; the
Celery worker a test starts is stopped after it.
"""

from __future__ import annotations

import pytest

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
