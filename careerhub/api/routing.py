"""Routes that answer with or without a trailing slash, for every method, without redirects.

`route("users/me", view)` matches `/users/me` and `/users/me/`. The OpenAPI schema shows the
form without the slash. `OptionalSlashRouter` does the same for DRF viewsets.
"""

from __future__ import annotations

from django.urls import URLPattern
from django.urls.resolvers import RoutePattern
from rest_framework.routers import SimpleRouter


class OptionalSlashRoutePattern(RoutePattern):
    def __init__(self, route: str, name: str | None = None, is_endpoint: bool = False):
        route = route.rstrip("/") if is_endpoint else route
        super().__init__(route, name=name, is_endpoint=is_endpoint)
        if is_endpoint:
            assert self._regex.endswith(r"\Z")
            self._regex = self._regex[: -len(r"\Z")] + (r"/?\Z" if route else r"\Z")


def route(pattern: str, view, name: str | None = None, kwargs: dict | None = None) -> URLPattern:
    """Like django.urls.path() for an endpoint, with an optional trailing slash."""
    return URLPattern(OptionalSlashRoutePattern(pattern, name=name, is_endpoint=True), view, kwargs or {}, name)


class OptionalSlashRouter(SimpleRouter):
    """A SimpleRouter whose routes take an optional trailing slash.

    Set `lookup_value_converter = "uuid"` (or "int") on the viewset.
    """

    def __init__(self):
        super().__init__(trailing_slash=False, use_regex_path=False)

    def get_urls(self):
        return [
            URLPattern(
                OptionalSlashRoutePattern(str(url.pattern), name=url.name, is_endpoint=True),
                url.callback,
                url.default_args,
                url.name,
            )
            for url in super().get_urls()
        ]
