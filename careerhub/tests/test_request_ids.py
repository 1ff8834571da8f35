"""Every request has an id: echoed in X-Request-ID, on every log line of the request and of the
Celery tasks it publishes; LOG_FORMAT=json writes one JSON object per line."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub import logs
from careerhub.tasks import publish
from careerhub.testing import celery_workers, needs_real_services, wait_for

pytestmark = pytest.mark.django_db
GENERATED = re.compile(r"[0-9a-f]{32}")
log = logging.getLogger("careerhub.tests.request_ids")


class LoggingView(APIView):
    """Logs twice while it answers, and publishes a task (to a worker, when one runs)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get(self, request):
        log.warning("first line")
        log.info("second line", extra={"items": 3})
        return Response({"request_id": request.request_id})

    def post(self, request):
        publish("careerhub.resend_deferred_tasks")
        return Response({"published": True})


urlpatterns = [path("logging-view", LoggingView.as_view())]


@pytest.fixture
def log_lines():
    """What the root logger writes at INFO through careerhub's handler set-up, one entry per line."""

    def capture(fmt: str):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(logs.RequestIdFilter())
        handler.setFormatter(logs.formatter(fmt))
        root = logging.getLogger()
        previous_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        captured.append((handler, previous_level))
        return lambda: stream.getvalue().splitlines()

    captured: list = []
    yield capture
    for handler, previous_level in captured:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(previous_level)


def test_a_valid_request_id_from_the_client_is_kept_and_echoed(api_client):
    response = api_client.get("/health", HTTP_X_REQUEST_ID="trace-7f3a:span=2")
    assert response["X-Request-ID"] == "trace-7f3a:span=2"


@pytest.mark.parametrize("sent", [None, "", "has space", "x" * 129, "-starts-with-a-dash", "new\nline"])
def test_a_missing_or_invalid_request_id_is_replaced_by_a_new_one(api_client, sent):
    extra = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    first = api_client.get("/health", **extra)["X-Request-ID"]
    second = api_client.get("/health", **extra)["X-Request-ID"]
    assert GENERATED.fullmatch(first) and GENERATED.fullmatch(second) and first != second


def test_refusals_and_errors_carry_the_request_id_too(api_client):
    assert api_client.get("/api/v1/" + "x" * 9000, HTTP_X_REQUEST_ID="long-one")["X-Request-ID"] == "long-one"
    assert api_client.post("/api/v1/nothing-here", HTTP_X_REQUEST_ID="lost-one")["X-Request-ID"] == "lost-one"
    assert api_client.get("/api/v1/users/me", HTTP_X_REQUEST_ID="anonymous")["X-Request-ID"] == "anonymous"


@pytest.mark.urls(__name__)
def test_json_logs_are_one_object_per_line_each_with_the_request_id(api_client, log_lines):
    # given JSON logs
    lines = log_lines("json")

    # when a request logs while it is answered
    response = api_client.get("/logging-view", HTTP_X_REQUEST_ID="req-42")

    # then every line is one JSON object carrying the request id, extra fields included
    entries = [json.loads(line) for line in lines()]
    assert response.json() == {"request_id": "req-42"}
    assert [entry["message"] for entry in entries[:2]] == ["first line", "second line"]
    assert {entry["request_id"] for entry in entries} == {"req-42"}
    assert entries[1]["items"] == 3 and entries[1]["level"] == "INFO" and entries[1]["logger"] == log.name
    # and the last one is the access line
    access = entries[-1]
    assert access["logger"] == "careerhub.access"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/logging-view", 200)
    assert access["duration_ms"] >= 0


@pytest.mark.urls(__name__)
def test_text_logs_show_the_request_id_and_lines_outside_requests_show_none(api_client, log_lines):
    lines = log_lines("text")

    api_client.get("/logging-view", HTTP_X_REQUEST_ID="req-43")
    log.warning("after the request")

    written = lines()
    assert "[req-43]: first line" in written[0]
    assert written[-1].endswith(f"{log.name} [-]: after the request")


def test_an_exception_is_logged_on_the_same_json_line():
    # given a JSON formatter and a record carrying an exception
    try:
        raise ValueError("broken\nacross lines")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), exc_info=__import__("sys").exc_info())

    # when it is formatted
    line = logs.JsonFormatter().format(record)

    # then it is still one line, holding the traceback
    assert "\n" not in line
    assert "ValueError: broken\nacross lines" in json.loads(line)["exception"]


@pytest.mark.integration
@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
@needs_real_services()
def test_a_task_published_by_a_request_logs_with_that_requests_id_on_the_worker(api_client, tmp_path):
    # given a real Celery worker writing JSON logs
    with celery_workers("request-id", tmp_path, env={"LOG_FORMAT": "json"}) as (worker_log,):
        # when a request publishes a task
        assert api_client.post("/logging-view", HTTP_X_REQUEST_ID="publish-trace-1").json() == {"published": True}

        # then the worker's log lines for that task carry the request's id
        def task_lines():
            entries = [json.loads(line) for line in worker_log.read_text().splitlines() if line.startswith("{")]
            return [entry for entry in entries if entry.get("task_name") == "careerhub.resend_deferred_tasks"]

        lines = wait_for(task_lines, seconds=30)
        written = worker_log.read_text().splitlines()
    assert {entry["request_id"] for entry in lines} == {"publish-trace-1"}
    assert any("succeeded" in entry["message"] for entry in lines)
    # and every line the worker wrote while it ran is one JSON object (no banner)
    assert [line for line in written if not line.startswith("{")] == []
