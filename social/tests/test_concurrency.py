"""Concurrent writes by the same user never leave two rows and never answer 500.

Real threads, each on its own database connection, released together by a barrier.
"""

import pytest

from accounts.models import User
from careerhub.testing import all_at_once, needs_postgresql
from social.models import Follow, GroupMember, Reaction
from social.tests.factories import make_group, make_post

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_postgresql(),
]

THREADS = 8


def _race(request) -> list[int]:
    return [response.status_code for response in all_at_once(request, THREADS)]


def test_concurrent_reactions_by_one_user_leave_one_row(client_for, user, other_user):
    # given
    post = make_post(other_user)
    client = client_for(user)
    kinds = iter(["Like", "Celebrate", "Support", "Insightful"] * 2)
    payloads = [{"reaction": next(kinds)} for _ in range(THREADS)]
    # when
    statuses = _race(lambda: client_for(user).post(f"/api/v1/social/posts/{post.pk}/react", payloads.pop(), format="json"))
    # then
    assert statuses == [201] * THREADS
    assert Reaction.objects.filter(post=post, user=user).count() == 1
    assert client.get("/api/v1/social/posts/feed").json()[0]["reaction_count"] == 1


def test_concurrent_follows_of_one_user_leave_one_row(client_for, user, other_user):
    User.objects.filter(pk=other_user.pk).update(profile_visibility="public")
    statuses = _race(lambda: client_for(user).post(f"/api/v1/social/follow/{other_user.pk}"))
    assert sorted(statuses) == [201] + [400] * (THREADS - 1)
    assert Follow.objects.filter(follower=user, following=other_user).count() == 1


def test_concurrent_joins_of_one_group_leave_one_membership(client_for, user, other_user):
    group = make_group(other_user)
    statuses = _race(lambda: client_for(user).post(f"/api/v1/social/groups/{group.pk}/join"))
    assert sorted(statuses) == [201] + [400] * (THREADS - 1)
    assert GroupMember.objects.filter(group=group, user=user).count() == 1
