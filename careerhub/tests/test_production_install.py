"""A production install starts every entry point.

The Docker image installs requirements.txt and nothing else. Here a fresh virtualenv gets exactly
that (pip may take wheels from its cache), and each entry point starts from it with production
settings against the PostgreSQL and Redis the test command started: gunicorn answers `/health`
(and is ready), the Celery worker answers a ping, Celery beat logs its start. Each is stopped by
its PID. A runtime dependency that only a test package brings in (kombu's `packaging`, once)
fails here instead of in production.

Every entry point has a row in ENTRY_POINTS: web, worker, beat, the MCP server and the inbox's SMTP receiver.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from careerhub.testing import needs_real_services, test_database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db, needs_real_services(), pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 90
STOP_SECONDS = 20
# The entry points' broker and cache: a Redis database of their own, so nothing they publish
# reaches the workers other tests start.
REDIS_DATABASE = 12


@pytest.fixture(scope="module")
def production_bin(tmp_path_factory) -> Path:
    """The bin/ of a new virtualenv holding requirements.txt and nothing else."""
    venv = tmp_path_factory.mktemp("production-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", "-r", str(ROOT / "requirements.txt")],
        capture_output=True, text=True, timeout=800,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return venv / "bin"


@dataclass
class Running:
    process: subprocess.Popen
    log: Path
    env: dict[str, str]
    bin: Path
    port: int
    name: str

    def log_lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines() if self.log.exists() else []


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


def web_ready(running: Running) -> bool:
    try:
        return _get(f"http://127.0.0.1:{running.port}/health")[0] == 200
    except OSError:
        return False


def worker_ready(running: Running) -> bool:
    # `celery inspect ping` from the same install: the worker answers on the broker.
    ping = subprocess.run(
        [str(running.bin / "celery"), "-A", "careerhub", "inspect", "ping", "-d", running.name, "--timeout", "3"],
        cwd=str(ROOT), env=running.env, capture_output=True, text=True, timeout=60,
    )
    return ping.returncode == 0 and "pong" in ping.stdout


def smtp_ready(running: Running) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", running.port), timeout=3) as connection:
            return connection.recv(512).startswith(b"220")
    except OSError:
        return False


def beat_ready(running: Running) -> bool:
    return any("beat: Starting" in line for line in running.log_lines())


@dataclass(frozen=True)
class EntryPoint:
    command: Callable[[Running], list[str]]
    ready: Callable[[Running], bool]


ENTRY_POINTS = {
    # The Dockerfile's command, on a free loopback port.
    "web": EntryPoint(
        lambda r: [str(r.bin / "gunicorn"), "-c", "python:careerhub.gunicorn_config", "careerhub.wsgi:application",
                   "--bind", f"127.0.0.1:{r.port}"],
        web_ready,
    ),
    "worker": EntryPoint(
        lambda r: [str(r.bin / "celery"), "-A", "careerhub", "worker", "--loglevel", "INFO", "--concurrency", "1",
                   "--without-gossip", "--without-mingle", "-n", r.name],
        worker_ready,
    ),
    # --quiet: beat prints its banner to stdout before any logging is set up (docker-compose.yml passes it too).
    "beat": EntryPoint(
        lambda r: [str(r.bin / "celery"), "--quiet", "-A", "careerhub", "beat", "--loglevel", "INFO",
                   "--schedule", str(r.log.parent / "celerybeat-schedule"), "--pidfile", str(r.log.parent / "beat.pid")],
        beat_ready,
    ),
    # The MCP server's ASGI app (docker-compose.yml's `mcp`), which serves the API beside /mcp;
    # warnings only, so uvicorn's own plain-text start-up lines stay out of the JSON log.
    "mcp": EntryPoint(
        lambda r: [str(r.bin / "uvicorn"), "careerhub.asgi:application", "--host", "127.0.0.1", "--port", str(r.port),
                   "--no-access-log", "--log-level", "warning"],
        web_ready,
    ),
    # The inbox's forwarding receiver (docker-compose.yml's `inbox-smtp`).
    "inbox-smtp": EntryPoint(
        lambda r: [str(r.bin / "python"), "manage.py", "inbox_smtpd", "--host", "127.0.0.1", "--port", str(r.port)],
        smtp_ready,
    ),
}


def production_environment(bin_dir: Path, tmp_path: Path) -> dict[str, str]:
    redis = urlunsplit(urlsplit(settings.REDIS_URL)._replace(path=f"/{REDIS_DATABASE}"))
    return {
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "careerhub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": redis,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@pytest.fixture
def start(production_bin, tmp_path):
    """start(name) → the entry point running from the production install, once it is ready."""
    started: list[subprocess.Popen] = []
    env = production_environment(production_bin, tmp_path)

    def run(name: str) -> Running:
        from careerhub.tests.hardening.stack import free_port

        entry = ENTRY_POINTS[name]
        log = tmp_path / f"{name}.log"
        running = Running(None, log, env, production_bin, free_port(), f"production-{secrets.token_hex(4)}@localhost")  # type: ignore[arg-type]
        with open(log, "wb") as output:
            running.process = subprocess.Popen(entry.command(running), cwd=str(ROOT), env=env, stdout=output, stderr=subprocess.STDOUT)
        started.append(running.process)
        deadline = time.monotonic() + START_SECONDS
        while not entry.ready(running):
            if running.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{name} did not start (exit {running.process.poll()}):\n" + "\n".join(running.log_lines()[-40:]))
            time.sleep(0.3)
        return running

    yield run
    for process in started:
        stop(process)
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    client.flushdb()
    client.close()


def test_requirements_txt_alone_imports_what_the_worker_needs(production_bin):
    # kombu's Redis transport imports `packaging`, which kombu declares only in an extra
    result = subprocess.run(
        [str(production_bin / "python"), "-c", "import kombu.transport.redis, gunicorn, celery, django"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_each_entry_point_starts_from_requirements_txt_alone(start, name):
    running = start(name)

    assert running.process.poll() is None
    # and it logs one JSON object per line (LOG_FORMAT=json), Celery's banner left out
    assert [line for line in running.log_lines() if line and not line.startswith("{")] == []


def test_the_production_web_server_is_ready_and_tags_its_answers_and_logs_with_the_request_id(start):
    web = start("web")
    base = f"http://127.0.0.1:{web.port}"

    status, headers, report = _get(f"{base}/health/ready", {"X-Request-ID": "deploy-check-1"})

    assert status == 200, report
    assert {name: check["status"] for name, check in report["checks"].items()} == dict.fromkeys(
        ["database", "cache", "broker", "file_store"], "ok"
    )
    assert report["checks"]["broker"]["detail"] == "redis"
    assert headers["X-Request-ID"] == "deploy-check-1"
    time.sleep(0.2)  # the access line is written once the answer has gone out
    access = [json.loads(line) for line in web.log_lines() if '"careerhub.access"' in line]
    assert [(entry["path"], entry["status"], entry["request_id"]) for entry in access if entry["request_id"] == "deploy-check-1"] == [
        ("/health/ready", 200, "deploy-check-1")
    ]
