"""The MCP server itself (the official `mcp` SDK's low-level Server): list the tools a token may use,
call one as the token's user, answer a failure as a tool error in the API's error shape.

The transports only differ in where the credential comes from: the HTTP app authenticates the
bearer token of every request (careerhub.mcp.http), stdio the token it was started with, again on
every message (careerhub/management/commands/mcp.py), so a revoked token stops working at once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import mcp_types as types
from asgiref.sync import sync_to_async
from django.core.serializers.json import DjangoJSONEncoder
from django.db import close_old_connections
from mcp.server import Server, ServerRequestContext
from mcp.shared.exceptions import MCPError
from rest_framework.exceptions import APIException, ValidationError

from careerhub.api.errors import error_body, exception_handler
from careerhub.mcp import registry

logger = logging.getLogger(__name__)

SERVER_NAME = "careerhub"
INSTRUCTIONS = (
    "careerhub keeps one job seeker's search: their profile, scraped job postings scored against it (matches), "
    "and an application tracker with stages and reminders. Every tool acts as the user whose personal access "
    "token this server was given, within that token's scopes. Ids are UUIDs except job ids (integers). "
    "Errors come back as tool errors carrying the API's JSON error: {detail, code, errors?}."
)
# JSON-RPC "invalid request" for a credential that does not authenticate (the HTTP transport answers 401 first).
UNAUTHENTICATED = -32001

CredentialSource = Callable[[ServerRequestContext], Awaitable[registry.Credential]]


def _json(value: Any) -> Any:
    """`value` as plain JSON types (DRF output holds UUIDs, Decimals and dates)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def error_as_body(exc: Exception) -> dict[str, Any]:
    """The error shape the REST API would answer `exc` with (an unexpected one logged, as a 500 would be)."""
    response = exception_handler(exc, {"view": None})
    data = getattr(response, "data", None)
    if isinstance(data, dict):
        return _json(data)
    return json.loads(response.content) if response is not None else error_body(str(exc), "error")


def _run(credential: registry.Credential, name: str, arguments: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Call tool `name` as the credential's user: (the result, False) or (the API's error body, True)."""
    close_old_connections()
    try:
        tool = registry.tool_get(name)
        if tool is None or tool.scope not in credential.scopes:
            if tool is None:
                raise ValidationError({"name": [f"There is no tool {name!r}."]})
            raise APIException(f"This token lacks the {tool.scope} scope this tool needs.", code="insufficient_scope")
        unknown = sorted(set(arguments) - set(tool.input_schema["properties"]))
        if unknown:
            raise ValidationError({argument: ["Unknown argument."] for argument in unknown})
        result = tool.handler(credential.user, **arguments)
        logger.info("MCP tool %s called with token %s", name, credential.prefix)
        return _json(result), False
    except Exception as exc:  # noqa: BLE001 - every failure is the caller's tool error, in the API's shape
        return error_as_body(exc), True
    finally:
        close_old_connections()


def _tool_listing(tool: registry.Tool) -> types.Tool:
    return types.Tool(
        name=tool.name,
        description=f"{tool.description} (Needs the {tool.scope} scope.)",
        input_schema=tool.input_schema,
    )


def server_build(credential_for: CredentialSource) -> Server:
    """A Server whose every request is made as the credential `credential_for` gives for it."""

    async def list_tools(ctx: ServerRequestContext, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        credential = await credential_for(ctx)
        return types.ListToolsResult(tools=[_tool_listing(tool) for tool in registry.tools_for(credential.scopes)])

    async def call_tool(ctx: ServerRequestContext, params: types.CallToolRequestParams) -> types.CallToolResult:
        credential = await credential_for(ctx)
        body, failed = await sync_to_async(_run, thread_sensitive=True)(credential, params.name, dict(params.arguments or {}))
        return types.CallToolResult(
            content=[types.TextContent(text=json.dumps(body, ensure_ascii=False))],
            structured_content=None if failed else body,
            is_error=failed,
        )

    return Server(SERVER_NAME, version="1", instructions=INSTRUCTIONS, on_list_tools=list_tools, on_call_tool=call_tool)


def _authenticate(secret: str) -> registry.Credential:
    close_old_connections()
    try:
        return registry.authenticate(secret)
    finally:
        close_old_connections()


async def credential_authenticate(secret: str) -> registry.Credential:
    """The credential of a token's secret; the API's 401 (an APIException) when there is none."""
    return await sync_to_async(_authenticate, thread_sensitive=True)(secret)


async def credential_or_protocol_error(secret: str) -> registry.Credential:
    """Like credential_authenticate, the 401 as an MCP protocol error carrying the API's message."""
    try:
        return await credential_authenticate(secret)
    except APIException as exc:
        raise MCPError(UNAUTHENTICATED, str(error_as_body(exc)["detail"])) from None
