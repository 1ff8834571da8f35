"""Staff refresh every user's matches: the `refresh_matches` command and the Django admin."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jobs.matching import refresh_state
from jobs.models import Match
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("refresh_matches", *args, stdout=out)
    return out.getvalue()


def test_the_command_refreshes_every_active_user_with_a_profile_and_shows_progress(user, other_user, make_user):
    # given two users with a profile, one without, one inactive
    f.candidate_profile(user)
    f.candidate_profile(other_user, skills=["Salesforce"], target_roles=["Sales Representative"])
    make_user(email="noprofile@example.com")
    f.candidate_profile(make_user(email="gone@example.com", is_active=False))
    f.job(f.STRONG_JOB)
    # when
    output = run()
    # then
    assert "ada@example.com: 1 matches (1 new) from 1 jobs" in output
    assert "grace@example.com:" in output
    assert "[##############################] 100.0%  2/2 done" in output
    assert "Refreshed 2 user(s), skipped 0, failed 0." in output
    assert set(Match.objects.values_list("user__email", flat=True)) <= {"ada@example.com", "grace@example.com"}
    assert refresh_state.refresh_state_get(user_id=user.pk)["status"] == "completed"


def test_the_command_refreshes_the_users_named(user, other_user):
    f.candidate_profile(user)
    f.candidate_profile(other_user)
    f.job(f.STRONG_JOB)
    output = run("--user", "ADA@example.com", "--user", str(user.pk))
    assert "Refreshed 1 user(s)" in output
    assert list(Match.objects.values_list("user_id", flat=True)) == [user.pk]


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user 'nobody@example.com'"):
        run("--user", "nobody@example.com")


def test_the_command_skips_a_user_whose_refresh_is_running(user):
    f.candidate_profile(user)
    f.job(f.STRONG_JOB)
    refresh_state.refresh_lock_acquire(user_id=user.pk)
    output = run()
    assert "ada@example.com: skipped, a refresh of this user is already running" in output
    assert not Match.objects.exists()


@pytest.fixture
def admin_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def test_staff_refresh_everyone_from_the_match_list(admin_client, user, other_user, django_capture_on_commit_callbacks):
    # given
    f.candidate_profile(user)
    f.candidate_profile(other_user)
    f.job(f.STRONG_JOB)
    assert "Refresh everyone" in admin_client.get("/admin/jobs/match/").content.decode()
    # when (the fan-out task queues one refresh per user; eager here, each runs on commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/jobs/match/refresh-everyone/")
    # then
    assert response.status_code == 302
    assert Match.objects.filter(user=user).count() == 1 and Match.objects.filter(user=other_user).count() == 1


def test_refresh_everyone_is_post_only_and_staff_only(admin_client, user):
    assert admin_client.get("/admin/jobs/match/refresh-everyone/").status_code == 405
    visitor = Client()
    visitor.force_login(user)
    assert visitor.post("/admin/jobs/match/refresh-everyone/").status_code == 302  # to the admin login


def test_the_admin_action_refreshes_the_selected_matches_users(admin_client, user, django_capture_on_commit_callbacks):
    f.candidate_profile(user)
    old = f.match(user, f.job(f.STRONG_JOB), score=1.0)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/jobs/match/", {"action": "refresh_users_matches", "_selected_action": [str(old.pk)]}
        )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.score == 99.2
