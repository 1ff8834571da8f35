"""The Django admin's forms and actions for operators: allowlist, adding users, granting admin."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AllowedEmail, User
from accounts.tests.factories import create_allowed_email

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-1"


@pytest.fixture
def operator_client(client, staff_user):
    client.force_login(staff_user)
    return client


# --- Allowlist: add one ----------------------------------------------------------------------


def test_adding_an_allowlisted_email_again_in_other_case_is_a_form_error(operator_client):
    # given
    create_allowed_email("ops@example.com")
    # when
    response = operator_client.post(reverse("admin:accounts_allowedemail_add"), {"email": "OPS@Example.com"})
    # then the form is shown again with the error, and nothing is added
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": ["This email is already on the allowlist."]}
    assert list(AllowedEmail.objects.values_list("email", flat=True)) == ["ops@example.com"]


def test_adding_an_allowlist_email_stores_it_lowercased_with_who_added_it(operator_client, staff_user):
    response = operator_client.post(reverse("admin:accounts_allowedemail_add"), {"email": " New.Person@Example.COM "})
    assert response.status_code == 302
    allowed = AllowedEmail.objects.get()
    assert (allowed.email, allowed.added_by) == ("new.person@example.com", staff_user)


def test_editing_an_allowlist_email_into_another_ones_address_is_a_form_error(operator_client):
    create_allowed_email("a@example.com")
    b = create_allowed_email("b@example.com")
    response = operator_client.post(reverse("admin:accounts_allowedemail_change", args=[b.pk]), {"email": "A@example.com"})
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert AllowedEmail.objects.get(pk=b.pk).email == "b@example.com"


def test_the_database_refuses_a_case_only_duplicate_on_the_allowlist():
    AllowedEmail.objects.create(email="ops@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        AllowedEmail.objects.create(email="Ops@Example.com")


# --- Users: add ------------------------------------------------------------------------------


def add_user(client, **fields):
    data = {"email": "", "username": "", "display_name": "", "password1": PASSWORD, "password2": PASSWORD, **fields}
    return client.post(reverse("admin:accounts_user_add"), data)


def test_a_user_added_in_the_admin_is_stored_like_a_registration(operator_client):
    # when
    response = add_user(operator_client, email="  New.Person@Example.COM ", username="newperson")
    # then the email is normalised and display_name defaults to the username
    assert response.status_code == 302
    user = User.objects.get(username="newperson")
    assert (user.email, user.display_name, user.timezone) == ("new.person@example.com", "newperson", "UTC")
    assert user.check_password(PASSWORD)


def test_a_display_name_given_in_the_admin_is_kept(operator_client):
    add_user(operator_client, email="x@example.com", username="xavier", display_name="Xavier")
    assert User.objects.get(username="xavier").display_name == "Xavier"


def test_adding_a_user_whose_email_differs_only_in_case_is_a_form_error(operator_client, user):
    response = add_user(operator_client, email="ADA@example.com", username="ada2")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == ["An account with this email already exists."]
    assert not User.objects.filter(username="ada2").exists()


def test_an_unknown_time_zone_is_a_form_error_in_the_change_form(operator_client, user):
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = operator_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(timezone="Mars/Olympus_Mons", groups=[], user_permissions=[])
    response = operator_client.post(url, data)
    assert response.status_code == 200
    assert "timezone" in response.context["adminform"].form.errors
    assert User.objects.get(pk=user.pk).timezone == "UTC"


# --- Granting admin makes an operator everywhere ----------------------------------------------


def test_the_grant_admin_action_gives_the_whole_django_admin(operator_client, client_for, make_user):
    # given a member
    member = make_user(email="member@example.com", username="member", password=PASSWORD)
    # when an operator grants admin from the users list
    response = operator_client.post(
        reverse("admin:accounts_user_changelist"), {"action": "grant_admin", "_selected_action": [str(member.pk)]}
    )
    assert response.status_code == 302
    # then the member is staff and superuser, and finds the models in the Django admin
    member.refresh_from_db()
    assert (member.is_staff, member.is_superuser) == (True, True)
    operator_client.force_login(member)
    assert operator_client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert operator_client.get(reverse("admin:accounts_allowedemail_changelist")).status_code == 200
    # and the admin API
    assert client_for(member).get("/api/admin/users").status_code == 200


def test_the_revoke_admin_action_takes_both_flags_away(operator_client, make_user):
    admin = make_user(is_staff=True, is_superuser=True)
    operator_client.post(reverse("admin:accounts_user_changelist"), {"action": "revoke_admin", "_selected_action": [str(admin.pk)]})
    admin.refresh_from_db()
    assert (admin.is_staff, admin.is_superuser) == (False, False)


def test_the_admin_is_titled_for_careerhub(operator_client):
    page = operator_client.get(reverse("admin:index")).content.decode()

    assert "<title>Operate careerhub | careerhub admin</title>" in page
    assert ">careerhub administration<" in page
    assert "Django administration" not in page


def test_the_user_list_shows_when_each_user_last_signed_in(operator_client, user):
    User.objects.filter(pk=user.pk).update(last_login="2026-11-30T09:00:00Z")

    page = operator_client.get(reverse("admin:accounts_user_changelist"))

    assert "Last login" in page.content.decode()
