"""Helpers for tests that drive real programs (Chromium) rather than the test client."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

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


# --- A local server speaking the Anthropic Messages API ---------------------------------------


class MessagesApiStub:
    """`POST /v1/messages` on 127.0.0.1, for tests that drive the real `anthropic` SDK.

    Queue answers with `tool_use(...)`, `text(...)`, `error(status)`, `malformed()` or
    `slow(seconds, answer)`; with nothing queued, `default` (a function of the request body)
    answers, and without one the stub answers 500. Every request is kept in `requests`
    (with its headers) so tests can assert what was sent — or that nothing was.
    """

    def __init__(self):
        import collections

        self.requests: list[dict] = []
        self.answers: collections.deque = collections.deque()
        self.default = None
        self._server = None
        self._thread = None

    # answers
    @staticmethod
    def tool_use(tool_input: dict, *, model: str = "claude-haiku-4-5") -> dict:
        return {"kind": "tool_use", "input": tool_input, "model": model}

    @staticmethod
    def text(text: str, *, model: str = "claude-sonnet-4-5") -> dict:
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

    def start(self) -> MessagesApiStub:
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
                if self.path.split("?")[0] != "/v1/messages":
                    return self._send(404, b'{"type":"error","error":{"type":"not_found_error","message":"no"}}')
                answer = stub.answers.popleft() if stub.answers else (stub.default(body) if stub.default else None)
                if answer is None:
                    answer = MessagesApiStub.error(500, message="nothing queued")
                if answer["kind"] == "slow":
                    time.sleep(answer["seconds"])
                    answer = answer["answer"]
                if answer["kind"] == "malformed":
                    return self._send(200, b"{this is not json")
                if answer["kind"] == "error":
                    headers = {"retry-after": str(answer["retry_after"])} if answer["retry_after"] else {}
                    kind = {429: "rate_limit_error", 529: "overloaded_error"}.get(answer["status"], "api_error")
                    payload = {"type": "error", "error": {"type": kind, "message": answer["message"]}}
                    return self._send(answer["status"], json.dumps(payload).encode(), headers)
                if answer["kind"] == "tool_use":
                    tool = (body.get("tool_choice") or {}).get("name") or "tool"
                    content = [{"type": "tool_use", "id": "toolu_stub", "name": tool, "input": answer["input"]}]
                    stop = "tool_use"
                else:
                    content = [{"type": "text", "text": answer["text"]}]
                    stop = "end_turn"
                message = {
                    "id": "msg_stub",
                    "type": "message",
                    "role": "assistant",
                    "model": answer.get("model") or body.get("model"),
                    "content": content,
                    "stop_reason": stop,
                    "stop_sequence": None,
                    "usage": {"input_tokens": 100, "output_tokens": 50},
                }
                return self._send(200, json.dumps(message).encode())

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
