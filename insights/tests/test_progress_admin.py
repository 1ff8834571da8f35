import pytest
from django.test import Client

from insights.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def test_an_operator_adds_a_milestone_in_the_admin_without_code(admin_client):
    response = admin_client.post(
        "/admin/insights/milestone/add/",
        {"key": "networker", "name": "Networker", "description": "", "criteria": '{"action": "follow", "count": 20}', "position": 50},
    )
    assert response.status_code == 302
    assert Milestone.objects.get(key="networker").criteria == {"action": "follow", "count": 20}


def test_the_admin_refuses_criteria_the_evaluator_cannot_count(admin_client):
    response = admin_client.post(
        "/admin/insights/milestone/add/",
        {"key": "nope", "name": "Nope", "description": "", "criteria": '{"action": "climb", "count": 1}', "position": 50},
    )
    assert response.status_code == 200
    assert "Unknown action" in response.content.decode()
    assert not Milestone.objects.exists()


def test_the_award_list_renders(admin_client):
    assert admin_client.get("/admin/insights/usermilestone/").status_code == 200
    assert admin_client.get("/admin/insights/milestone/").status_code == 200
