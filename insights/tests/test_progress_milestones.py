from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from careerhub import events
from careerhub.testing import all_at_once, needs_postgresql
from insights.models import Milestone, UserMilestone
from insights.progress import criteria
from insights.progress.services import milestones_evaluate
from insights.progress.tasks import evaluate_milestones
from insights.tests.factories import milestone, seed_milestones
from social.tests.factories import follow, make_group
from tracker.tests import factories as tracker_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestones():
    seed_milestones()
    return {m.key: m for m in Milestone.objects.all()}


def reached(user) -> set[str]:
    return set(UserMilestone.objects.filter(user=user).values_list("milestone__name", flat=True))


# --- The catalogue -------------------------------------------------------------------------------


def test_seed_milestones_creates_the_twelve_in_order(milestones, auth_client):
    body = auth_client.get("/api/v1/progress/milestones").json()
    assert [m["name"] for m in body] == [
        "Getting Started", "First Application", "Building Momentum", "In the Zone", "Self-Reflective",
        "Growth Mindset", "One Week Strong", "Thirty Day Streak", "Connected", "Part of a Circle",
        "Sharing Insights", "Offer Received",
    ]
    assert set(body[0]) == {"id", "name", "description", "criteria", "created_at"}
    assert body[2]["criteria"] == {"action": "create_application", "count": 10}


def test_seed_milestones_is_idempotent_and_updates_descriptions(milestones):
    # given a description from an older release, and an operator's changes to criteria and order
    Milestone.objects.filter(key="connected").update(
        description="old words", position=99, criteria={"action": "follow", "count": 3}
    )
    seed_milestones()
    seed_milestones()
    # then nothing is duplicated, the description is the command's again, the operator's choices stay
    assert Milestone.objects.count() == 12
    connected = Milestone.objects.get(key="connected")
    assert connected.description == "Following 5 people."
    assert (connected.position, connected.criteria) == (99, {"action": "follow", "count": 3})


@needs_postgresql()
@pytest.mark.django_db(transaction=True)
def test_two_deploys_seeding_at_once_create_each_milestone_once():
    # given an empty table and two bootstraps released at the same moment
    outcomes = all_at_once(seed_milestones, 2)
    # then neither fails and there is one row per standard milestone
    assert outcomes == [None, None], outcomes
    assert Milestone.objects.count() == 12


def test_seed_milestones_leaves_operator_milestones_alone(milestones):
    milestone(key="networker", name="Networker", action="follow", count=20)
    seed_milestones()
    assert Milestone.objects.count() == 13


def test_the_bootstrap_command_seeds_the_milestones(settings):
    assert "seed_milestones" in settings.BOOTSTRAP_COMMANDS
    call_command("bootstrap", stdout=StringIO())
    assert Milestone.objects.count() == 12


@pytest.mark.parametrize(
    "bad",
    [
        {"action": "climb_everest", "count": 1},
        {"action": "create_post", "count": 0},
        {"action": "create_post", "count": "3"},
        {"action": "create_post", "count": True},
        {"action": "create_post", "count": 1, "when": "now"},
        ["create_post", 1],
    ],
)
def test_milestone_criteria_are_validated_as_data(bad):
    milestone = Milestone(key="bad", name="Bad", criteria=bad)
    with pytest.raises(ValidationError):
        milestone.full_clean()


def test_every_action_has_a_counter():
    from insights.models import MilestoneAction

    assert criteria.known_actions() == set(MilestoneAction.values)


def test_the_milestone_lists_need_a_signed_in_user(api_client):
    assert api_client.get("/api/v1/progress/milestones").status_code == 401
    assert api_client.get("/api/v1/progress/milestones/mine").status_code == 401


# --- Awarding ----------------------------------------------------------------------------------


def test_registering_awards_getting_started_after_commit(api_client, milestones, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            "/api/v1/auth/register", {"email": "new@example.com", "password": "long-enough-pw"}, format="json"
        )
    assert response.status_code == 201
    assert reached(User.objects.get(email="new@example.com")) == {"Getting Started"}


def test_social_writes_award_their_milestones(
    client_for, user, make_user, milestones, django_capture_on_commit_callbacks
):
    client = client_for(user)
    others = [make_user(profile_visibility="public") for _ in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for other in others[:4]:
            client.post(f"/api/v1/social/follow/{other.pk}")
    assert "Connected" not in reached(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/v1/social/follow/{others[4].pk}")
        client.post("/api/v1/social/groups", {"name": "Circle"}, format="json")
        client.post("/api/v1/social/posts", {"content": "Hello"}, format="json")
    assert reached(user) >= {"Connected", "Part of a Circle", "Sharing Insights"}


def test_joining_someone_elses_group_awards_part_of_a_circle(
    auth_client, user, other_user, milestones, django_capture_on_commit_callbacks
):
    group = make_group(other_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.post(f"/api/v1/social/groups/{group.pk}/join").status_code == 201
    assert "Part of a Circle" in reached(user)


def test_a_seven_day_streak_awards_one_week_strong(user, milestones, django_capture_on_commit_callbacks):
    from accounts.services import user_record_activity

    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    User.objects.filter(pk=user.pk).update(streak_days=6, last_active_date=yesterday)
    with django_capture_on_commit_callbacks(execute=True):
        user_record_activity(user=user)
    assert "One Week Strong" in reached(user)
    assert "Thirty Day Streak" not in reached(user)


def test_tracker_counts_award_application_reflection_and_offer_milestones(user, milestones):
    applications = [tracker_rows.application(user) for _ in range(10)]
    tracker_rows.reflection(applications[0], what_worked="Preparation")
    tracker_rows.outcome(applications[1], status="Offer")
    evaluate_milestones.delay(str(user.pk))
    assert reached(user) == {
        "Getting Started", "First Application", "Building Momentum", "Self-Reflective", "Offer Received",
    }


def test_a_rejected_outcome_is_not_an_offer(user, milestones):
    tracker_rows.outcome(tracker_rows.application(user), status="Rejected")
    milestones_evaluate(user_id=user.pk)
    assert "Offer Received" not in reached(user)


def test_evaluation_is_idempotent_and_keeps_the_first_reached_at(user, milestones):
    tracker_rows.application(user)
    milestones_evaluate(user_id=user.pk)
    first = UserMilestone.objects.get(user=user, milestone__key="first-application").reached_at
    assert milestones_evaluate(user_id=user.pk) == []
    assert UserMilestone.objects.filter(user=user).count() == 2
    assert UserMilestone.objects.get(user=user, milestone__key="first-application").reached_at == first


def test_evaluation_touches_only_the_one_user(user, other_user, milestones):
    tracker_rows.application(other_user)
    milestones_evaluate(user_id=user.pk)
    assert not UserMilestone.objects.filter(user=other_user).exists()


def test_evaluation_costs_the_same_queries_however_many_users_exist(
    user, make_user, milestones, django_assert_num_queries
):
    # 1 the milestones not reached yet, 2 every count for this user in one row, 3 the awards
    with django_assert_num_queries(3):
        milestones_evaluate(user_id=user.pk)
    for _ in range(20):
        tracker_rows.application(make_user())
    tracker_rows.application(user)
    with django_assert_num_queries(3):
        milestones_evaluate(user_id=user.pk)


def test_an_operator_milestone_is_awarded_without_code(user, make_user, milestones):
    milestone(key="networker", name="Networker", action="follow", count=2)
    for _ in range(2):
        follow(user, make_user())
    milestones_evaluate(user_id=user.pk)
    assert "Networker" in reached(user)


def test_a_milestone_with_unusable_criteria_is_skipped_not_fatal(user, milestones):
    milestone(key="broken", name="Broken", action="gone")
    assert {m.name for m in milestones_evaluate(user_id=user.pk)} == {"Getting Started"}


def test_a_deactivated_or_deleted_user_gets_nothing(user, milestones):
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert milestones_evaluate(user_id=user.pk) == []
    assert milestones_evaluate(user_id="00000000-0000-0000-0000-000000000000") == []


def test_the_task_is_subscribed_to_every_event_that_can_earn_a_milestone():
    for event in (
        "accounts.user_registered", "accounts.streak_changed", "tracker.application_created",
        "tracker.reflection_created", "tracker.outcome_created", "social.follow_created",
        "social.group_joined", "social.post_created",
    ):
        assert "insights.evaluate_milestones" in events.subscribers(event)


def test_mine_lists_reached_milestones_newest_first_with_details(auth_client, user, milestones, django_assert_num_queries):
    tracker_rows.application(user)
    milestones_evaluate(user_id=user.pk)
    UserMilestone.objects.filter(milestone__key="getting-started").update(
        reached_at=timezone.now() - timezone.timedelta(days=1)
    )
    # 1 the request's user, 2 the awards with their milestones (one join)
    with django_assert_num_queries(2):
        body = auth_client.get("/api/v1/progress/milestones/mine").json()
    assert [m["milestone"]["name"] for m in body] == ["First Application", "Getting Started"]
    assert set(body[0]) == {"id", "user_id", "milestone_id", "reached_at", "milestone"}


def test_tracker_writes_through_the_api_award_their_milestones(
    auth_client, user, milestones, django_capture_on_commit_callbacks
):
    # given / when: the tracker's own endpoints emit the events insights subscribes to
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post("/api/v1/applications", {"company_name": "Acme", "role_title": "Engineer"}, format="json")
        assert created.status_code == 201
        application_id = created.json()["id"]
        outcome = auth_client.post(f"/api/v1/applications/{application_id}/outcome", {"status": "Offer"}, format="json")
        assert outcome.status_code == 201
        reflection = auth_client.post(
            f"/api/v1/applications/{application_id}/reflection", {"what_worked": "Practice"}, format="json"
        )
        assert reflection.status_code == 201
    # then
    assert reached(user) >= {"First Application", "Offer Received", "Self-Reflective"}
    names = {m["milestone"]["name"] for m in auth_client.get("/api/v1/progress/milestones/mine").json()}
    assert names >= {"First Application", "Offer Received", "Self-Reflective"}
