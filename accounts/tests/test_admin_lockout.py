"""The Django admin's sign-in locks out after repeated failures (issue 15, item 5; django-axes).

Before: 40 wrong passwords in 13 s, then the right one signed in.
"""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import create_user

pytestmark = pytest.mark.django_db

PASSWORD = "operator-passw0rd"


@pytest.fixture
def operator(settings):
    settings.AXES_FAILURE_LIMIT = 5
    return create_user(email="ops@example.com", username="ops", password=PASSWORD, is_staff=True, is_superuser=True)


def admin_sign_in(client, username, password, address="198.51.100.7"):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_forty_wrong_passwords_lock_the_admin_sign_in_so_the_right_one_then_fails(client, operator):
    # given 40 wrong passwords
    answers = [admin_sign_in(client, "ops@example.com", f"wrong-{n}").status_code for n in range(40)]
    # when the right one comes
    response = admin_sign_in(client, "ops@example.com", PASSWORD)
    # then it is refused with the admin's lockout page, not a session
    assert answers[:4] == [200] * 4  # the login form again, with its error
    assert set(answers[5:]) == {429}
    assert response.status_code == 429
    assert "text/html" in response["Content-Type"]
    assert "Sign-in locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_every_address_and_every_spelling_of_it(operator):
    # given failures from one address, under spellings of one address
    for n, spelling in enumerate(["ops@example.com", "OPS@example.com", "op\u017f@example.com"] * 2):
        admin_sign_in(Client(), spelling, f"wrong-{n}", address=f"198.51.100.{n}")
    # when the operator signs in from elsewhere with the right password
    response = admin_sign_in(Client(), "ops@example.com", PASSWORD, address="203.0.113.9")
    # then the account is locked
    assert response.status_code == 429


def test_an_address_is_locked_for_every_account(operator):
    # given failures from one address against several accounts
    for n in range(5):
        admin_sign_in(Client(), f"someone-{n}@example.com", "wrong-password")
    # when the operator signs in from that address
    response = admin_sign_in(Client(), "ops@example.com", PASSWORD)
    # then
    assert response.status_code == 429


def test_a_success_before_the_limit_resets_the_count(operator):
    for n in range(4):
        admin_sign_in(Client(), "ops@example.com", f"wrong-{n}")
    assert admin_sign_in(Client(), "ops@example.com", PASSWORD).status_code == 302
    for n in range(4):
        admin_sign_in(Client(), "ops@example.com", f"wrong-again-{n}")
    assert admin_sign_in(Client(), "ops@example.com", PASSWORD).status_code == 302


def test_an_operator_unlocks_an_account_and_an_address_with_the_axes_commands(operator):
    # given a locked account and address
    for n in range(6):
        admin_sign_in(Client(), "ops@example.com", f"wrong-{n}")
    assert admin_sign_in(Client(), "ops@example.com", PASSWORD).status_code == 429
    # when
    call_command("axes_reset_username", "ops@example.com")
    call_command("axes_reset_ip", "198.51.100.7")
    # then
    assert not AccessAttempt.objects.exists()
    assert admin_sign_in(Client(), "ops@example.com", PASSWORD).status_code == 302


def test_the_api_sign_in_is_not_counted_nor_locked_by_the_admin_lockout(api_client, operator, settings):
    # given the admin sign-in locked for the operator's account and address
    for n in range(6):
        admin_sign_in(Client(), "ops@example.com", f"wrong-{n}", address="127.0.0.1")
    assert admin_sign_in(Client(), "ops@example.com", PASSWORD, address="127.0.0.1").status_code == 429
    counted = sorted(AccessAttempt.objects.values_list("pk", "failures_since_start"))
    # when the operator signs in through the API, after a wrong password there too
    wrong = api_client.post("/api/v1/auth/login", {"email": "ops@example.com", "password": "wrong-password"}, format="json")
    right = api_client.post("/api/v1/auth/login", {"email": "ops@example.com", "password": PASSWORD}, format="json")
    # then the API answers as always: its own 401, then tokens; axes counted neither
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_credentials"
    assert right.status_code == 200 and "access_token" in right.json()
    assert sorted(AccessAttempt.objects.values_list("pk", "failures_since_start")) == counted


def test_the_api_sign_in_keeps_its_own_throttle(api_client, operator, settings):
    # given a login rate of 3 a minute
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login": "3/min"}
    body = {"email": "ops@example.com", "password": "wrong-password"}
    # when
    answers = [api_client.post("/api/v1/auth/login", body, format="json").status_code for _ in range(4)]
    # then
    assert answers == [401, 401, 401, 429]
