"""An offer earned by changing an outcome (a rejection reversed) is awarded like a new one."""

import pytest

from careerhub import events
from insights.models import UserMilestone
from insights.tests.factories import seed_milestones

pytestmark = pytest.mark.django_db


def reached(user) -> set[str]:
    return set(UserMilestone.objects.filter(user=user).values_list("milestone__name", flat=True))


def test_the_task_is_subscribed_to_outcome_changes():
    assert "insights.evaluate_milestones" in events.subscribers("tracker.outcome_changed")


def test_an_outcome_changed_from_rejected_to_offer_awards_offer_received(
    auth_client, user, django_capture_on_commit_callbacks
):
    # given the milestones, and an application whose outcome is a rejection; each request's
    # on-commit callbacks (the awarding task) run before the next request is sent
    seed_milestones()
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post("/api/v1/applications", {"company_name": "Acme", "role_title": "Engineer"}, format="json")
    outcome_url = f"/api/v1/applications/{created.json()['id']}/outcome"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outcome = auth_client.post(outcome_url, {"status": "Rejected"}, format="json")
    assert outcome.status_code == 201
    assert callbacks, "creating the outcome enqueued the awarding task"
    assert "Offer Received" not in reached(user)
    # when the company comes back with an offer
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        changed = auth_client.put(f"{outcome_url}/{outcome.json()['id']}", {"status": "Offer"}, format="json")
    # then
    assert changed.status_code == 200
    assert callbacks, "changing the outcome enqueued the awarding task"
    assert "Offer Received" in reached(user)
    names = {m["milestone"]["name"] for m in auth_client.get("/api/v1/progress/milestones/mine").json()}
    assert "Offer Received" in names
