from datetime import timedelta

import pytest
from django.utils import timezone

from insights.progress.selectors import COMMUNITY_ACTIVE_DAYS

pytestmark = pytest.mark.django_db


def active(make_user, days_ago: int = 0, **fields):
    return make_user(last_active_date=timezone.localdate() - timedelta(days=days_ago), **fields)


def test_the_community_lists_active_public_profiles_most_recent_first(auth_client, make_user):
    # given
    today = active(make_user, 0, username="today", profile_visibility="public", streak_days=3)
    week = active(make_user, 7, username="week", profile_visibility="public")
    active(make_user, 1, username="private", profile_visibility="private")
    active(make_user, COMMUNITY_ACTIVE_DAYS + 1, username="lapsed", profile_visibility="public")
    active(make_user, 0, username="gone", profile_visibility="public", is_active=False)
    make_user(username="never", profile_visibility="public")
    # when
    body = auth_client.get("/api/v1/progress/community").json()
    # then
    assert [m["username"] for m in body] == ["today", "week"]
    assert body[0] == {"user_id": str(today.pk), "username": "today", "display_name": "today", "streak_days": 3}
    assert body[1]["user_id"] == str(week.pk)


def test_the_community_breaks_ties_by_streak(auth_client, make_user):
    active(make_user, 0, username="short", profile_visibility="public", streak_days=1)
    active(make_user, 0, username="long", profile_visibility="public", streak_days=9)
    assert [m["username"] for m in auth_client.get("/api/v1/progress/community").json()] == ["long", "short"]


def test_the_community_takes_a_limit(auth_client, make_user):
    for n in range(5):
        active(make_user, n, profile_visibility="public")
    assert len(auth_client.get("/api/v1/progress/community", {"limit": 2}).json()) == 2
    assert auth_client.get("/api/v1/progress/community", {"limit": 0}).status_code == 400
    assert auth_client.get("/api/v1/progress/community", {"limit": "lots"}).status_code == 400


def test_the_community_costs_the_same_queries_for_1_and_50_members(auth_client, make_user, django_assert_num_queries):
    active(make_user, profile_visibility="public")
    # 1 the request's user, 2 the visible active users (visibility as subqueries)
    with django_assert_num_queries(2):
        assert len(auth_client.get("/api/v1/progress/community", {"limit": 100}).json()) == 1
    for _ in range(49):
        active(make_user, profile_visibility="public")
    with django_assert_num_queries(2):
        assert len(auth_client.get("/api/v1/progress/community", {"limit": 100}).json()) == 50


def test_the_community_needs_a_signed_in_user(api_client):
    assert api_client.get("/api/v1/progress/community").status_code == 401
