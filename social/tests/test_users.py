"""`/users/search` and `/users/{id}`: profiles under the visibility rules (moved here from accounts)."""

import pytest

from accounts.models import User
from social.tests.factories import follow, make_group

pytestmark = pytest.mark.django_db


def test_search_finds_public_profiles_by_username_or_display_name(auth_client, make_user):
    make_user(username="linus", display_name="Linus T", profile_visibility="public")
    make_user(username="lindsay", display_name="Hidden", profile_visibility="private")
    make_user(username="zed", display_name="Linnea", profile_visibility="public")
    names = [u["username"] for u in auth_client.get("/api/v1/users/search", {"q": "lin"}).json()]
    assert names == ["linus", "zed"]


def test_search_with_a_blank_query_is_an_empty_list(auth_client, make_user):
    make_user(profile_visibility="public")
    assert auth_client.get("/api/v1/users/search", {"q": "  "}).json() == []
    assert auth_client.get("/api/v1/users/search").json() == []


def test_search_pages_with_skip_and_limit(auth_client, make_user):
    for n in range(5):
        make_user(username=f"pager{n}", profile_visibility="public")
    page = auth_client.get("/api/v1/users/search", {"q": "pager", "skip": 1, "limit": 2}).json()
    assert [u["username"] for u in page] == ["pager1", "pager2"]


def test_search_rejects_a_negative_skip_with_400(auth_client):
    response = auth_client.get("/api/v1/users/search", {"q": "a", "skip": -1})
    assert response.status_code == 400
    assert "skip" in response.json()["errors"]


def test_search_finds_followers_only_profiles_for_their_followers(auth_client, user, make_user):
    # given
    hidden = make_user(username="followme", profile_visibility="followers")
    # when / then
    assert auth_client.get("/api/v1/users/search", {"q": "followme"}).json() == []
    follow(user, hidden)
    assert [u["username"] for u in auth_client.get("/api/v1/users/search", {"q": "followme"}).json()] == ["followme"]


def test_search_finds_groups_only_profiles_for_group_mates(auth_client, user, make_user):
    mate = make_user(username="circlemate", profile_visibility="groups")
    assert auth_client.get("/api/v1/users/search", {"q": "circlemate"}).json() == []
    make_group(mate, is_public=False, members=[user])
    assert [u["username"] for u in auth_client.get("/api/v1/users/search", {"q": "circlemate"}).json()] == ["circlemate"]


def test_search_never_lists_deactivated_accounts(auth_client, make_user):
    make_user(username="gone", profile_visibility="public", is_active=False)
    assert auth_client.get("/api/v1/users/search", {"q": "gone"}).json() == []


def test_a_private_profile_is_403_to_others_and_visible_to_its_owner(auth_client, other_client, user):
    assert other_client.get(f"/api/v1/users/{user.pk}").status_code == 403
    response = auth_client.get(f"/api/v1/users/{user.pk}")
    assert response.status_code == 200
    assert set(response.json()) == {"id", "username", "display_name", "bio", "profile_visibility", "streak_days", "created_at"}


def test_a_public_profile_is_visible_to_others(other_client, user):
    User.objects.filter(pk=user.pk).update(profile_visibility="public")
    assert other_client.get(f"/api/v1/users/{user.pk}").status_code == 200


def test_a_followers_profile_is_visible_to_a_follower_only(other_client, client_for, user, other_user, make_user):
    User.objects.filter(pk=user.pk).update(profile_visibility="followers")
    follow(other_user, user)
    assert other_client.get(f"/api/v1/users/{user.pk}").status_code == 200
    assert client_for(make_user()).get(f"/api/v1/users/{user.pk}").status_code == 403


def test_a_groups_profile_is_visible_to_someone_sharing_a_group(other_client, client_for, user, other_user, make_user):
    User.objects.filter(pk=user.pk).update(profile_visibility="groups")
    assert other_client.get(f"/api/v1/users/{user.pk}").status_code == 403
    make_group(other_user, members=[user])
    assert other_client.get(f"/api/v1/users/{user.pk}").status_code == 200
    assert client_for(make_user()).get(f"/api/v1/users/{user.pk}").status_code == 403


def test_an_unknown_or_deactivated_user_is_404(auth_client, make_user):
    gone = make_user(profile_visibility="public", is_active=False)
    assert auth_client.get("/api/v1/users/00000000-0000-0000-0000-000000000000").status_code == 404
    assert auth_client.get("/api/v1/users/not-a-uuid").status_code == 404
    assert auth_client.get(f"/api/v1/users/{gone.pk}").status_code == 404


def test_profiles_need_a_signed_in_user(api_client, user):
    assert api_client.get(f"/api/v1/users/{user.pk}").status_code == 401
    assert api_client.get("/api/v1/users/search", {"q": "ada"}).status_code == 401


def test_users_me_is_still_served_next_to_the_moved_routes(auth_client, user):
    # /users/me (accounts) and /users/{id} (social) share a prefix; neither shadows the other.
    assert auth_client.get("/api/users/me").json()["id"] == str(user.pk)
    assert auth_client.get(f"/api/users/{user.pk}/").json()["id"] == str(user.pk)
