"""Following a profile for followers only needs its owner's approval (issue 15, item 8).

Before: anyone could follow a `followers` profile (201) and so see it at once.
"""

import pytest

from accounts.models import User
from careerhub import events
from social.models import Follow, FollowRequest
from social.tests.factories import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def guarded(other_user):
    """Grace, whose profile is for her followers only."""
    User.objects.filter(pk=other_user.pk).update(profile_visibility="followers")
    other_user.refresh_from_db()
    return other_user


def ask(client, target):
    return client.post(f"/api/v1/social/follow/{target.pk}")


def test_following_a_followers_only_profile_answers_202_with_a_pending_request(auth_client, user, guarded):
    # when
    response = ask(auth_client, guarded)
    # then the seed's follow shape, pending, with who asked
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending"
    assert (body["follower_id"], body["following_id"]) == (str(user.pk), str(guarded.pk))
    assert body["follower"] == {"id": str(user.pk), "username": "ada", "display_name": "Ada Lovelace"}
    assert not Follow.objects.exists()


def test_a_pending_follower_sees_nothing_for_followers_only(auth_client, user, guarded):
    # given a pending request
    ask(auth_client, guarded)
    # then the profile, its lists and its stats stay closed, and the requester is no follower
    assert auth_client.get(f"/api/v1/users/{guarded.pk}").status_code == 403
    assert auth_client.get(f"/api/v1/social/followers/{guarded.pk}").status_code == 403
    assert auth_client.get(f"/api/v1/social/follow-stats/{guarded.pk}").status_code == 403
    assert auth_client.get("/api/v1/users/search", {"q": guarded.username}).json() == []


def test_asking_again_answers_the_same_pending_request(auth_client, guarded):
    first = ask(auth_client, guarded).json()
    again = ask(auth_client, guarded)
    assert again.status_code == 202 and again.json()["id"] == first["id"]
    assert FollowRequest.objects.count() == 1


def test_the_owner_lists_approves_and_the_follower_then_sees_the_profile(auth_client, other_client, user, guarded):
    # given
    request_id = ask(auth_client, guarded).json()["id"]
    # when the owner lists and approves
    listed = other_client.get("/api/v1/social/follow-requests").json()
    approved = other_client.post(f"/api/v1/social/follow-requests/{request_id}/approve")
    # then
    assert [item["id"] for item in listed] == [request_id]
    assert approved.status_code == 200
    assert set(approved.json()) == {"id", "follower_id", "following_id", "created_at"}
    assert Follow.objects.filter(follower=user, following=guarded).exists()
    assert not FollowRequest.objects.exists()
    assert auth_client.get(f"/api/v1/users/{guarded.pk}").status_code == 200
    assert other_client.get("/api/v1/social/follow-requests").json() == []


def test_a_declined_request_is_gone_and_the_profile_stays_closed(auth_client, other_client, user, guarded):
    request_id = ask(auth_client, guarded).json()["id"]
    response = other_client.post(f"/api/v1/social/follow-requests/{request_id}/decline")
    assert response.status_code == 200 and response.json() == {"detail": "Follow request declined"}
    assert not FollowRequest.objects.exists() and not Follow.objects.exists()
    assert auth_client.get(f"/api/v1/users/{guarded.pk}").status_code == 403
    # the requester may ask again
    assert ask(auth_client, guarded).status_code == 202


def test_the_requester_withdraws_a_pending_request(auth_client, guarded):
    ask(auth_client, guarded)
    response = auth_client.delete(f"/api/v1/social/follow/{guarded.pk}")
    assert response.status_code == 200 and response.json() == {"detail": "Follow request withdrawn"}
    assert not FollowRequest.objects.exists()


def test_a_public_profile_is_followed_at_once_as_before(auth_client, other_user):
    User.objects.filter(pk=other_user.pk).update(profile_visibility="public")
    assert ask(auth_client, other_user).status_code == 201
    assert not FollowRequest.objects.exists()


def test_an_existing_follower_keeps_seeing_a_profile_that_becomes_followers_only(auth_client, user, other_user):
    # given a follow from before (approved, as every follow from before the approval step is)
    follow(user, other_user)
    User.objects.filter(pk=other_user.pk).update(profile_visibility="followers")
    # then
    assert auth_client.get(f"/api/v1/users/{other_user.pk}").status_code == 200
    assert ask(auth_client, other_user).status_code == 400


def test_approving_makes_the_follow_count_for_the_followers_milestones(auth_client, other_client, user, guarded, monkeypatch):
    request_id = ask(auth_client, guarded).json()["id"]
    emitted = []
    monkeypatch.setattr(events, "emit", lambda event, **payload: emitted.append((event, payload)))
    other_client.post(f"/api/v1/social/follow-requests/{request_id}/approve")
    assert ("social.follow_created", {"user_id": str(user.pk)}) in emitted


# --- Outsiders ---------------------------------------------------------------------------------


def test_only_the_owner_can_answer_a_request(auth_client, client_for, make_user, guarded):
    # given Ada's request to follow Grace
    request_id = ask(auth_client, guarded).json()["id"]
    stranger = client_for(make_user())
    # then neither a stranger nor the requester can answer it: it is not found for them
    for client in (stranger, auth_client):
        for action in ("approve", "decline"):
            response = client.post(f"/api/v1/social/follow-requests/{request_id}/{action}")
            assert response.status_code == 404
            assert response.json() == {"detail": "Follow request not found.", "code": "not_found"}
    assert stranger.get("/api/v1/social/follow-requests").json() == []
    assert auth_client.get("/api/v1/social/follow-requests").json() == []
    assert FollowRequest.objects.count() == 1 and not Follow.objects.exists()


def test_follow_requests_need_a_signed_in_user(api_client, auth_client, guarded):
    request_id = ask(auth_client, guarded).json()["id"]
    assert api_client.get("/api/v1/social/follow-requests").status_code == 401
    assert api_client.post(f"/api/v1/social/follow-requests/{request_id}/approve").status_code == 401
    assert api_client.post(f"/api/v1/social/follow-requests/{request_id}/decline").status_code == 401


def test_an_unknown_request_is_404(other_client):
    response = other_client.post("/api/v1/social/follow-requests/00000000-0000-0000-0000-000000000000/approve")
    assert response.status_code == 404


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("requests", [1, 50])
def test_the_follow_request_list_costs_two_queries_for_1_and_50(
    other_client, guarded, make_user, requests, django_assert_num_queries
):
    for _ in range(requests):
        FollowRequest.objects.create(follower=make_user(), following=guarded)
    # 1 the request's user (authentication), 2 the page of requests with their requesters
    with django_assert_num_queries(2):
        body = other_client.get("/api/v1/social/follow-requests", {"limit": 50}).json()
    assert len(body) == requests
