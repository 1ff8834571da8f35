"""The MCP server through the official SDK's own client (issue 20): over real streamable HTTP against
uvicorn serving careerhub.asgi in a subprocess, and over stdio against `manage.py mcp` as a
subprocess. Both use the test database, so the data is committed (transactional_db).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from django.conf import settings
from django.db import connection
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from accounts.services import personal_access_token_revoke
from accounts.tests.factories import create_personal_access_token, create_user
from careerhub.api.scopes import SCOPES
from careerhub.tests.hardening.stack import free_port, port_is_open, stop_process, wait_until
from jobs.tests import factories as job_factories
from tracker.models import Application, ApplicationStage, Reminder
from tracker.tests import factories as tracker_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
ALL_TOOLS = {
    "add_stage", "create_application", "create_reminder", "generate_cover_letter", "get_application", "get_job",
    "get_profile", "list_applications", "list_matches", "list_reminders", "refresh_matches", "search_jobs",
    "set_match_status", "tailor_resume", "update_application",
}
# The environment of the server processes: the test run's, on its test database, without an AI provider.
_DROPPED_PREFIXES = ("ANTHROPIC_", "OPENAI_", "LLM_", "PYTEST_")


def _server_environment() -> dict[str, str]:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = {key: value for key, value in os.environ.items() if not key.startswith(_DROPPED_PREFIXES)}
    env["DATABASE_URL"] = f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["DJANGO_SETTINGS_MODULE"] = "careerhub.settings.test"
    return env


@pytest.fixture(scope="module")
def mcp_url(django_db_setup, tmp_path_factory):
    """uvicorn serving careerhub.asgi on a free loopback port, stopped by its PID after the module."""
    port = free_port()
    log = (tmp_path_factory.mktemp("uvicorn") / "uvicorn.log").open("w")
    command = [sys.executable, "-m", "uvicorn", "careerhub.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=_server_environment(), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: port_is_open(port) or process.poll() is not None, seconds=60, what="uvicorn")
        assert process.poll() is None, Path(log.name).read_text()
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        stop_process(process)
        log.close()


@pytest.fixture
def world():
    """Ada with a job match and an application; Bob with his own application, reminder and match."""
    ada, bob = create_user(username="ada"), create_user(username="bob")
    job_factories.candidate_profile(ada)
    job = job_factories.job(title="Platform Engineer", company="Initech")
    bobs_job = job_factories.job(title="Secret Role", company="Globex")
    return {
        "ada": ada,
        "bob": bob,
        "job": job,
        "match": job_factories.match(ada, job, score=90.0),
        "bobs_match": job_factories.match(bob, bobs_job, score=90.0),
        "application": tracker_factories.application(ada, company_name="Initech", role_title="Platform Engineer"),
        "bobs_application": tracker_factories.application(bob, company_name="Globex", role_title="Secret Role"),
        "bobs_reminder": tracker_factories.reminder(bob, title="Bob's secret reminder"),
    }


# --- SDK client helpers -------------------------------------------------------------------------


async def _over_http(url: str, secret: str, use: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {secret}"}, timeout=60) as http,
        streamable_http_client(url, http_client=http) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        return await use(session)


def _http(url: str, secret: str, use: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    return anyio.run(_over_http, url, secret, use)


def _stdio_parameters(secret: str) -> StdioServerParameters:
    return StdioServerParameters(
        command=sys.executable, args=["manage.py", "mcp", "--token", secret], cwd=str(ROOT), env=_server_environment()
    )


async def _over_stdio(secret: str, use: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    async with stdio_client(_stdio_parameters(secret)) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        return await use(session)


def _stdio(secret: str, use: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    return anyio.run(_over_stdio, secret, use)


async def _tool_names(session: ClientSession) -> set[str]:
    return {tool.name for tool in (await session.list_tools()).tools}


def _calling(name: str, arguments: dict | None = None) -> Callable[[ClientSession], Awaitable[Any]]:
    async def call(session: ClientSession):
        return await session.call_tool(name, arguments or {})

    return call


def _body(result) -> dict:
    """A tool's answer: its JSON text (the structured content too when it succeeded)."""
    body = json.loads(result.content[0].text)
    if not result.is_error:
        assert result.structured_content == body
    return body


def _secret(user, scopes=None) -> str:
    return create_personal_access_token(user, scopes)[1]


# --- Streamable HTTP ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scopes, expected",
    [
        (SCOPES, ALL_TOOLS),
        (["tracker:read"], {"get_application", "list_applications", "list_reminders"}),
        (["tracker:write"], {"add_stage", "create_application", "create_reminder", "update_application"}),
        (["jobs:read", "profile:read"], {"search_jobs", "get_job", "get_profile"}),
        (["matches:read"], {"list_matches"}),
        (["matches:write"], {"refresh_matches", "set_match_status", "generate_cover_letter", "tailor_resume"}),
        (["social:read", "social:write", "profile:write"], set()),
    ],
)
def test_a_token_lists_only_the_tools_of_its_scopes(scopes, expected, mcp_url, world):
    # given / when
    names = _http(mcp_url, _secret(world["ada"], scopes), _tool_names)

    # then
    assert names == expected


def test_every_tool_has_a_description_and_an_object_schema(mcp_url, world):
    # given / when
    tools = _http(mcp_url, _secret(world["ada"]), lambda session: session.list_tools())

    # then
    for tool in tools.tools:
        assert len(tool.description) > 40, tool.name
        assert tool.input_schema["type"] == "object", tool.name
        assert "scope" in tool.description


def test_each_tool_acts_as_the_tokens_user(mcp_url, world, client_for):
    # given Ada's token with every scope
    ada, match, application = world["ada"], world["match"], world["application"]
    secret = _secret(ada)

    async def session_of_calls(session: ClientSession) -> dict[str, Any]:
        calls = {
            "get_profile": {},
            "search_jobs": {"search": "Platform"},
            "get_job": {"job_id": world["job"].pk},
            "list_matches": {"min_score": 0},
            "set_match_status": {"match_id": str(match.pk), "status": "interested"},
            "refresh_matches": {},
            "generate_cover_letter": {"match_id": str(match.pk)},
            "tailor_resume": {"match_id": str(match.pk)},
            "list_applications": {},
            "get_application": {"application_id": str(application.pk)},
            "create_application": {"company_name": "Hooli", "role_title": "SRE", "status": "Applied"},
            "update_application": {"application_id": str(application.pk), "status": "Interviewing"},
            "add_stage": {"application_id": str(application.pk), "stage_name": "Phone screen", "stage_date": "2026-12-10"},
            "create_reminder": {"title": "Follow up with Initech", "remind_at": "2026-12-12T09:00:00Z"},
            "list_reminders": {},
        }
        assert set(calls) == ALL_TOOLS
        return {name: await session.call_tool(name, arguments) for name, arguments in calls.items()}

    # when every tool is called
    results = _http(mcp_url, secret, session_of_calls)

    # then each answered as the REST API would
    failed = {name: result.content[0].text for name, result in results.items() if result.is_error}
    assert not failed
    bodies = {name: _body(result) for name, result in results.items()}
    rest = client_for(ada)
    assert bodies["get_profile"] == rest.get("/api/v1/profile").json()
    assert [job["id"] for job in bodies["search_jobs"]["jobs"]] == [world["job"].pk]
    assert (bodies["search_jobs"]["total"], bodies["search_jobs"]["total_is_estimate"]) == (1, False)
    assert bodies["get_job"]["title"] == "Platform Engineer"
    assert [row["id"] for row in bodies["list_matches"]["matches"]] == [str(match.pk)]
    assert bodies["set_match_status"]["status"] == "interested"
    assert bodies["refresh_matches"]["status"] in {"processing", "already_processing"}
    assert bodies["generate_cover_letter"]["cover_letter"] and bodies["generate_cover_letter"]["model"] == "heuristic"
    assert bodies["tailor_resume"]["version_name"].startswith("Tailored")
    assert bodies["tailor_resume"]["user_id"] == str(ada.pk)
    assert [row["id"] for row in bodies["list_applications"]["applications"]] == [str(application.pk)]
    assert bodies["get_application"]["company_name"] == "Initech"
    # (the REST answer now also shows the stage added after the update)
    later = {"stages", "updated_at"}
    through_rest = rest.get(f"/api/v1/applications/{application.pk}").json()
    assert {key: value for key, value in bodies["update_application"].items() if key not in later} == {
        key: value for key, value in through_rest.items() if key not in later
    }
    assert bodies["create_application"]["company_name"] == "Hooli"
    assert bodies["update_application"]["status"] == "Interviewing"
    assert bodies["add_stage"]["stage_name"] == "Phone screen"
    assert [row["title"] for row in bodies["list_reminders"]["reminders"]] == ["Follow up with Initech"]
    # and the writes are Ada's
    assert Application.objects.get(pk=bodies["create_application"]["id"]).user == ada
    assert Application.objects.get(pk=application.pk).status == "Interviewing"
    assert ApplicationStage.objects.get(pk=bodies["add_stage"]["id"]).application == application
    assert Reminder.objects.get(pk=bodies["create_reminder"]["id"]).user == ada


def test_a_tool_error_carries_the_apis_message(mcp_url, world):
    # given / when a create without its required fields, and a lookup of something that does not exist
    secret = _secret(world["ada"])
    invalid = _http(mcp_url, secret, _calling("create_application", {"role_title": "SRE"}))
    missing = _http(mcp_url, secret, _calling("get_job", {"job_id": 999999}))

    # then both are tool errors in the API's error shape
    assert invalid.is_error and missing.is_error
    assert _body(invalid) == {
        "detail": "company_name: This field is required.",
        "code": "invalid",
        "errors": {"company_name": ["This field is required."]},
    }
    assert _body(missing) == {"detail": "Job not found.", "code": "not_found"}


def test_a_tool_outside_the_tokens_scopes_is_refused(mcp_url, world):
    # given a token that may only read the tracker
    secret = _secret(world["ada"], ["tracker:read"])

    # when it calls a write tool it cannot see
    result = _http(mcp_url, secret, _calling("create_application", {"company_name": "Hooli", "role_title": "SRE"}))

    # then
    assert result.is_error
    assert _body(result) == {"detail": "This token lacks the tracker:write scope this tool needs.", "code": "insufficient_scope"}
    assert not Application.objects.filter(company_name="Hooli").exists()


def test_one_users_token_never_reaches_another_users_data(mcp_url, world):
    # given Bob's token with every scope
    secret = _secret(world["bob"])

    async def snoop(session: ClientSession) -> dict[str, Any]:
        return {
            "applications": await session.call_tool("list_applications", {}),
            "reminders": await session.call_tool("list_reminders", {}),
            "matches": await session.call_tool("list_matches", {"min_score": 0}),
            "adas_application": await session.call_tool("get_application", {"application_id": str(world["application"].pk)}),
            "adas_update": await session.call_tool(
                "update_application", {"application_id": str(world["application"].pk), "status": "Rejected"}
            ),
            "adas_stage": await session.call_tool("add_stage", {"application_id": str(world["application"].pk), "stage_name": "x"}),
            "adas_match": await session.call_tool("set_match_status", {"match_id": str(world["match"].pk), "status": "hidden"}),
            "adas_letter": await session.call_tool("generate_cover_letter", {"match_id": str(world["match"].pk)}),
        }

    # when Bob lists and reaches for Ada's things
    results = _http(mcp_url, secret, snoop)

    # then he sees only his own, and Ada's are not found
    assert [row["id"] for row in _body(results["applications"])["applications"]] == [str(world["bobs_application"].pk)]
    assert [row["id"] for row in _body(results["reminders"])["reminders"]] == [str(world["bobs_reminder"].pk)]
    assert [row["id"] for row in _body(results["matches"])["matches"]] == [str(world["bobs_match"].pk)]
    for name in ("adas_application", "adas_update", "adas_stage"):
        assert results[name].is_error and _body(results[name]) == {"detail": "Application not found.", "code": "not_found"}, name
    for name in ("adas_match", "adas_letter"):
        assert results[name].is_error and _body(results[name]) == {"detail": "Match not found.", "code": "not_found"}, name
    assert Application.objects.get(pk=world["application"].pk).status != "Rejected"
    assert not ApplicationStage.objects.filter(application=world["application"]).exists()


def test_a_revoked_token_is_refused(mcp_url, world):
    # given a token that worked, then was revoked
    token, secret = create_personal_access_token(world["ada"], ["tracker:read"])
    assert _http(mcp_url, secret, _tool_names)
    personal_access_token_revoke(token=token)

    # when the SDK client connects with it, then it cannot
    with pytest.raises(ExceptionGroup) as refused:
        _http(mcp_url, secret, _tool_names)
    assert refused.group_contains(MCPError, match="Server returned an error response", depth=2)

    # and the endpoint answers 401 in the API's error shape
    response = httpx2.post(
        mcp_url,
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        headers={"Authorization": f"Bearer {secret}", "Accept": "application/json, text/event-stream"},
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "This personal access token has been revoked.", "code": "token_not_valid"}
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("authorization", [None, "Bearer", "Bearer chp_nope", "Basic YWRhOnB3"])
def test_a_request_without_a_valid_token_is_refused(authorization, mcp_url, world):
    # given / when
    headers = {"Accept": "application/json, text/event-stream", **({"Authorization": authorization} if authorization else {})}
    response = httpx2.post(mcp_url, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, headers=headers)

    # then
    assert response.status_code == 401
    assert response.json()["code"] in {"not_authenticated", "token_not_valid"}


def test_the_api_still_answers_through_the_asgi_entry_point(mcp_url, world):
    # given / when
    response = httpx2.get(mcp_url.replace("/mcp", "/api/v1/jobs"), headers={"Authorization": f"Bearer {_secret(world['ada'], ['jobs:read'])}"})

    # then
    assert response.status_code == 200
    assert {job["title"] for job in response.json()["jobs"]} == {"Platform Engineer", "Secret Role"}


# --- stdio --------------------------------------------------------------------------------------


def test_stdio_lists_the_tokens_tools_and_calls_them_as_its_user(world):
    # given Bob's token that may read the tracker
    secret = _secret(world["bob"], ["tracker:read"])

    async def use(session: ClientSession):
        return await _tool_names(session), await session.call_tool("list_applications", {}), await session.call_tool(
            "get_application", {"application_id": str(world["application"].pk)}
        )

    # when
    names, mine, adas = _stdio(secret, use)

    # then
    assert names == {"get_application", "list_applications", "list_reminders"}
    assert [row["id"] for row in _body(mine)["applications"]] == [str(world["bobs_application"].pk)]
    assert adas.is_error and _body(adas)["code"] == "not_found"


def test_stdio_stops_answering_once_the_token_is_revoked(world):
    # given a running stdio session
    token, secret = create_personal_access_token(world["ada"], ["tracker:read"])

    async def use(session: ClientSession):
        before = await session.call_tool("list_applications", {})
        await anyio.to_thread.run_sync(lambda: personal_access_token_revoke(token=token))
        with pytest.raises(MCPError) as refused:
            await session.call_tool("list_applications", {})
        return before, refused.value

    # when the token is revoked mid-session
    before, refused = _stdio(secret, use)

    # then the next call is refused with the API's message
    assert not before.is_error
    assert refused.message == "This personal access token has been revoked."


def test_stdio_refuses_to_start_with_a_revoked_token(world):
    # given
    token, secret = create_personal_access_token(world["ada"], ["tracker:read"])
    personal_access_token_revoke(token=token)

    # when
    result = subprocess.run(
        [sys.executable, "manage.py", "mcp", "--token", secret],
        cwd=ROOT, env=_server_environment(), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )

    # then
    assert result.returncode != 0
    assert "This personal access token has been revoked." in result.stderr
