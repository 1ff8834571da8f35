"""A whole careerhub on its own throwaway services, for fault injection.

`Stack` starts, as child processes of the test run, a PostgreSQL cluster (initdb + pg_ctl), a
redis-server, `manage.py migrate` against that database, gunicorn serving
`careerhub.wsgi:application` and, on demand, a Celery worker — all on free loopback ports and
in one temporary directory. Tests talk to gunicorn over HTTP and read the database directly, and
may stop and start Redis and PostgreSQL on the same ports, so the faults never touch the
PostgreSQL and Redis the rest of the suite shares.

Every process is stopped by its PID (PostgreSQL by the PID in its postmaster.pid, through
pg_ctl) when the stack stops, also when a test failed half-way.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

START_SECONDS = 60
STOP_SECONDS = 15
PASSWORD = "correct-horse-battery"
# Environment the stack's processes must never inherit from the test run (the suite's services).
_INHERITED_PREFIXES = (
    "DATABASE_URL", "REDIS_URL", "CELERY_", "ANTHROPIC_", "THROTTLE_", "CAREERHUB_TEST_", "PYTEST_", "TEST_MEDIA_ROOT",
    "DJANGO_SETTINGS_MODULE", "DB_CONN", "LLM_", "MATCH_", "AWS_",
)
RELAXED_THROTTLES = {
    f"THROTTLE_{scope.upper()}": "100000/minute"
    for scope in ("register", "login", "cv_upload", "job_parse", "match_refresh", "jobs_refresh", "generation")
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, *, seconds: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {seconds}s waiting for {what}")
        time.sleep(interval)


def stop_process(process: subprocess.Popen | None, *, sig: int = signal.SIGTERM) -> None:
    """Stop one child by its PID (SIGTERM, then SIGKILL if it lingers) and reap it."""
    if process is None or process.poll() is not None:
        return
    try:
        os.kill(process.pid, sig)
        process.wait(timeout=STOP_SECONDS)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: Any
    elapsed: float

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class HttpClient:
    """Requests to a careerhub server at `base_url` (JSON bodies, bearer tokens), and sign-up/sign-in."""

    base_url: str

    def request(
        self, method: str, path: str, body: Any = None, *, token: str | None = None, timeout: float = 15,
        content_type: str = "application/json",
    ) -> Response:
        data = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", content_type)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                status, headers, raw = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            status, headers, raw = error.code, error.headers, error.read()
        elapsed = time.monotonic() - started
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return Response(status, {k.lower(): v for k, v in headers.items()}, parsed, elapsed)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs) -> Response:
        return self.request("POST", path, body if body is not None else {}, **kwargs)

    def upload(self, path: str, filename: str, content: bytes, *, token: str, field_name: str = "file") -> Response:
        """POST one file as multipart/form-data."""
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", path, body, token=token, content_type=f"multipart/form-data; boundary={boundary}")

    def register(self, email: str | None = None) -> tuple[str, str]:
        """A new user through the API: (user id, access token)."""
        email = email or f"fault-{uuid.uuid4().hex[:10]}@example.com"
        answer = self.post("/api/v1/auth/register", {"email": email, "password": PASSWORD, "display_name": "Fault Tester"})
        assert answer.status == 201, (answer.status, answer.body)
        return str(answer.body["user"]["id"]), self.login(email)

    def login(self, email: str) -> str:
        answer = self.post("/api/v1/auth/login", {"email": email, "password": PASSWORD})
        assert answer.status == 200, (answer.status, answer.body)
        return answer.body["access_token"]


@dataclass
class Stack(HttpClient):
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="careerhub-faults-")))
    pg_port: int = field(default_factory=free_port)
    redis_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    gunicorn_workers: int = 2
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    worker_name: str = ""
    worker_log: str = ""  # the log of the last worker started (see tail)

    # --- Layout and environment -------------------------------------------------------------

    @property
    def pgdata(self) -> Path:
        return self.root / "pg"

    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.pg_port}/postgres"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def as_postgres(self) -> list[str]:
        # PostgreSQL refuses to run as root (as .ci/test does it).
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def env(self, **overrides: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(_INHERITED_PREFIXES)}
        env.update(
            DJANGO_SETTINGS_MODULE="careerhub.settings.base",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            CELERY_TASK_ALWAYS_EAGER="0",
            # Persistent connections, as in production: after a PostgreSQL restart they are
            # replaced thanks to CONN_HEALTH_CHECKS.
            DB_CONN_MAX_AGE="60",
            DB_CONNECT_TIMEOUT="3",
            MEDIA_ROOT=str(self.root / "media"),
            LOG_LEVEL="WARNING",
            ANTHROPIC_API_KEY="",
            PYTHONUNBUFFERED="1",
            **RELAXED_THROTTLES,
        )
        env.update(overrides)
        return env

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    def tail(self, name: str, chars: int = 4000) -> str:
        path = self.log(name)
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    # --- PostgreSQL --------------------------------------------------------------------------

    def _pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_postgres, "pg_ctl", "-D", str(self.pgdata), *args],
            capture_output=True, text=True, timeout=START_SECONDS, check=check,
        )

    def init_postgres(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
        subprocess.run(
            [*self.as_postgres, "initdb", "-D", str(self.pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
            capture_output=True, text=True, timeout=START_SECONDS, check=True,
        )

    def start_postgres(self) -> None:
        options = (
            f"-p {self.pg_port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        result = self._pg_ctl("-l", str(self.pgdata / "server.log"), "-w", "-t", "30", "-o", options, "start", check=False)
        if result.returncode != 0:
            server_log = (self.pgdata / "server.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{server_log}")

    def postgres_pid(self) -> int | None:
        pidfile = self.pgdata / "postmaster.pid"
        try:
            return int(pidfile.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop_postgres(self, *, mode: str = "fast") -> None:
        """Stop the postmaster (found by its PID file); `fast` ends every client connection."""
        if self.postgres_pid() is None:
            return
        result = self._pg_ctl("-m", mode, "-w", "-t", "30", "stop", check=False)
        pid = self.postgres_pid()
        if result.returncode != 0 and pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGQUIT)
        wait_until(lambda: not port_is_open(self.pg_port), seconds=STOP_SECONDS, what="PostgreSQL to stop")

    # --- Redis -------------------------------------------------------------------------------

    def start_redis(self) -> None:
        if self.redis_running:
            return
        process = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--pidfile", str(self.root / "redis.pid"), "--dir", str(self.root),
             "--logfile", str(self.log("redis"))],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.processes["redis"] = process
        wait_until(lambda: port_is_open(self.redis_port) or process.poll() is not None, seconds=START_SECONDS, what="Redis")
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}: {self.tail('redis')}")

    def stop_redis(self) -> None:
        stop_process(self.processes.pop("redis", None))
        wait_until(lambda: not port_is_open(self.redis_port), seconds=STOP_SECONDS, what="Redis to stop")

    @property
    def redis_running(self) -> bool:
        process = self.processes.get("redis")
        return process is not None and process.poll() is None

    def redis(self):
        import redis

        return redis.Redis.from_url(self.redis_url, socket_timeout=2, socket_connect_timeout=2)

    # --- Django ------------------------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 120, **env: str) -> str:
        """Run `manage.py <args>` against the stack; its output, or an error with it."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=str(settings.BASE_DIR), env=self.env(**env), capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr[-4000:]}")
        return result.stdout

    def shell(self, code: str, timeout: float = 120) -> str:
        return self.manage("shell", "-c", code, timeout=timeout)

    def start_gunicorn(self) -> None:
        with open(self.log("gunicorn"), "ab") as log:
            process = subprocess.Popen(
                # careerhub's gunicorn configuration (its request limits), as deployed; flags override the rest.
                [sys.executable, "-m", "gunicorn", "-c", "python:careerhub.gunicorn_config", "careerhub.wsgi:application",
                 "--bind", f"127.0.0.1:{self.http_port}",
                 "--workers", str(self.gunicorn_workers), "--preload", "--timeout", "60", "--graceful-timeout", "5",
                 "--error-logfile", "-", "--log-level", "warning"],
                cwd=str(settings.BASE_DIR), env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            )
        self.processes["gunicorn"] = process

        def answering() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}: {self.tail('gunicorn')}")
            try:
                return self.get("/health", timeout=2).status == 200
            except OSError:
                return False

        wait_until(answering, seconds=START_SECONDS, what="gunicorn", interval=0.1)

    def start_worker(self, **env: str) -> subprocess.Popen:
        """A prefork Celery worker with one pool process, on the stack's broker."""
        self.stop_worker()
        suffix = uuid.uuid4().hex[:8]
        self.worker_name = f"faults-{suffix}@localhost"
        self.worker_log = log_name = f"worker-{suffix}"
        with open(self.log(log_name), "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "careerhub", "worker", "--pool", "prefork", "--concurrency", "1",
                 "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", self.worker_name],
                cwd=str(settings.BASE_DIR), env=self.env(**env), stdout=log, stderr=subprocess.STDOUT,
            )
        self.processes["worker"] = process

        def ready() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited with {process.returncode}: {self.tail(log_name)}")
            return b" ready." in self.log(log_name).read_bytes()

        wait_until(ready, seconds=START_SECONDS, what="the Celery worker", interval=0.1)
        return process

    def stop_worker(self) -> None:
        stop_process(self.processes.pop("worker", None))

    def worker_pool_pids(self) -> list[int]:
        """The worker's pool (child) processes, by `ps --ppid <worker pid>`."""
        process = self.processes.get("worker")
        if process is None or process.poll() is not None:
            return []
        out = subprocess.run(["ps", "--ppid", str(process.pid), "-o", "pid="], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    # --- Whole stack -------------------------------------------------------------------------

    def start(self) -> Stack:
        try:
            self.init_postgres()
            self.start_postgres()
            self.start_redis()
            # One Django start-up for both: the schema, then the milestones a test may award.
            self.shell("from django.core.management import call_command; "
                       "call_command('migrate', interactive=False, verbosity=0); call_command('seed_milestones')", timeout=300)
            self.start_gunicorn()
        except BaseException:
            self.stop()
            raise
        return self

    def ensure_running(self) -> None:
        """Bring back whatever a previous test stopped."""
        if self.postgres_pid() is None or not port_is_open(self.pg_port):
            self.start_postgres()
        self.start_redis()
        gunicorn = self.processes.get("gunicorn")
        if gunicorn is None or gunicorn.poll() is not None:
            self.start_gunicorn()

    def stop(self) -> None:
        for name in ("worker", "gunicorn", "redis"):
            with contextlib.suppress(Exception):  # keep stopping the others
                stop_process(self.processes.pop(name, None))
        if self.postgres_pid() is not None:
            self._pg_ctl("-m", "immediate", "-w", "stop", check=False)
            pid = self.postgres_pid()
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- The database, read directly ---------------------------------------------------------

    def sql(self, query: str, params: tuple | dict = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.pg_port, user="postgres", dbname="postgres",
                             autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def scalar(self, query: str, params: tuple | dict = ()) -> Any:
        rows = self.sql(query, params)
        return rows[0][0] if rows else None


def table(model) -> str:
    """A model's table name, quoted for SQL."""
    return f'"{model._meta.db_table}"'
