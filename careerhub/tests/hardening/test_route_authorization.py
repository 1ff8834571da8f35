"""Authorization over every route, enumerated from the URL resolver (issue 8).

For every route and method under /api/v1/, with path parameters naming objects that user A
owns, the test checks what an anonymous client and another signed-in user (B) get. Every
route must be classified in POLICIES; a new route that nobody classified fails
`test_every_route_is_classified` until someone decides who may use it.

Expectations:
    ANON   what an anonymous client gets: 401, or PUBLIC (anything but 401 and 5xx)
    OTHER  what user B gets for A's objects: 404 (private: not found), 403 (visible but not
           B's to change, or staff only), or OWN (B acts on B's own data: any answer but a
           5xx, and A's private ids never appear in it)
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from careerhub.tests.hardening.world import build_world

PUBLIC, OWN = "public", "own"

# route name -> {method or "*": (anonymous expectation, other-user expectation)}
POLICIES: dict[str, dict[str, tuple]] = {
    # the API root, health and sign-in
    "api-root": {"*": (PUBLIC, OWN)},
    "health": {"*": (PUBLIC, OWN)},
    "health-db": {"*": (PUBLIC, OWN)},
    "health-ready": {"*": (PUBLIC, OWN)},
    "auth-register": {"*": (PUBLIC, OWN)},
    "auth-login": {"*": (PUBLIC, OWN)},
    "auth-refresh": {"*": (PUBLIC, OWN)},
    "auth-logout": {"*": (401, OWN)},
    "auth-me": {"*": (401, OWN)},
    # personal access tokens: the list is the caller's own; A's token is not B's to revoke
    "auth-token-list": {"*": (401, OWN)},
    "auth-token-detail": {"*": (401, 404)},
    "user-me": {"*": (401, OWN)},
    # staff only
    "admin-user-list": {"*": (401, 403)},
    "admin-user-detail": {"*": (401, 403)},
    "admin-allowlist": {"*": (401, 403)},
    "admin-allowlist-entry": {"*": (401, 403)},
    "admin-cache-stats": {"*": (401, 403)},
    "admin-cache-reset-metrics": {"*": (401, 403)},
    # the one profile and its faces: always the caller's own
    **{
        name: {"*": (401, OWN)}
        for name in [
            "profile", "profile-cv", "profile-cv-parsed", "profile-career", "profile-availability",
            "profile-job-preferences", "profile-contact-information", "profile-resume", "profile-skills",
            "profile-social-links", "profile-summary", "profile-sharing", "industry-profile",
        ]
    },
    # a share link is public by design (A has not turned sharing on, so everyone gets 404)
    "public-profile": {"*": (PUBLIC, 404)},
    # resumes
    "resume-list": {"*": (401, OWN)},
    "resume-detail": {"*": (401, 404)},
    "resume-file": {"*": (401, 404)},
    "resume-upload": {"*": (401, 404)},
    "resume-export": {"*": (401, 404)},
    # tracker
    **{
        name: {"*": (401, OWN)}
        for name in [
            "application-list", "application-export", "application-import", "contact-list", "document-create",
            "reminder-list", "reminder-upcoming", "tag-list", "saved-job-list", "analytics-dashboard",
            "analytics-activity", "analytics-questions", "calendar-feed", "calendar-feed-rotate",
        ]
    },
    **{
        name: {"*": (401, 404)}
        for name in [
            "application-detail", "stage-create", "stage-detail", "stage-ics", "outcome-create", "outcome-detail",
            "reflection-create", "reflection-detail", "contact-detail", "document-by-id", "reminder-detail",
            "reminder-complete", "reminder-ics", "tag-detail", "tag-application-list", "tag-assign", "tag-remove",
            "saved-job-detail", "saved-job-convert",
        ]
    },
    # the secret calendar URL is its own credential: anyone holding it reads the feed
    "calendar-feed-public": {"*": (PUBLIC, PUBLIC)},
    # jobs: the board is public; A's pasted job is A's alone
    "job-list": {"*": (PUBLIC, OWN)},
    "job-detail": {"*": (404, 404)},
    "job-refresh": {"*": (401, OWN)},
    "job-scrape-log-latest": {"*": (401, OWN)},
    "user-job-list": {"*": (401, OWN)},
    "user-job-parse": {"*": (401, OWN)},
    "user-job-detail": {"*": (401, 404)},
    # saved searches: A's are A's alone; the unsubscribe link needs its signed token, not a sign-in
    "saved-search-list": {"*": (401, OWN)},
    "saved-search-detail": {"*": (401, 404)},
    "saved-search-results": {"*": (401, 404)},
    "saved-search-unsubscribe": {"*": (404, 404)},
    # matches and generation
    "match-list": {"*": (401, OWN)},
    "match-refresh": {"*": (401, OWN)},
    "match-refresh-status": {"*": (401, OWN)},
    "match-status": {"*": (401, 404)},
    "match-generate-cover-letter": {"*": (401, 404)},
    "match-generate-highlights": {"*": (401, 404)},
    "match-regenerate": {"*": (401, 404)},
    "match-tailor-resume": {"*": (401, 404)},
    "match-generation": {"*": (401, 404)},
    # insights
    "skill-popular": {"*": (PUBLIC, OWN)},
    "skill-custom": {"*": (401, OWN)},
    "skill-insights": {"*": (401, OWN)},
    "skill-insights-refresh": {"*": (401, OWN)},
    "milestone-list": {"*": (401, OWN)},
    "milestone-mine": {"*": (401, OWN)},
    "community-list": {"*": (401, OWN)},
    "stats-detail": {"*": (401, OWN)},
    # social: A's profile is private, A's group is private, A's post is not public
    "user-search": {"*": (401, OWN)},
    "user-detail": {"*": (401, 403)},
    "follow": {"post": (401, 403), "delete": (401, 404)},
    "follow-followers": {"*": (401, 403)},
    "follow-following": {"*": (401, 403)},
    "follow-stats": {"*": (401, 403)},
    # follow requests: the list is the caller's own; A's request is not B's to answer
    "follow-request-list": {"*": (401, OWN)},
    "follow-request-approve": {"*": (401, 404)},
    "follow-request-decline": {"*": (401, 404)},
    "group-list": {"*": (401, OWN)},
    "group-mine": {"*": (401, OWN)},
    "group-detail": {"*": (401, 404)},
    "group-join": {"*": (401, 404)},
    "group-leave": {"*": (401, 404)},
    "group-members": {"*": (401, 404)},
    "group-invite": {"*": (401, 404)},
    "post-create": {"*": (401, OWN)},
    "post-feed": {"*": (401, OWN)},
    "post-mine": {"*": (401, OWN)},
    "post-detail": {"*": (401, 404)},
    "post-react": {"*": (401, 404)},
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


def _methods(pattern: URLPattern) -> list[str]:
    callback = pattern.callback
    actions = getattr(callback, "actions", None)
    if actions:
        return sorted(actions)
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return [method for method in METHODS if view is not None and hasattr(view, method)]


def api_routes() -> list[tuple[str, str, str]]:
    """(route name, method, path template) for every canonical API route."""
    routes = []
    for path, pattern in _walk(get_resolver().url_patterns):
        if path.startswith("api/v1/") and pattern.name:
            routes.extend((pattern.name, method, "/" + path) for method in _methods(pattern))
    return sorted(set(routes))


ROUTES = api_routes()


def test_every_route_is_classified():
    unclassified = sorted({name for name, _, _ in ROUTES if name not in POLICIES})
    assert not unclassified, f"classify these routes in POLICIES: {unclassified}"
    stale = sorted(set(POLICIES) - {name for name, _, _ in ROUTES})
    assert not stale, f"POLICIES names routes that no longer exist: {stale}"


_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _url(template: str, name: str, method: str, ids: dict[str, str]) -> str:
    aliases = PARAMETER_ALIASES.get((name, method), {})

    def replace(match):
        parameter = match.group(2)
        if parameter in RANDOM_PARAMETERS:
            return str(uuid.uuid4())
        return str(ids[aliases.get(parameter, parameter)])

    return _PARAMETER.sub(replace, template)


def _call(client, method: str, url: str):
    if method in {"post", "put", "patch"}:
        return getattr(client, method)(url, {}, format="json")
    return getattr(client, method)(url)


def _expectation(name: str, method: str) -> tuple:
    policy = POLICIES[name]
    return policy.get(method, policy.get("*"))


def _private_ids(world) -> set[str]:
    shared = {"user_id", "email", "slug"}
    return {value for key, value in world.ids.items() if key not in shared and len(str(value)) >= 8}


@pytest.mark.parametrize("name, method, template", ROUTES, ids=[f"{m.upper()} {t}" for _, m, t in ROUTES])
def test_route_authorization(name, method, template, make_user, client_for, api_client):
    if name not in POLICIES:
        pytest.fail(f"route {name} is not classified")
    anonymous, other = _expectation(name, method)
    owner = make_user()
    world = build_world(client_for(owner), owner)
    url = _url(template, name, method, world.ids)

    # anonymous
    response = _call(api_client, method, url)
    assert response.status_code < 500, (url, response.status_code, response.content[:300])
    if anonymous == PUBLIC:
        assert response.status_code != 401, (url, response.content[:300])
    else:
        assert response.status_code == anonymous, (url, response.status_code, response.content[:300])
        body = json.loads(response.content)
        # the one error shape, or seed 000's envelope on /profile/career (DESIGN §2)
        assert body.get("code") or body.get("success") is False, body

    # another user
    intruder = make_user()
    response = _call(client_for(intruder), method, url)
    assert response.status_code < 500, (url, response.status_code, response.content[:300])
    if other in (PUBLIC, OWN):
        if other == OWN and response.get("Content-Type", "").startswith("application/json"):
            body = response.content.decode()
            leaked = [value for value in _private_ids(world) if value in body and value not in url]
            assert not leaked, (url, "another user's ids in the response", leaked)
    else:
        assert response.status_code == other, (url, response.status_code, response.content[:300])
