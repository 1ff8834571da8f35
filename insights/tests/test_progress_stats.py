import pytest
from django.utils import timezone

from accounts.models import User
from insights.tests.factories import milestone, user_milestone
from tracker.tests import factories as tracker_rows

pytestmark = pytest.mark.django_db


def test_stats_are_zero_for_a_new_user(auth_client):
    assert auth_client.get("/api/v1/progress/stats").json() == {
        "total_applications": 0,
        "total_offers": 0,
        "total_rejections": 0,
        "total_reflections": 0,
        "total_stages": 0,
        "streak_days": 0,
        "milestones_reached": 0,
        "total_contacts": 0,
        "total_reminders_pending": 0,
    }


def test_stats_count_every_documented_field_for_the_caller_only(auth_client, user, other_user):
    # given
    offered = tracker_rows.application(user, status="Offer")
    tracker_rows.outcome(offered, status="Offer")
    accepted = tracker_rows.application(user, status="Accepted")
    tracker_rows.application(user, status="Rejected")
    rejected_by_outcome = tracker_rows.application(user, status="Interviewing")
    tracker_rows.outcome(rejected_by_outcome, status="Rejected")
    for application in (offered, accepted):
        tracker_rows.stage(application)
        tracker_rows.stage(application)
    tracker_rows.reflection(offered, what_worked="Preparation")
    tracker_rows.contact(user)
    tracker_rows.reminder(user)
    tracker_rows.reminder(user, is_completed=True)
    user_milestone(user, milestone(key="k", name="K", action="register"))
    User.objects.filter(pk=user.pk).update(streak_days=4, last_active_date=timezone.localdate())  # a UTC user, active today
    # and someone else's rows, which must not count
    tracker_rows.outcome(tracker_rows.application(other_user, status="Offer"))
    tracker_rows.contact(other_user)
    # when
    body = auth_client.get("/api/v1/progress/stats").json()
    # then
    assert body == {
        "total_applications": 4,
        "total_offers": 2,
        "total_rejections": 2,
        "total_reflections": 1,
        "total_stages": 4,
        "streak_days": 4,
        "milestones_reached": 1,
        "total_contacts": 1,
        "total_reminders_pending": 1,
    }


def test_stats_are_one_aggregate_query(auth_client, user, django_assert_num_queries):
    for _ in range(5):
        tracker_rows.stage(tracker_rows.application(user))
    # 1 the request's user, 2 every count as a subquery on the user's row
    with django_assert_num_queries(2):
        auth_client.get("/api/v1/progress/stats")


def test_stats_need_a_signed_in_user(api_client):
    assert api_client.get("/api/v1/progress/stats").status_code == 401
