"""The file store is checked (readiness) and prepared (bootstrap) on disk and on a real S3 server."""

from __future__ import annotations

import socket
import time
import uuid

import pytest
from django.core.management import call_command

from careerhub.file_store import FileStoreUnavailable, file_store_check, file_store_ensure


@pytest.fixture
def on_s3(settings, s3_server):
    """The default storage on a bucket of its own that does not exist yet."""
    bucket = f"careerhub-{uuid.uuid4().hex[:12]}"
    for name, value in s3_server.storage_settings(bucket).items():
        setattr(settings, name, value)
    return bucket


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_media_directory_that_does_not_exist_yet_can_still_take_files_and_bootstrap_creates_it(settings, tmp_path):
    # given a MEDIA_ROOT that does not exist (a fresh clone)
    settings.MEDIA_ROOT = str(tmp_path / "var" / "media")

    # then it is ready (the first upload would create it) and says so
    assert file_store_check() == f"disk {tmp_path}/var/media (created on the first upload)"

    # and the bootstrap step creates it, once
    call_command("ensure_file_store")
    assert (tmp_path / "var" / "media").is_dir()
    assert file_store_check() == f"disk {tmp_path}/var/media"
    assert file_store_ensure() == f"{tmp_path}/var/media exists."


def test_a_media_root_that_is_a_file_is_not_a_store(settings, tmp_path):
    (tmp_path / "media").write_text("not a directory")
    settings.MEDIA_ROOT = str(tmp_path / "media")

    with pytest.raises(FileStoreUnavailable, match="not a writable directory"):
        file_store_check()


def test_a_missing_bucket_is_not_ready_until_the_bootstrap_step_creates_it(on_s3, s3_server):
    # given S3 storage on a bucket that does not exist
    with pytest.raises(FileStoreUnavailable, match=f"S3 bucket {on_s3} does not exist"):
        file_store_check()

    # when the bootstrap step runs (twice: it is idempotent)
    call_command("ensure_file_store")
    assert file_store_ensure() == f"S3 bucket {on_s3} exists."

    # then the bucket exists and the store is ready
    assert on_s3 in [bucket["Name"] for bucket in s3_server.client().list_buckets()["Buckets"]]
    assert file_store_check() == f"s3 bucket {on_s3}"


def test_an_unreachable_s3_is_reported_within_seconds(on_s3, settings):
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{closed_port()}"

    started = time.monotonic()
    with pytest.raises(FileStoreUnavailable, match="S3 is unreachable"):
        file_store_check()
    assert time.monotonic() - started < 5


def test_wrong_credentials_are_reported_as_a_refusal(on_s3, settings):
    settings.AWS_SECRET_ACCESS_KEY = "not-the-secret"

    with pytest.raises(FileStoreUnavailable, match="S3 refused"):
        file_store_check()


@pytest.mark.django_db
def test_the_start_up_steps_create_a_missing_bucket(on_s3, s3_server):
    # given a fresh stack: S3 up, its bucket not created yet (as docker-compose.yml starts it)
    # when the release step runs the idempotent start-up steps
    call_command("bootstrap")

    # then uploads have somewhere to go
    assert file_store_check() == f"s3 bucket {on_s3}"
