"""Mass assignment (issue 8): protected fields sent to every writable endpoint change nothing.

The world builder sends these fields with every create and update it makes; then every PUT
route is called again with only the protected fields.
"""

import uuid

import pytest

from accounts.models import User
from careerhub.tests.hardening.test_route_authorization import ROUTES, _url
from careerhub.tests.hardening.world import build_world

pytestmark = pytest.mark.django_db

FORGED_ID = str(uuid.uuid4())
FORGED_TIME = "2000-01-01T00:00:00Z"


def protected_fields(victim_id: str) -> dict:
    return {
        "id": FORGED_ID,
        "user": victim_id,
        "user_id": victim_id,
        "owner": victim_id,
        "owner_id": victim_id,
        "follower_id": victim_id,
        "created_by": victim_id,
        "created_at": FORGED_TIME,
        "updated_at": FORGED_TIME,
        "is_admin": True,
        "is_staff": True,
        "is_superuser": True,
        "streak_days": 999,
        "reaction_count": 999,
        "member_count": 999,
        "usage_count": 999,
    }


def assert_nothing_forged(label: str, body, owner_id: str, victim_id: str):
    objects = body if isinstance(body, list) else [body]
    for item in objects:
        if not isinstance(item, dict):
            continue
        assert str(item.get("id")) != FORGED_ID, (label, item)
        for owner_field in ("user_id", "owner", "created_by", "follower_id"):
            if owner_field in item and item[owner_field] is not None:
                assert str(item[owner_field]) != victim_id, (label, owner_field, item)
        for time_field in ("created_at", "updated_at"):
            if isinstance(item.get(time_field), str):
                assert not item[time_field].startswith("2000-01-01"), (label, time_field, item)
        for counter in ("streak_days", "reaction_count", "member_count", "usage_count"):
            if counter in item:
                assert item[counter] != 999, (label, counter, item)
        for flag in ("is_admin", "is_staff"):
            if flag in item:
                assert item[flag] is False, (label, flag, item)
        for nested in item.values():
            if isinstance(nested, dict) and "id" in nested:
                assert_nothing_forged(label, nested, owner_id, victim_id)


def test_creates_ignore_protected_fields(make_user, client_for):
    owner, victim = make_user(), make_user()
    world = build_world(client_for(owner), owner, extra=protected_fields(str(victim.pk)))
    assert world.responses, "the world builder made no writes"
    for label, body in world.responses:
        assert_nothing_forged(label, body, str(owner.pk), str(victim.pk))
    owner.refresh_from_db()
    assert not owner.is_staff and not owner.is_superuser and owner.streak_days < 999


PUT_ROUTES = [(name, template) for name, method, template in ROUTES if method == "put" and not name.startswith("admin-")]


@pytest.mark.parametrize("name, template", PUT_ROUTES, ids=[template for _, template in PUT_ROUTES])
def test_updates_ignore_protected_fields(name, template, make_user, client_for):
    owner, victim = make_user(), make_user()
    client = client_for(owner)
    world = build_world(client, owner)
    url = _url(template, name, "put", world.ids)
    response = client.put(url, protected_fields(str(victim.pk)), format="json")
    assert response.status_code < 500, (url, response.content[:300])
    if response.get("Content-Type", "").startswith("application/json") and response.status_code < 300:
        assert_nothing_forged(f"PUT {url}", response.json(), str(owner.pk), str(victim.pk))
    owner.refresh_from_db()
    assert not owner.is_staff and owner.streak_days < 999
    assert User.objects.filter(pk=victim.pk, is_staff=False).exists()
