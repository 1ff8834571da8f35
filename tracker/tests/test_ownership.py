"""Owner-only, everywhere: a matrix generated from the URL resolver over every tracker route.

A new route in tracker/api/urls.py is covered here without editing this file; a route with a
new kind of path parameter fails `test_every_path_parameter_maps_to_an_owned_object` until the
parameter is added to OBJECT_FOR_KWARG.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tracker import models
from tracker.tests import factories

pytestmark = pytest.mark.django_db

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
# The calendar feed is public by design: its secret token is the key (tests in test_calendar.py).
PUBLIC_ROUTES = {"calendar-feed-public"}
# One object per user, without an id in the path: a caller who has none gets 404.
SINGLETON_ROUTES = {"inbox-imap"}
OBJECT_FOR_KWARG = {
    "application_id": "application",
    "stage_id": "stage",
    "outcome_id": "outcome",
    "reflection_id": "reflection",
    "contact_id": "contact",
    "reminder_id": "reminder",
    "tag_id": "tag",
    "saved_job_id": "saved_job",
    "item_id": "document",
    "message_id": "inbox_message",
    "suggestion_id": "inbox_suggestion",
}
# Seed 003 puts two resources on one path: GET /documents/{application_id}, PUT/DELETE /documents/{doc_id}.
OBJECT_FOR_METHOD = {("document-by-id", "get", "item_id"): "application"}


def _tracker_routes() -> list[tuple[str, URLPattern]]:
    """Every (name, pattern) under /api/v1/ whose view lives in the tracker app."""
    routes: list[tuple[str, URLPattern]] = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif pattern.callback.__module__.startswith("tracker."):
                routes.append((pattern.name, pattern))

    (v1,) = [p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "v1"]
    walk(v1.url_patterns)
    return routes


ROUTES = _tracker_routes()
CASES = [
    (name, method, pattern)
    for name, pattern in ROUTES
    for method in HTTP_METHODS
    if hasattr(pattern.callback.view_class, method)
]
OWNED_CASES = [case for case in CASES if case[0] not in PUBLIC_ROUTES and case[2].pattern.converters]
COLLECTION_GETS = [case for case in CASES if case[0] not in PUBLIC_ROUTES and not case[2].pattern.converters and case[1] == "get"]


def _id(case) -> str:
    return f"{case[1].upper()} {case[0]}"


@pytest.fixture
def owned(user):
    """One of everything, owned by `user`."""
    application = factories.application(user, company_name="Ownerco Unique", status="Applied")
    label = factories.tag(user, "owner-tag")
    factories.assign(application, label)
    message = factories.inbox_message(user, application=application)
    return {
        "application": application,
        "stage": factories.stage(application, stage_date=timezone.localdate()),
        "outcome": factories.outcome(application),
        "reflection": factories.reflection(application),
        "contact": factories.contact(user, application=application),
        "document": factories.document(application),
        "reminder": factories.reminder(user, application=application),
        "tag": label,
        "saved_job": factories.saved_job(user, company_name="Ownerco Unique"),
        "inbox_message": message,
        "inbox_suggestion": factories.inbox_suggestion(message),
    }


def _path(name: str, method: str, pattern: URLPattern, objects: dict) -> str:
    kwargs = {
        kwarg: objects[OBJECT_FOR_METHOD.get((name, method, kwarg), OBJECT_FOR_KWARG[kwarg])].pk
        for kwarg in pattern.pattern.converters
    }
    return reverse(f"v1:{name}", kwargs=kwargs)


def _snapshot(user) -> tuple:
    counts = tuple(
        model.objects.count()
        for model in (
            models.Application, models.ApplicationStage, models.Outcome, models.Reflection, models.Contact,
            models.Document, models.Reminder, models.Tag, models.ApplicationTag, models.SavedJob,
            models.InboxMessage, models.InboxSuggestion,
        )
    )
    application = models.Application.objects.get(company_name="Ownerco Unique")
    saved_job = models.SavedJob.objects.get(company_name="Ownerco Unique")
    reminder = models.Reminder.objects.get(user=user)
    suggestion = models.InboxSuggestion.objects.get(user=user)
    return counts, application.status, application.notes, saved_job.status, reminder.is_completed, suggestion.status


def test_the_matrix_found_every_tracker_route():
    from tracker.api.urls import urlpatterns

    assert {name for name, _ in ROUTES} == {pattern.name for pattern in urlpatterns}
    assert len(OWNED_CASES) >= 30


@pytest.mark.parametrize("case", [case for case in CASES if case[0] not in PUBLIC_ROUTES], ids=_id)
def test_an_anonymous_client_gets_401(api_client, owned, case):
    name, method, pattern = case
    response = getattr(api_client, method)(_path(name, method, pattern, owned), {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] in {"not_authenticated", "authentication_failed"}


@pytest.mark.parametrize("case", OWNED_CASES, ids=_id)
def test_another_user_gets_404_and_changes_nothing(other_client, client_for, user, owned, case):
    # given
    name, method, pattern = case
    path = _path(name, method, pattern, owned)
    before = _snapshot(user)
    # when someone else tries, whatever the body
    response = getattr(other_client, method)(path, {"notes": "pwned", "name": "pwned", "stage_name": "x"}, format="json")
    # then
    assert response.status_code == 404, response.content
    assert _snapshot(user) == before
    # and the same request by the owner does find the object (so the 404 above was about ownership)
    assert getattr(client_for(user), method)(path, {}, format="json").status_code not in (404, 500)


@pytest.mark.parametrize(
    "case", [case for case in OWNED_CASES if "application_id" in case[2].pattern.converters and len(case[2].pattern.converters) > 1], ids=_id
)
def test_a_child_object_is_not_reachable_through_the_callers_own_application(other_client, other_user, user, owned, case):
    # given the caller's own application and the owner's child object
    name, method, pattern = case
    mine = {**owned, "application": factories.application(other_user)}
    before = _snapshot(user)
    # when
    response = getattr(other_client, method)(_path(name, method, pattern, mine), {}, format="json")
    # then
    assert response.status_code == 404
    assert _snapshot(user) == before


@pytest.mark.parametrize("case", COLLECTION_GETS, ids=_id)
def test_collections_never_show_another_users_rows(other_client, owned, case):
    name, method, pattern = case
    response = other_client.get(_path(name, method, pattern, owned))
    assert response.status_code == (404 if name in SINGLETON_ROUTES else 200)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Ownerco Unique" not in content
    for row in owned.values():
        assert str(row.pk).encode() not in content


def test_every_path_parameter_maps_to_an_owned_object():
    for name, pattern in ROUTES:
        if name in PUBLIC_ROUTES:
            continue
        for kwarg in pattern.pattern.converters:
            assert kwarg in OBJECT_FOR_KWARG, f"{name}: add {kwarg!r} to OBJECT_FOR_KWARG"


@pytest.mark.parametrize(
    ("method", "path", "body_for"),
    [
        ("post", "/api/v1/contacts", lambda owned: {"name": "x", "application_id": str(owned["application"].pk)}),
        ("post", "/api/v1/documents", lambda owned: {"name": "x", "application_id": str(owned["application"].pk)}),
        (
            "post",
            "/api/v1/reminders",
            lambda owned: {"title": "x", "remind_at": "2026-03-15T09:00:00", "application_id": str(owned["application"].pk)},
        ),
    ],
)
def test_bodies_cannot_point_at_another_users_application(other_client, user, owned, method, path, body_for):
    before = _snapshot(user)
    assert getattr(other_client, method)(path, body_for(owned), format="json").status_code == 404
    assert _snapshot(user) == before
