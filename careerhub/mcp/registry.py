"""The tool registry: each app registers its own tools in `<app>/mcp_tools.py`, the token check in
accounts' (careerhub knows no app above it).

A tool is a thin, synchronous call into the app's services and selectors, with the token's user:
`handler(user, **arguments)` returns a JSON object (a dict). It declares the one token scope it
needs (careerhub.api.scopes.SCOPES); a token without it never sees the tool listed, and a call is
refused. Inputs are validated by the same serializers as the REST API, so an error carries the
API's message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Protocol

from django.db import connection
from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules
from rest_framework.exceptions import Throttled
from rest_framework.throttling import BaseThrottle

from careerhub.api import serializers
from careerhub.api.scopes import SCOPES
from careerhub.paging import EstimatedPages, page_with_bounded_total

# The module each app registers its tools (and accounts the token check) in.
MODULE = "mcp_tools"


class Credential(Protocol):
    """What authenticating a personal access token gives: its user, scopes and printable prefix."""

    user: Any
    scopes: list[str]
    prefix: str


@dataclass(frozen=True)
class Tool:
    name: str
    scope: str
    description: str
    handler: Callable[..., dict[str, Any]]
    input_schema: dict[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})


_tools: dict[str, Tool] = {}
_authenticators: list[Callable[[str], Credential]] = []


def tool(
    *, name: str, scope: str, description: str, properties: dict[str, Any] | None = None, required: Iterable[str] = ()
) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Register the decorated `handler(user, **arguments)` as tool `name` (JSON schema: an object of `properties`)."""
    if scope not in SCOPES:
        raise ValueError(f"Tool {name}: unknown scope {scope!r}; the scopes are {', '.join(SCOPES)}.")
    schema: dict[str, Any] = {"type": "object", "properties": properties or {}, "additionalProperties": False}
    if required:
        schema["required"] = list(required)

    def register(handler: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        existing = _tools.get(name)
        if existing is not None and existing.handler.__qualname__ != handler.__qualname__:
            raise ValueError(f"Tool {name} is registered twice ({existing.handler.__module__} and {handler.__module__}).")
        _tools[name] = Tool(name=name, scope=scope, description=description, handler=handler, input_schema=schema)
        return handler

    return register


def authenticator_register(authenticate: Callable[[str], Credential]) -> None:
    """Set how a token's secret becomes a Credential (raising the API's 401 when it cannot)."""
    if authenticate not in _authenticators:
        _authenticators.append(authenticate)


def discover() -> None:
    """Import every installed app's `mcp_tools` module (idempotent)."""
    autodiscover_modules(MODULE)


def authenticate(secret: str) -> Credential:
    discover()
    if not _authenticators:
        raise RuntimeError(f"No app registered a token check (accounts/{MODULE}.py).")
    return _authenticators[-1](secret)


def tools_for(scopes: Iterable[str]) -> list[Tool]:
    """The tools a token with `scopes` may call, by name."""
    discover()
    allowed = set(scopes)
    return sorted((tool for tool in _tools.values() if tool.scope in allowed), key=lambda tool: tool.name)


def tool_get(name: str) -> Tool | None:
    discover()
    return _tools.get(name)


# --- Helpers for the apps' tools ------------------------------------------------------------

PAGE_PROPERTIES = {
    "limit": {"type": "integer", "minimum": 1, "maximum": 50, "description": "How many to return (default 20)."},
    "offset": {"type": "integer", "minimum": 0, "description": "How many to skip, for the next page (default 0)."},
}


def validated(serializer_class: type[serializers.Serializer], arguments: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The arguments as the REST route's serializer validates its body (its 400 otherwise)."""
    serializer = serializer_class(data=arguments, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def page(
    rows: QuerySet | list | EstimatedPages,
    *,
    limit: int | None,
    offset: int | None,
    key: str,
    serialize: Callable[[list], Any],
    exact_total_up_to: int | None = None,
) -> dict[str, Any]:
    """One page of `rows`: {key: serialized rows, "total", "limit", "offset"}.

    With `exact_total_up_to`, the total is counted as GET /jobs counts it (exact up to that bound,
    then PostgreSQL's estimate, and "total_is_estimate" says which), and `rows` may be EstimatedPages.
    """
    bounds = validated(_PageSerializer, {"limit": 20 if limit is None else limit, "offset": offset or 0})
    start, stop = bounds["offset"], bounds["offset"] + bounds["limit"]
    if exact_total_up_to is not None:
        if connection.vendor == "postgresql":
            counted = page_with_bounded_total(rows, offset=start, limit=bounds["limit"], bound=exact_total_up_to)
            shown, total, estimated = counted.rows, counted.total, counted.total_is_estimate
        else:
            shown, total, estimated = list(rows[start:stop]), rows.count(), False
        return {key: serialize(shown), "total": total, "total_is_estimate": estimated, "limit": bounds["limit"], "offset": start}
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    return {key: serialize(list(rows[start:stop])), "total": total, "limit": bounds["limit"], "offset": start}


class _PageSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=50)
    offset = serializers.IntegerField(min_value=0)


def throttle_check(throttle_class: type[BaseThrottle], user: Any) -> None:
    """The REST route's per-user throttle, counted for a tool call too (429 when spent)."""
    throttle = throttle_class()
    if not throttle.allow_request(SimpleNamespace(user=user), None):
        raise Throttled(wait=throttle.wait())
