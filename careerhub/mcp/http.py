"""The MCP server over streamable HTTP, at /mcp (mounted by careerhub.asgi).

Every HTTP request must carry `Authorization: Bearer chp_...`; the token is authenticated before
the SDK sees the request (401 in the API's error shape otherwise: missing, unknown, revoked,
expired, or its user deactivated), and its credential rides on the ASGI scope to the tool calls.
The server is stateless (no session kept between requests), so any worker answers any request,
and JSON responses are used (every tool answers at once).

The SDK's DNS-rebinding guard is off: it protects unauthenticated local servers, and this one
authenticates every request; the Host header is checked against ALLOWED_HOSTS like Django's.
"""

from __future__ import annotations

import contextvars
from typing import Any

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from mcp.server import ServerRequestContext
from mcp.server.transport_security import TransportSecuritySettings
from mcp.shared.exceptions import MCPError
from rest_framework.exceptions import APIException
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from careerhub.api.errors import error_body
from careerhub.mcp import registry
from careerhub.mcp.server import UNAUTHENTICATED, credential_authenticate, error_as_body, server_build

PATH = "/mcp"
# Where the authenticated credential rides: on the ASGI scope (the SDK hands tools the request) and,
# for a transport that does not, in the context of the request's task.
SCOPE_KEY = "careerhub.mcp.credential"
_credential: contextvars.ContextVar[registry.Credential | None] = contextvars.ContextVar("careerhub_mcp_credential", default=None)


async def _request_credential(ctx: ServerRequestContext) -> registry.Credential:
    request = ctx.request
    credential = request.scope.get(SCOPE_KEY) if request is not None and hasattr(request, "scope") else None
    credential = credential or _credential.get()
    if credential is None:
        raise MCPError(UNAUTHENTICATED, "Authentication credentials were not provided.")
    return credential


def _refusal(detail: str, code: str, status: int = 401) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="mcp"'} if status == 401 else None
    return JSONResponse(error_body(detail, code), status_code=status, headers=headers)


class TokenAuthentication:
    """ASGI middleware: the bearer personal access token of every HTTP request, or a 401."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host, _ = split_domain_port(headers.get("host", ""))
        if not host or not validate_host(host, settings.ALLOWED_HOSTS):
            await _refusal("Invalid host header.", "bad_request", status=400)(scope, receive, send)
            return
        scheme, _, secret = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            response = _refusal("Send a personal access token: Authorization: Bearer chp_...", "not_authenticated")
            await response(scope, receive, send)
            return
        try:
            credential = await credential_authenticate(secret.strip())
        except APIException as exc:
            body = error_as_body(exc)
            await _refusal(body["detail"], body["code"], status=exc.status_code)(scope, receive, send)
            return
        reset = _credential.set(credential)
        try:
            await self.app({**scope, SCOPE_KEY: credential}, receive, send)
        finally:
            _credential.reset(reset)


def application_build() -> Any:
    """The ASGI app serving /mcp (with its lifespan, which runs the SDK's session manager)."""
    server = server_build(_request_credential)
    app = server.streamable_http_app(
        streamable_http_path=PATH,
        stateless_http=True,
        json_response=True,
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )
    app.add_middleware(TokenAuthentication)
    return app
