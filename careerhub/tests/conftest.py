"""Fixtures of the platform's own tests."""

from __future__ import annotations

import pytest

from careerhub.testing import seaweedfs_server


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 server (SeaweedFS) for the session, stopped by its PID at the end."""
    with seaweedfs_server() as server:
        yield server
