"""Authorization over every route, enumerated from the URL resolver (issue 8; issue 15 item 9).

For every route and method under /api/v1/, with path parameters naming objects that user A
owns (built through the public API by world.py), the test checks what an anonymous client and
another signed-in user (B) get. What each should get is derived from the route itself, so a new
route is covered the moment it is mounted, with nothing to add here:

    anonymous   401 when the view requires a signed-in user; on a public view, 404 when the path
                names A's object (nobody else finds it), else PUBLIC (anything but 401 and 5xx)
    user B      403 on staff-only views; 404 when the path names A's object (private: not found);
                403 when it names user A (A's private profile is visible but not B's: DESIGN §2);
                else OWN (B acts on B's own data)
    a path holding a secret (the calendar feed's token) is a credential: whoever has it may read

Whatever an answer is, it is never a 5xx, and A's private ids never appear in an answer to the
anonymous client or to B. A path parameter world.py builds no object for fails the route until it
does. Two lists are decisions, not coverage: EXCEPTIONS (where a route deliberately departs from
the rules) and PUBLIC_ROUTES (the routes open to anonymous callers: opening one is a decision
`test_only_the_declared_routes_are_open_to_anonymous_callers` makes someone take consciously).
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import IsAdminUser, IsAuthenticated

from careerhub.tests.hardening.world import build_world

PUBLIC, OWN = "public", "own"

# Routes anonymous callers may use (their views allow anyone).
PUBLIC_ROUTES = {
    "api-root", "health", "health-db", "health-ready",
    "auth-register", "auth-login", "auth-refresh",
    "public-profile",  # a profile its owner chose to share (A has not: 404 for everyone)
    "calendar-feed-public",  # the secret calendar URL is its own credential
    "job-list", "job-detail",  # the job board (A's pasted job is A's alone: 404)
    "saved-search-unsubscribe",  # the digest's link: its signed token is the permission (a bad one: 404)
    "skill-popular",
}
# Path parameters that name a user rather than one of A's objects.
USER_PARAMETERS = {"user_id"}
# Path parameters that are secrets: holding one is the permission.
CREDENTIAL_PARAMETERS = {"token"}
# (route name, method) -> (anonymous, user B): deliberate departures from the rules, with why.
EXCEPTIONS: dict[tuple[str, str], tuple] = {
    # Unfollowing someone B does not follow: there is no follow to find.
    ("follow", "delete"): (401, 404),
}

# Path parameters that name something other than their own kind for one route.
PARAMETER_ALIASES = {
    ("document-by-id", "get"): {"item_id": "application_id"},
    ("document-by-id", "put"): {"item_id": "document_id"},
    ("document-by-id", "delete"): {"item_id": "document_id"},
}
# Routes whose object is not in the world (a generation is created on demand): a random id.
RANDOM_PARAMETERS = {"generation_id"}

METHODS = ("get", "post", "put", "patch", "delete")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _view_class(pattern: URLPattern):
    return getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)


def _methods(pattern: URLPattern) -> list[str]:
    callback = pattern.callback
    actions = getattr(callback, "actions", None)
    if actions:
        return sorted(actions)
    view = _view_class(pattern)
    return [method for method in METHODS if view is not None and hasattr(view, method)]


def api_routes() -> list[tuple[str, str, str]]:
    """(route name, method, path template) for every canonical API route; an unnamed route is
    named by its path."""
    routes = []
    for path, pattern in _walk(get_resolver().url_patterns):
        if path.startswith("api/v1/"):
            routes.extend((pattern.name or path, method, "/" + path) for method in _methods(pattern))
    return sorted(set(routes))


ROUTES = api_routes()
VIEWS = {
    pattern.name or path: _view_class(pattern)
    for path, pattern in _walk(get_resolver().url_patterns)
    if path.startswith("api/v1/")
}
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _parameters(template: str) -> set[str]:
    return {match.group(2) for match in _PARAMETER.finditer(template)}


def _requires_sign_in(name: str) -> bool:
    permissions = VIEWS[name]().get_permissions()
    return any(isinstance(permission, (IsAuthenticated, IsAdminUser)) for permission in permissions)


def _staff_only(name: str) -> bool:
    return any(isinstance(permission, IsAdminUser) for permission in VIEWS[name]().get_permissions())


def expectation(name: str, method: str, template: str) -> tuple:
    """(what the anonymous client gets, what user B gets) for A's objects on this route."""
    if (name, method) in EXCEPTIONS:
        return EXCEPTIONS[(name, method)]
    parameters = _parameters(template)
    if parameters & CREDENTIAL_PARAMETERS:
        return PUBLIC, PUBLIC
    objects = parameters - USER_PARAMETERS
    anonymous = 401 if _requires_sign_in(name) else (404 if objects else PUBLIC)
    if _staff_only(name):
        other = 403
    elif objects:
        other = 404
    elif parameters & USER_PARAMETERS:
        other = 403
    else:
        other = OWN
    return anonymous, other


def test_only_the_declared_routes_are_open_to_anonymous_callers():
    open_routes = {name for name, _, _ in ROUTES if not _requires_sign_in(name)}
    assert open_routes == PUBLIC_ROUTES


def test_the_exceptions_name_existing_routes_and_depart_from_the_rules():
    existing = {(name, method) for name, method, _ in ROUTES}
    assert set(EXCEPTIONS) <= existing, set(EXCEPTIONS) - existing
    templates = {(name, method): template for name, method, template in ROUTES}
    for key, declared in EXCEPTIONS.items():
        del_exception = {k: v for k, v in EXCEPTIONS.items() if k != key}
        assert declared != _derived_without(key, templates[key], del_exception), f"{key} follows the rules anyway"


def _derived_without(key: tuple[str, str], template: str, exceptions: dict) -> tuple:
    global EXCEPTIONS
    saved, EXCEPTIONS = EXCEPTIONS, exceptions
    try:
        return expectation(key[0], key[1], template)
    finally:
        EXCEPTIONS = saved


def test_every_route_has_a_name():
    # Route names key the exceptions and the world's parameters; an unnamed route would be
    # reported by its path.
    assert [name for name, _, _ in ROUTES if name.startswith("api/v1/")] == []


def _url(template: str, name: str, method: str, ids: dict[str, str]) -> str:
    aliases = PARAMETER_ALIASES.get((name, method), {})

    def replace(match):
        parameter = match.group(2)
        if parameter in RANDOM_PARAMETERS:
            return str(uuid.uuid4())
        key = aliases.get(parameter, parameter)
        if key not in ids:
            pytest.fail(f"world.py builds no object for the path parameter {parameter!r} of {name}: add one to build_world")
        return str(ids[key])

    return _PARAMETER.sub(replace, template)


def _call(client, method: str, url: str):
    if method in {"post", "put", "patch"}:
        return getattr(client, method)(url, {}, format="json")
    return getattr(client, method)(url)


def _private_ids(world) -> set[str]:
    shared = {"user_id", "email", "slug"}
    return {value for key, value in world.ids.items() if key not in shared and len(str(value)) >= 8}


def _assert_no_leak(response, url: str, world) -> None:
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.content.decode()
        leaked = [value for value in _private_ids(world) if value in body and value not in url]
        assert not leaked, (url, "another user's ids in the response", leaked)


def _assert_answer(response, expected, url: str, world, *, credential: bool) -> None:
    assert response.status_code < 500, (url, response.status_code, response.content[:300])
    if expected in (PUBLIC, OWN):
        assert response.status_code != 401, (url, response.content[:300])
        if not credential:
            _assert_no_leak(response, url, world)
        return
    assert response.status_code == expected, (url, response.status_code, response.content[:300])
    body = json.loads(response.content)
    # the one error shape, or seed 000's envelope on /profile/career (DESIGN §2)
    assert body.get("code") or body.get("success") is False, body


@pytest.mark.parametrize("name, method, template", ROUTES, ids=[f"{m.upper()} {t}" for _, m, t in ROUTES])
def test_route_authorization(name, method, template, make_user, client_for, api_client):
    # given user A, who owns one of everything, and the route's path naming A's objects
    anonymous, other = expectation(name, method, template)
    credential = bool(_parameters(template) & CREDENTIAL_PARAMETERS)
    owner = make_user()
    world = build_world(client_for(owner), owner)
    url = _url(template, name, method, world.ids)

    # when an anonymous client calls it, then it gets what the route's rules say
    _assert_answer(_call(api_client, method, url), anonymous, url, world, credential=credential)

    # and so does another signed-in user
    intruder = make_user()
    _assert_answer(_call(client_for(intruder), method, url), other, url, world, credential=credential)
