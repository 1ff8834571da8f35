"""careerhub behind a real gunicorn (its deployed configuration): request limits in the one error
shape, request ids, and readiness while Redis or PostgreSQL is down."""

from __future__ import annotations

import http.client
import json
import time

import pytest
from django.conf import settings

from careerhub import gunicorn_config
from careerhub.tests.hardening.stack import Stack

pytestmark = pytest.mark.integration

# A probe of an instance whose dependencies are down still answers quickly.
READINESS_BUDGET_SECONDS = 3.0


def raw_get(stack: Stack, target: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict, float]:
    """GET `target` exactly as given: (status, content type, parsed body or text, seconds)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=15)
    started = time.monotonic()
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        raw = response.read().decode(errors="replace")
        content_type = response.getheader("Content-Type", "")
        request_id = response.getheader("X-Request-ID")
    finally:
        connection.close()
    body = json.loads(raw) if content_type.startswith("application/json") else raw
    return response.status, content_type, {"body": body, "request_id": request_id}, time.monotonic() - started


def target_of_length(line_length: int) -> str:
    """A /api/v1/jobs target whose request line (`GET target HTTP/1.1`) is `line_length` bytes."""
    base = "/api/v1/jobs?q="
    return base + "a" * (line_length - len(f"GET {base} HTTP/1.1"))


def test_a_request_line_gunicorn_accepts_but_the_app_does_not_is_a_json_414(stack):
    status, content_type, answer, _ = raw_get(stack, target_of_length(settings.REQUEST_LINE_MAX_BYTES + 1))

    assert (status, content_type) == (414, "application/json")
    assert answer["body"]["code"] == "uri_too_long"
    assert answer["request_id"]


def test_beyond_gunicorns_own_limit_gunicorn_answers_itself(stack):
    # documented (docs/operations.md): past limit_request_line the request never reaches the app
    status, content_type, _, _ = raw_get(stack, target_of_length(gunicorn_config.limit_request_line + 10))
    assert status == 414 and content_type.startswith("text/html")


def test_too_many_headers_is_a_json_431_up_to_gunicorns_limit(stack):
    # given a request with more header fields than the app allows but fewer than gunicorn does
    count = (settings.REQUEST_HEADERS_MAX_COUNT + gunicorn_config.limit_request_fields) // 2
    headers = {f"X-Filler-{n}": "1" for n in range(count)}

    status, content_type, answer, _ = raw_get(stack, "/api/v1/jobs", headers)

    assert (status, content_type) == (431, "application/json")
    assert answer["body"]["code"] == "headers_too_large"


def test_a_header_line_over_the_apps_limit_is_a_json_431(stack):
    value = "v" * (settings.REQUEST_HEADER_MAX_BYTES + 50)
    status, content_type, answer, _ = raw_get(stack, "/api/v1/jobs", {"X-Trace-Context": value})

    assert (status, content_type) == (431, "application/json")
    assert answer["body"]["detail"].startswith("The X-Trace-Context header is too large")


def test_the_request_id_is_echoed_by_the_deployed_server(stack):
    _, _, kept, _ = raw_get(stack, "/health", {"X-Request-ID": "lb-7d1e"})
    _, _, made, _ = raw_get(stack, "/health")
    assert kept["request_id"] == "lb-7d1e"
    assert len(made["request_id"]) == 32


def test_readiness_is_503_naming_the_cache_and_the_broker_while_redis_is_down(stack):
    # given Redis (cache and broker) is stopped under the running application
    stack.stop_redis()

    # when a load balancer probes liveness and readiness
    live, _, _, _ = raw_get(stack, "/health")
    status, _, answer, seconds = raw_get(stack, "/health/ready")

    # then the process is alive, but not ready: the cache and the broker are down, the rest answers
    assert live == 200
    assert status == 503
    report = answer["body"]
    assert report["code"] == "not_ready" and report["detail"] == "Not ready: cache, broker unavailable."
    assert {name: check["status"] for name, check in report["checks"].items()} == {
        "database": "ok", "cache": "down", "broker": "down", "file_store": "ok",
    }
    assert seconds < READINESS_BUDGET_SECONDS

    # and once Redis is back, it is ready again
    stack.start_redis()
    assert raw_get(stack, "/api/v1/health/ready")[0] == 200


def test_readiness_is_503_naming_the_database_while_postgresql_is_down(stack):
    stack.stop_postgres()

    status, _, answer, seconds = raw_get(stack, "/health/ready")

    assert status == 503
    checks = answer["body"]["checks"]
    assert checks["database"]["status"] == "down"
    assert [name for name, check in checks.items() if check["status"] == "ok"] == ["cache", "broker", "file_store"]
    assert seconds < READINESS_BUDGET_SECONDS + float(stack.env()["DB_CONNECT_TIMEOUT"])
