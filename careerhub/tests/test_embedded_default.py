"""`make run`'s steps on nothing but the embedded default: no PostgreSQL, no Redis, no var/ directory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from careerhub.tests.hardening.stack import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_migrate_bootstrap_and_runserver_work_from_nothing(tmp_path):
    # given the embedded default (SQLite, local-memory cache, in-process tasks) in a var/ that does not exist
    var = tmp_path / "var"
    env = {
        key: value for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"} and not key.startswith("DJANGO_")
    }
    env.update(DJANGO_SETTINGS_MODULE="careerhub.settings.base", DATABASE_URL=f"sqlite:///{var}/careerhub.sqlite3",
               MEDIA_ROOT=str(var / "media"), PYTHONUNBUFFERED="1")

    def manage(*args: str) -> None:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr

    # when `make run`'s steps run
    manage("migrate", "--noinput")
    manage("bootstrap")
    port = free_port()
    log = tmp_path / "runserver.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=str(ROOT), env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, root = _get(f"http://127.0.0.1:{port}/api/v1/")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.2)
        ready_status, ready = _get(f"http://127.0.0.1:{port}/health/ready")
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    # then the API answers its root and is ready, on the embedded default's parts
    assert status == 200 and root["name"] == "careerhub API"
    assert ready_status == 200, ready
    assert {name: check["detail"].split(" ")[0] for name, check in ready["checks"].items()} == {
        "database": "sqlite", "cache": "local", "broker": "memory", "file_store": "disk",
    }
    # and the bootstrap made the media directory
    assert (var / "media").is_dir()
