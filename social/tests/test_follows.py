import pytest

from accounts.models import User
from careerhub import events
from social.models import Follow
from social.tests.factories import follow, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_other(other_user):
    User.objects.filter(pk=other_user.pk).update(profile_visibility="public")
    other_user.refresh_from_db()
    return other_user


def test_following_a_public_profile_answers_201_with_the_follow(auth_client, user, public_other):
    response = auth_client.post(f"/api/v1/social/follow/{public_other.pk}")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "follower_id", "following_id", "created_at"}
    assert (body["follower_id"], body["following_id"]) == (str(user.pk), str(public_other.pk))


def test_it_rejects_following_yourself(auth_client, user):
    response = auth_client.post(f"/api/v1/social/follow/{user.pk}")
    assert response.status_code == 400
    assert response.json()["detail"] == "You cannot follow yourself."


def test_it_rejects_a_second_follow_of_the_same_user(auth_client, public_other):
    auth_client.post(f"/api/v1/social/follow/{public_other.pk}")
    response = auth_client.post(f"/api/v1/social/follow/{public_other.pk}")
    assert response.status_code == 400
    assert response.json()["detail"] == "You are already following this user."
    assert Follow.objects.count() == 1


def test_following_an_unknown_user_is_404(auth_client):
    assert auth_client.post("/api/v1/social/follow/00000000-0000-0000-0000-000000000000").status_code == 404


def test_a_private_profile_cannot_be_followed(auth_client, other_user):
    response = auth_client.post(f"/api/v1/social/follow/{other_user.pk}")
    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_a_followers_only_profile_is_visible_once_its_owner_approves_the_follow(auth_client, other_client, other_user):
    User.objects.filter(pk=other_user.pk).update(profile_visibility="followers")
    assert auth_client.get(f"/api/v1/users/{other_user.pk}").status_code == 403
    pending = auth_client.post(f"/api/v1/social/follow/{other_user.pk}")
    assert pending.status_code == 202
    assert auth_client.get(f"/api/v1/users/{other_user.pk}").status_code == 403
    assert other_client.post(f"/api/v1/social/follow-requests/{pending.json()['id']}/approve").status_code == 200
    assert auth_client.get(f"/api/v1/users/{other_user.pk}").status_code == 200


def test_a_groups_only_profile_can_be_followed_by_a_group_mate_only(auth_client, client_for, user, other_user, make_user):
    User.objects.filter(pk=other_user.pk).update(profile_visibility="groups")
    assert auth_client.post(f"/api/v1/social/follow/{other_user.pk}").status_code == 403
    make_group(other_user, members=[user])
    assert auth_client.post(f"/api/v1/social/follow/{other_user.pk}").status_code == 201


def test_unfollow_answers_the_seed_message(auth_client, user, public_other):
    follow(user, public_other)
    response = auth_client.delete(f"/api/v1/social/follow/{public_other.pk}")
    assert response.status_code == 200
    assert response.json() == {"detail": "Unfollowed successfully"}
    assert not Follow.objects.exists()


def test_unfollowing_someone_you_do_not_follow_is_404(auth_client, public_other):
    response = auth_client.delete(f"/api/v1/social/follow/{public_other.pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == "You are not following this user."


def test_followers_and_following_lists_are_newest_first_and_paged(auth_client, user, make_user):
    User.objects.filter(pk=user.pk).update(profile_visibility="public")
    fans = [make_user(profile_visibility="public") for _ in range(3)]
    for fan in fans:
        follow(fan, user)
    body = auth_client.get(f"/api/v1/social/followers/{user.pk}").json()
    assert [f["follower_id"] for f in body] == [str(fan.pk) for fan in reversed(fans)]
    page = auth_client.get(f"/api/v1/social/followers/{user.pk}", {"skip": 1, "limit": 1}).json()
    assert [f["follower_id"] for f in page] == [str(fans[1].pk)]
    following = auth_client.get(f"/api/v1/social/following/{fans[0].pk}").json()
    assert [f["following_id"] for f in following] == [str(user.pk)]


def test_a_followers_list_hides_followers_whose_profile_the_viewer_may_not_see(other_client, user, make_user):
    # given a public user followed by a public and a private account
    User.objects.filter(pk=user.pk).update(profile_visibility="public")
    shown = make_user(profile_visibility="public")
    hidden = make_user(profile_visibility="private")
    follow(shown, user)
    follow(hidden, user)
    # when a stranger lists the followers
    body = other_client.get(f"/api/v1/social/followers/{user.pk}").json()
    # then the private follower is not there
    assert [f["follower_id"] for f in body] == [str(shown.pk)]


def test_the_follower_list_of_a_private_profile_is_403_to_others(other_client, user):
    assert other_client.get(f"/api/v1/social/followers/{user.pk}").status_code == 403
    assert other_client.get(f"/api/v1/social/following/{user.pk}").status_code == 403
    assert other_client.get(f"/api/v1/social/follow-stats/{user.pk}").status_code == 403


def test_follow_stats_count_both_directions(auth_client, user, make_user):
    a, b, c = (make_user(profile_visibility="public") for _ in range(3))
    follow(a, user)
    follow(b, user)
    follow(user, c)
    assert auth_client.get(f"/api/v1/social/follow-stats/{user.pk}").json() == {"followers_count": 2, "following_count": 1}


def test_the_followers_list_costs_the_same_queries_for_1_and_50_followers(
    auth_client, user, make_user, django_assert_num_queries
):
    User.objects.filter(pk=user.pk).update(profile_visibility="public")
    follow(make_user(profile_visibility="public"), user)
    # 1 the request's user (authentication), 2 the profile owner (public: no visibility query),
    # 3 the page of follows with their visibility subqueries
    with django_assert_num_queries(3):
        assert len(auth_client.get(f"/api/v1/social/followers/{user.pk}").json()) == 1
    for _ in range(49):
        follow(make_user(profile_visibility="public"), user)
    with django_assert_num_queries(3):
        assert len(auth_client.get(f"/api/v1/social/followers/{user.pk}").json()) == 50


def test_a_follow_records_activity_and_emits_follow_created(auth_client, user, public_other, monkeypatch):
    emitted = []
    monkeypatch.setattr(events, "emit", lambda event, **payload: emitted.append((event, payload)))
    auth_client.post(f"/api/v1/social/follow/{public_other.pk}")
    user.refresh_from_db()
    assert user.last_active_date is not None and user.streak_days == 1
    assert ("social.follow_created", {"user_id": str(user.pk)}) in emitted


def test_follow_endpoints_need_a_signed_in_user(api_client, user):
    assert api_client.post(f"/api/v1/social/follow/{user.pk}").status_code == 401
    assert api_client.get(f"/api/v1/social/followers/{user.pk}").status_code == 401
    assert api_client.get(f"/api/v1/social/follow-stats/{user.pk}").status_code == 401
