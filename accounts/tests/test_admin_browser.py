"""A real browser drives the Django admin; the API then honours what the operator did."""

import urllib.error
import urllib.request

import pytest

from accounts.models import AllowedEmail, User
from accounts.tests.fixtures import bearer
from careerhub.testing import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def api_status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": token})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_an_operator_adds_an_allowlist_email_and_deactivates_a_user(live_server, make_user):
    # given an operator and a user with a working token
    make_user(email="ops@example.com", username="ops", password="operator-pass-1", is_staff=True, is_superuser=True)
    member = make_user(email="member@example.com", username="member")
    token = bearer(member)
    assert api_status(f"{live_server.url}/api/v1/users/me", token) == 200

    with chromium_page() as page:
        # when the operator logs into the admin
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", "ops@example.com")
        page.fill("input[name=password]", "operator-pass-1")
        page.click("input[type=submit]")
        page.wait_for_selector("#site-name")

        # adds an allowlist email
        page.goto(f"{live_server.url}/admin/accounts/allowedemail/add/")
        page.fill("input[name=email]", "Invited@Example.com")
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")

        # pastes several more at once
        page.goto(f"{live_server.url}/admin/accounts/allowedemail/bulk-add/")
        page.fill("textarea[name=emails]", "one@example.com\ntwo@example.com, invited@example.com")
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")

        # and deactivates the member with the admin action
        page.goto(f"{live_server.url}/admin/accounts/user/?q=member")
        page.check(f"input[name=_selected_action][value='{member.pk}']")
        page.select_option("select[name=action]", "deactivate_users")
        page.click("button[name=index]")
        page.wait_for_selector(".messagelist .success")

    # then the allowlist holds the addresses and the member's token is refused
    assert sorted(AllowedEmail.objects.values_list("email", flat=True)) == [
        "invited@example.com",
        "one@example.com",
        "two@example.com",
    ]
    assert User.objects.get(pk=member.pk).is_active is False
    assert api_status(f"{live_server.url}/api/v1/users/me", token) == 401
