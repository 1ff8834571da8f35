import pytest
from django.test import Client

from tracker.models import Application, Reminder, SavedJob
from tracker.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize(
    ("model_path", "make"),
    [
        ("application", lambda user: factories.full_application(user)),
        ("savedjob", lambda user: factories.saved_job(user)),
        ("reminder", lambda user: factories.reminder(user)),
    ],
)
def test_operators_can_look_at_tracker_rows_but_not_change_them(admin_client, user, model_path, make):
    # given
    row = make(user)
    base = f"/admin/tracker/{model_path}/"
    # then the list and the detail page show it
    listing = admin_client.get(base)
    assert listing.status_code == 200 and str(row.pk).encode() in listing.content
    detail = admin_client.get(f"{base}{row.pk}/change/")
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    # and nothing can be added, changed or deleted
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.post(f"{base}{row.pk}/change/", {}).status_code == 403
    assert admin_client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()


def test_the_bulk_delete_action_is_not_offered(admin_client, user):
    factories.application(user)
    assert b'value="delete_selected"' not in admin_client.get("/admin/tracker/application/").content
    assert Application.objects.count() == 1 and not SavedJob.objects.exists() and not Reminder.objects.exists()


def test_the_admin_search_finds_applications_by_user_email(admin_client, user, other_user):
    factories.application(user, company_name="Findme")
    factories.application(other_user, company_name="Hidden")
    content = admin_client.get("/admin/tracker/application/", {"q": user.email}).content
    assert b"Findme" in content and b"Hidden" not in content
