"""Fixtures for the profiles tests: private file storage on disk, and a real S3 server (SeaweedFS)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

WEED = Path(sys.executable).parent / "weed"
S3_ACCESS_KEY = "careerhub-test"
S3_SECRET_KEY = "careerhub-test-secret"
S3_BUCKET = "careerhub-test"
STARTUP_SECONDS = 30


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    """Every test stores files in its own directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SeaweedFS:
    endpoint_url: str
    bucket: str
    access_key: str
    secret_key: str

    def client(self, access_key: str | None = None, secret_key: str | None = None):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=access_key or self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4", retries={"max_attempts": 1}),
        )


def _wait_until_ready(process: subprocess.Popen, server: SeaweedFS, log_path: Path) -> None:
    """Ready once the bucket can be created (the S3 port opens before the filer is up)."""
    from botocore.exceptions import BotoCoreError, ClientError

    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"weed mini exited with {process.returncode}: {log_path.read_text()[-2000:]}")
        try:
            server.client().create_bucket(Bucket=S3_BUCKET)
            return
        except (BotoCoreError, ClientError) as exc:
            if isinstance(exc, ClientError) and exc.response["Error"]["Code"] in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"SeaweedFS did not become ready: {exc!r}") from exc
            time.sleep(0.1)


@pytest.fixture(scope="session")
def seaweedfs():
    """`weed mini` (master, volume, filer and S3 in one process) on free loopback ports.

    Started with credentials, so anonymous requests are refused like on a private bucket.
    Stopped by its PID when the session ends.
    """
    import os

    data_dir = tempfile.mkdtemp(prefix="careerhub-seaweedfs-")
    s3_port = _free_port()
    ports = {name: _free_port() for name in (
        "s3.port.grpc", "master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
        "filer.port", "filer.port.grpc", "admin.port", "admin.port.grpc",
    )}
    command = [
        str(WEED), "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-s3.port={s3_port}",
        "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false",
        *[f"-{name}={port}" for name, port in ports.items()],
    ]
    env = {**os.environ, "AWS_ACCESS_KEY_ID": S3_ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": S3_SECRET_KEY}
    log_path = Path(data_dir) / "weed.log"
    server = SeaweedFS(f"http://127.0.0.1:{s3_port}", S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY)
    try:
        with open(log_path, "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
            try:
                _wait_until_ready(process, server, log_path)
                yield server
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def s3_storage(settings, seaweedfs):
    """Django's default storage on the SeaweedFS bucket through django-storages, as in production."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    settings.AWS_STORAGE_BUCKET_NAME = seaweedfs.bucket
    settings.AWS_S3_ENDPOINT_URL = seaweedfs.endpoint_url
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_ACCESS_KEY_ID = seaweedfs.access_key
    settings.AWS_SECRET_ACCESS_KEY = seaweedfs.secret_key
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = True
    settings.AWS_QUERYSTRING_EXPIRE = 300
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_S3_SIGNATURE_VERSION = "s3v4"
    return seaweedfs
