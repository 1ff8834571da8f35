"""The scopes of personal access tokens, and the one scope each route declares (issue 20).

A personal access token (accounts) carries a set of scopes; a JWT from signing in carries them
all. Every route declares on itself, once, what a token needs to use it, in its app's
`api/urls.py`:

    route("applications", view, name="application-list", scope="tracker")
        GET/HEAD → tracker:read, every other method → tracker:write
    route("jobs", view, name="job-list", scope="jobs:read")
        that one scope, whatever the method
    route("user-jobs", view, name="user-job-list", scope=Scope(read="jobs:read", write="matches:write"))
        a read scope and a write scope that are not one area's
    route("admin/users", view, name="admin-user-list", scope=NO_TOKEN)
        personal access tokens are refused (token management, sign-in sessions, email and
        password changes, staff routes)
    route("health", view, name="health", scope=PUBLIC)
        nobody needs to sign in; any valid token passes

The declaration sits on the route's view function (the `ResolverMatch.func` of a request), so
the authentication that reads a personal access token (accounts.authentication) finds it for
every request. A route without one refuses every personal access token, and
`careerhub/tests/test_token_scopes.py` walks the URL conf and fails, naming what to write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The areas a token can be given, each with a read and (where one exists) a write scope.
SCOPES: tuple[str, ...] = (
    "profile:read",
    "profile:write",
    "jobs:read",
    "matches:read",
    "matches:write",
    "tracker:read",
    "tracker:write",
    "social:read",
    "social:write",
)
SCOPE_DESCRIPTIONS: dict[str, str] = {
    "profile:read": "Read the profile, resumes and account settings.",
    "profile:write": "Change the profile, resumes and account settings (never the email or password).",
    "jobs:read": "Search and read job postings, saved searches and pasted jobs.",
    "matches:read": "Read matches, their scores and generated material.",
    "matches:write": "Refresh matches, set their status, generate cover letters, tailor resumes, paste jobs, save searches.",
    "tracker:read": "Read applications, stages, contacts, documents, reminders, tags, saved jobs, analytics, progress.",
    "tracker:write": "Create and change applications, stages, contacts, documents, reminders, tags and saved jobs.",
    "social:read": "Read profiles of other users, follows, groups, posts and the feed.",
    "social:write": "Follow, join groups, post and react.",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Scope:
    """What a token needs on one route: `read` for GET/HEAD/OPTIONS, `write` for every other method.

    None on a side means personal access tokens are refused for those methods.
    """

    read: str | None
    write: str | None

    def __post_init__(self) -> None:
        for scope in (self.read, self.write):
            if scope is not None and scope not in SCOPES:
                raise ValueError(f"Unknown token scope {scope!r}; the scopes are: {', '.join(SCOPES)}.")

    def for_method(self, method: str) -> str | None:
        return self.read if method.upper() in SAFE_METHODS else self.write


@dataclass(frozen=True)
class _Marker:
    name: str

    def __repr__(self) -> str:
        return self.name


# Personal access tokens are refused here, whatever their scopes.
NO_TOKEN = _Marker("NO_TOKEN")
# Nobody needs to sign in here: any valid token passes, none is asked for a scope.
PUBLIC = _Marker("PUBLIC")

Declaration = Scope | _Marker
# The attribute of a route's view function that holds its declaration.
ATTRIBUTE = "token_scope"
HOW_TO_DECLARE = (
    'scope="<area>" (GET/HEAD → <area>:read, other methods → <area>:write; areas: profile, matches, tracker, '
    'social), scope="<area>:read" (that one scope for every method), '
    'scope=Scope(read="jobs:read", write="matches:write"), scope=PUBLIC (no sign-in needed) or scope=NO_TOKEN '
    "(personal access tokens refused: token management, sessions, email/password, staff routes); "
    "Scope, PUBLIC and NO_TOKEN come from careerhub.api.scopes"
)


def declaration_parse(value: str | Declaration) -> Declaration:
    """A route's `scope=` argument as a declaration; a wrong one stops the URL conf from loading."""
    if isinstance(value, (Scope, _Marker)):
        return value
    if isinstance(value, str) and ":" in value:
        return Scope(read=value, write=value)
    if isinstance(value, str):
        read, write = f"{value}:read", f"{value}:write"
        if read not in SCOPES or write not in SCOPES:
            raise ValueError(f"{value!r} is not an area with a read and a write scope. Write {HOW_TO_DECLARE}.")
        return Scope(read=read, write=write)
    raise TypeError(f"A route's scope must be a string, a Scope, PUBLIC or NO_TOKEN, not {value!r}.")


def declare(view: Callable[..., Any], value: str | Declaration) -> None:
    """Attach the declaration to a route's view function (a view shared by two routes keeps one)."""
    declaration = declaration_parse(value)
    existing = getattr(view, ATTRIBUTE, None)
    if existing is not None and existing != declaration:
        raise ValueError(f"{view.__name__} is already declared {existing!r}; a view has one scope, not {declaration!r}.")
    setattr(view, ATTRIBUTE, declaration)


def declaration_of(view: Callable[..., Any] | None) -> Declaration | None:
    return getattr(view, ATTRIBUTE, None) if view is not None else None


@dataclass(frozen=True)
class Requirement:
    """What a personal access token needs for one request: `allowed` False means refused outright."""

    allowed: bool
    scope: str | None


def requirement(view: Callable[..., Any] | None, method: str) -> Requirement:
    """The scope one request (its route's view function and method) asks of a personal access token."""
    declaration = declaration_of(view)
    if declaration is PUBLIC:
        return Requirement(allowed=True, scope=None)
    if not isinstance(declaration, Scope):
        # NO_TOKEN, or a route that declares nothing: refused (the walking test names the latter).
        return Requirement(allowed=False, scope=None)
    scope = declaration.for_method(method)
    return Requirement(allowed=scope is not None, scope=scope)


def scopes_unknown(scopes: list[str]) -> list[str]:
    return [scope for scope in scopes if scope not in SCOPES]
