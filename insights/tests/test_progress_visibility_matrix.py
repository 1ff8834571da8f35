"""Who sees a profile, everywhere a profile appears.

For each visibility (private, followers, groups, public) and each viewer (the owner, a
follower, a group-mate, a stranger, anonymous), the owner's profile must be visible exactly
where the rules say, on every surface:

    profile    GET /users/{owner}                      200 when visible, else 403
    search     GET /users/search?q=<owner's username>   the owner listed when visible
    followers  GET /social/followers/{hub}              the owner listed among a public user's
                                                        followers when visible; and the owner's
                                                        own follower list 200 when visible, else 403
    community  GET /progress/community                  the owner listed when visible

Anonymous callers get 401 on every surface.
"""

import pytest
from django.utils import timezone

from social.tests.factories import follow, make_group

pytestmark = pytest.mark.django_db

VISIBILITIES = ["private", "followers", "groups", "public"]
VIEWERS = ["owner", "follower", "group-mate", "stranger"]

# Which signed-in viewers may see the owner's profile, per visibility.
MAY_SEE = {
    "private": {"owner"},
    "followers": {"owner", "follower"},
    "groups": {"owner", "group-mate"},
    "public": {"owner", "follower", "group-mate", "stranger"},
}


@pytest.fixture
def world(make_user):
    today = timezone.localdate()
    owner = make_user(username="matrixowner", last_active_date=today)
    follower = make_user(username="fan", profile_visibility="private")
    mate = make_user(username="mate", profile_visibility="private")
    stranger = make_user(username="stranger", profile_visibility="private")
    hub = make_user(username="hub", profile_visibility="public")
    follow(follower, owner)
    make_group(mate, name="Private circle", is_public=False, members=[owner])
    follow(owner, hub)  # so the owner appears in the hub's follower list
    return {"owner": owner, "follower": follower, "group-mate": mate, "stranger": stranger, "hub": hub}


def _surfaces(client, owner, hub) -> dict[str, object]:
    owner_id = str(owner.pk)
    return {
        "profile": client.get(f"/api/v1/users/{owner.pk}").status_code,
        "search": [u["id"] for u in client.get("/api/v1/users/search", {"q": "matrixowner"}).json()] == [owner_id],
        "followers": any(f["follower_id"] == owner_id for f in client.get(f"/api/v1/social/followers/{hub.pk}").json()),
        "own follower list": client.get(f"/api/v1/social/followers/{owner.pk}").status_code,
        "community": any(m["user_id"] == owner_id for m in client.get("/api/v1/progress/community").json()),
    }


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_profile_is_seen_exactly_where_its_visibility_allows(world, client_for, visibility, viewer):
    # given
    owner = world["owner"]
    owner.profile_visibility = visibility
    owner.save(update_fields=["profile_visibility"])
    visible = viewer in MAY_SEE[visibility]
    # when
    seen = _surfaces(client_for(world[viewer]), owner, world["hub"])
    # then
    assert seen == {
        "profile": 200 if visible else 403,
        "search": visible,
        "followers": visible,
        "own follower list": 200 if visible else 403,
        "community": visible,
    }


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_anonymous_callers_see_no_profile_anywhere(world, api_client, visibility):
    owner, hub = world["owner"], world["hub"]
    owner.profile_visibility = visibility
    owner.save(update_fields=["profile_visibility"])
    for path in (
        f"/api/v1/users/{owner.pk}",
        "/api/v1/users/search?q=matrixowner",
        f"/api/v1/social/followers/{hub.pk}",
        f"/api/v1/social/followers/{owner.pk}",
        "/api/v1/progress/community",
    ):
        assert api_client.get(path).status_code == 401, path
