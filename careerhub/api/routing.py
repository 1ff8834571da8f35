"""Routes that answer with or without a trailing slash, for every method, without redirects,
each declaring the scope a personal access token needs (careerhub.api.scopes).

`route("users/me", view)` matches `/users/me` and `/users/me/`. The OpenAPI schema shows the
form without the slash.
"""

from __future__ import annotations

from django.urls import URLPattern
from django.urls.resolvers import RoutePattern

from careerhub.api import scopes


class OptionalSlashRoutePattern(RoutePattern):
    def __init__(self, route: str, name: str | None = None, is_endpoint: bool = False):
        route = route.rstrip("/") if is_endpoint else route
        super().__init__(route, name=name, is_endpoint=is_endpoint)
        if is_endpoint:
            assert self._regex.endswith(r"\Z")
            self._regex = self._regex[: -len(r"\Z")] + (r"/?\Z" if route else r"\Z")


def route(
    pattern: str,
    view,
    name: str | None = None,
    kwargs: dict | None = None,
    *,
    scope: str | scopes.Declaration | None = None,
) -> URLPattern:
    """Like django.urls.path() for an endpoint, with an optional trailing slash.

    `scope` is what a personal access token needs on this route (careerhub.api.scopes); a view
    mounted again under another prefix keeps the scope of its first route.
    """
    if scope is not None:
        scopes.declare(view, scope)
    return URLPattern(OptionalSlashRoutePattern(pattern, name=name, is_endpoint=True), view, kwargs or {}, name)
