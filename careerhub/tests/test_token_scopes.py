"""Every route declares the scope a personal access token needs, and the API holds tokens to it (issue 20).

The URL conf is walked: a DRF route without a declaration fails the first test, which says what
to write; every canonical API route and method is then called with a token that lacks its scope
(403 `insufficient_scope` naming it), with a token that has only that scope (let through), and, on
routes closed to tokens, with a token holding every scope (403 `token_not_allowed`).
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from careerhub.api.scopes import HOW_TO_DECLARE, NO_TOKEN, PUBLIC, SCOPES, Scope, declaration_of

METHODS = ("get", "post", "put", "patch", "delete")
TOKEN_REFUSALS = {"401", "insufficient_scope", "token_not_allowed"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _drf_routes() -> list[tuple[str, URLPattern]]:
    """Every route whose view is a DRF view: the ones a bearer credential is read on."""
    return [(path, pattern) for path, pattern in _walk(get_resolver().url_patterns) if hasattr(pattern.callback, "cls")]


def _methods(pattern: URLPattern) -> list[str]:
    view = pattern.callback.cls
    return [method for method in METHODS if hasattr(view, method)]


def _api_routes() -> list[tuple[str, str, str, object]]:
    """(route name, method, path template, declaration) for every canonical API route."""
    routes = {
        (pattern.name, method, "/" + path): declaration_of(pattern.callback)
        for path, pattern in _drf_routes()
        if path.startswith("api/v1/") and pattern.name
        for method in _methods(pattern)
    }
    return [(*route, declaration) for route, declaration in sorted(routes.items())]


ROUTES = _api_routes()
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _url(template: str) -> str:
    """The template with made-up path parameters: the scope is checked before any object is looked up."""

    def replace(match):
        converter = match.group(1) or "str"
        return {"uuid": str(uuid.uuid4()), "int": "999999"}.get(converter, "made-up")

    return _PARAMETER.sub(replace, template)


def _call(client, method: str, url: str):
    if method in {"post", "put", "patch"}:
        return getattr(client, method)(url, {}, format="json")
    return getattr(client, method)(url)


def _refusal(response) -> tuple[str, str] | None:
    """(code, message) when a personal access token was refused, else None.

    Read from the one error shape, or from seed 000's envelope on /profile/career (DESIGN §2),
    which carries only the message.
    """
    if response.status_code not in (401, 403):
        return None
    body = json.loads(response.content)
    message = body.get("detail") or body.get("error") or ""
    code = body.get("code")
    if code is None and message.startswith("This token lacks the"):
        code = "insufficient_scope"
    elif code is None and message.startswith("Personal access tokens cannot be used here"):
        code = "token_not_allowed"
    return (str(response.status_code) if response.status_code == 401 else code), message


def test_every_route_declares_the_scope_a_personal_access_token_needs():
    # given every DRF route of the URL conf, under every prefix it is mounted at
    routes = _drf_routes()

    # when their declarations are read
    undeclared = sorted({f"/{path} (name={pattern.name!r})" for path, pattern in routes if declaration_of(pattern.callback) is None})

    # then none is missing
    assert routes
    assert not undeclared, (
        "These routes do not say what a personal access token needs. Add `scope=...` to their "
        f"route(...) in the app's api/urls.py: {HOW_TO_DECLARE}.\n  " + "\n  ".join(undeclared)
    )


def test_a_route_cannot_declare_an_unknown_scope():
    # given / when / then: a misspelt scope stops the URL conf from loading, naming the scopes
    with pytest.raises(ValueError, match="tracker:read"):
        Scope(read="tracker:reed", write=None)


@pytest.mark.parametrize("name, method, template, declaration", ROUTES, ids=[f"{m.upper()} {t}" for _, m, t, _ in ROUTES])
def test_a_personal_access_token_is_held_to_the_scope_of_every_route(name, method, template, declaration, make_user, token_client_for):
    # given a user and the route with its path parameters filled in
    user = make_user()
    url = _url(template)

    if declaration is PUBLIC:
        # when a token with any one scope calls it / then it is let through
        response = _call(token_client_for(user, ["social:read"]), method, url)
        assert response.status_code < 500, (url, response.status_code, response.content[:300])
        assert (_refusal(response) or ("",))[0] not in TOKEN_REFUSALS, (url, response.content[:300])
        return

    needed = declaration.for_method(method) if isinstance(declaration, Scope) else None
    if declaration is NO_TOKEN or needed is None:
        # when even a token with every scope calls it / then it is refused as no place for tokens
        response = _call(token_client_for(user), method, url)
        assert response.status_code == 403, (url, response.status_code, response.content[:300])
        assert _refusal(response)[0] == "token_not_allowed"
        return

    # when a token with every scope but the one needed calls it
    response = _call(token_client_for(user, [scope for scope in SCOPES if scope != needed]), method, url)
    # then it is refused, naming the scope
    assert response.status_code == 403, (url, response.status_code, response.content[:300])
    code, message = _refusal(response)
    assert code == "insufficient_scope"
    assert f"lacks the {needed} scope" in message

    # when a token with only that scope calls it
    response = _call(token_client_for(user, [needed]), method, url)
    # then the token is let through to the view (which may still answer 400, 404, ...)
    assert response.status_code < 500, (url, response.status_code, response.content[:300])
    assert (_refusal(response) or ("",))[0] not in TOKEN_REFUSALS, (url, response.content[:300])
