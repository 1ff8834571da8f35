"""The root of the test suite: the fixtures every app shares are registered here.

Each app keeps the fixtures other apps use in `<app>/tests/fixtures.py` (listed below) and its
private ones in `<app>/tests/conftest.py`; rows are built with `<app>/tests/factories.py`.
"""

from __future__ import annotations

import contextlib

import pytest
from django.core.cache import cache

pytest_plugins = ["accounts.tests.fixtures", "careerhub.tests.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle histories and cached results never leak from one test into the next."""
    with contextlib.suppress(Exception):  # a fault-injection test may have stopped Redis
        cache.clear()
    yield
