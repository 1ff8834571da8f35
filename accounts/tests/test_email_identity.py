"""One email, one account (issue 15, item 1): look-alike spellings of an address are the same
identity or are refused, on every path that takes an address, on PostgreSQL as on SQLite.

Before the canonical column, PostgreSQL's `iexact` (UPPER()) equated `ſam` with `sam` and `ınvited`
with `invited` while the unique constraint (LOWER()) did not: the look-alike registered as a second
account that then answered sign-ins for the real address.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from accounts.emails import email_canonical
from accounts.models import AllowedEmail, User
from accounts.selectors import user_get_by_email, user_get_by_login
from accounts.tests.factories import create_allowed_email, create_user

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-passw0rd"
LONG_S = "\u017f"  # LATIN SMALL LETTER LONG S: NFKC makes it "s"
DOTLESS_I = "\u0131"  # LATIN SMALL LETTER DOTLESS I: PostgreSQL's UPPER() makes it "I"
ZERO_WIDTH_SPACE = "\u200b"
CYRILLIC_A = "\u0430"


def register(client, email, password=PASSWORD):
    return client.post("/api/v1/auth/register", {"email": email, "password": password}, format="json")


def login(client, email, password=PASSWORD):
    return client.post("/api/v1/auth/login", {"email": email, "password": password}, format="json")


# --- The canonical form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Sam@Example.COM", "sam@example.com"),
        (f"{LONG_S}am@example.com", "sam@example.com"),
        ("alice@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com", "alice@example.com"),  # full-width domain
        ("\uff21\uff2c\uff29\uff23\uff25@example.com", "alice@example.com"),  # full-width local part
        ("\u212aate@example.com", "kate@example.com"),  # KELVIN SIGN
        ("ada@B\u00fccher.example", "ada@xn--bcher-kva.example"),  # IDNA A-label
        ("  ada@example.com ", "ada@example.com"),
    ],
)
def test_look_alike_spellings_of_an_address_have_one_canonical_form(typed, canonical):
    assert email_canonical(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        (f"alice@example.com{ZERO_WIDTH_SPACE}", "invisible"),
        (f"ali{ZERO_WIDTH_SPACE}ce@example.com", "invisible"),
        ("alice\u00ad@example.com", "invisible"),  # soft hyphen
        ("alice\ufe0f@example.com", "invisible"),  # variation selector
        ("alice@exa\u200dmple.com", "invisible"),  # zero-width joiner
        (f"{DOTLESS_I}nvited@example.com", "ASCII"),
        ("\u0130nvited@example.com", "ASCII"),  # capital I with dot: case folding leaves a combining dot
        (f"{CYRILLIC_A}lice@example.com", "mixes"),
        (f"alice@ex{CYRILLIC_A}mple.com", "mixes"),
        ("alice@", "valid"),
        ("not-an-address", "valid"),
    ],
)
def test_invisible_characters_non_ascii_local_parts_and_mixed_scripts_are_refused(typed, reason):
    with pytest.raises(ValidationError) as refused:
        email_canonical(typed)
    assert reason in refused.value.messages[0]


# --- Registration and sign-in ----------------------------------------------------------------------


def test_the_database_runs_these_tests_on_postgresql_where_the_look_alikes_collided():
    # The issue only shows on PostgreSQL: the suite's database must be it.
    assert connection.vendor == "postgresql"


def test_a_look_alike_of_a_registered_address_is_the_same_account(api_client):
    # given Sam's account
    assert register(api_client, "sam@example.com").status_code == 201
    # when someone registers the long-s spelling of it
    response = register(api_client, f"{LONG_S}am@example.com", password="attacker-password")
    # then it is Sam's address, already taken: no second account
    assert response.status_code == 400
    assert response.json()["errors"]["email"] == ["An account with this email already exists."]
    assert list(User.objects.values_list("email", flat=True)) == ["sam@example.com"]


def test_an_allowlisted_address_admits_no_look_alike_registration(api_client, settings):
    # given the allowlist holds invited@example.com
    settings.REGISTRATION_MODE = "allowlist"
    create_allowed_email("invited@example.com")
    # when the dotless-i spelling registers
    response = register(api_client, f"{DOTLESS_I}nvited@example.com", password="attacker-password")
    # then it is refused, and the real invitee can still register and sign in
    assert response.status_code in (400, 403)
    assert not User.objects.exists()
    assert register(api_client, "invited@example.com").status_code == 201
    assert login(api_client, "invited@example.com").json()["user"]["email"] == "invited@example.com"


def test_a_full_width_domain_registers_the_plain_address(api_client, settings):
    # given
    settings.REGISTRATION_MODE = "allowlist"
    create_allowed_email("alice@example.com")
    # when
    response = register(api_client, "alice@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com")
    # then it is Alice's allowlisted address, stored plain, and the plain spelling is taken
    assert response.status_code == 201, response.json()
    assert response.json()["user"]["email"] == "alice@example.com"
    assert register(api_client, "alice@example.com").status_code == 400


@pytest.mark.parametrize(
    "email", [f"alice@example.com{ZERO_WIDTH_SPACE}", f"{CYRILLIC_A}lice@example.com", f"{DOTLESS_I}nvited@example.com"]
)
def test_registration_refuses_invisible_characters_and_look_alike_letters(api_client, email):
    response = register(api_client, email)
    assert response.status_code == 400
    assert "email" in response.json()["errors"]
    assert not User.objects.exists()


def test_signing_in_with_a_look_alike_spelling_reaches_only_the_one_account(api_client):
    # given Sam's account
    create_user(email="sam@example.com", username="sam", password=PASSWORD)
    # when signing in with spellings of the address
    same = login(api_client, f"{LONG_S}AM@Example.com")
    look_alike = login(api_client, f"{LONG_S}am@example.com{ZERO_WIDTH_SPACE}")
    # then a spelling of the same address signs in to Sam's account; a refused one to nothing
    assert same.status_code == 200 and same.json()["user"]["email"] == "sam@example.com"
    assert look_alike.status_code == 401


def test_lookups_by_email_and_login_match_the_canonical_form_exactly():
    sam = create_user(email="sam@example.com", username="sam")
    assert user_get_by_email(f"{LONG_S}am@EXAMPLE.com") == sam
    assert user_get_by_email(f"{DOTLESS_I}sam@example.com") is None
    assert user_get_by_login("SAM") == sam
    # a username is ASCII: "ſam" is no spelling of it on any database
    assert user_get_by_login(f"{LONG_S}am") is None


def test_the_database_refuses_an_address_that_skipped_the_canonical_form():
    create_user(email="sam@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Sam@Example.com", username="sam2")
    with pytest.raises(IntegrityError), transaction.atomic():
        AllowedEmail.objects.create(email="Ops@Example.com")


# --- The allowlist API and the Django admin ---------------------------------------------------------


def test_the_allowlist_api_stores_the_canonical_form_and_refuses_look_alikes(staff_client):
    # when
    added = staff_client.post("/api/v1/admin/allowlist", {"email": "Ops@\uff25xample.com"}, format="json")
    again = staff_client.post("/api/v1/admin/allowlist", {"email": f"op{LONG_S}@example.com"}, format="json")
    again_plain = staff_client.post("/api/v1/admin/allowlist", {"email": "ops@example.com"}, format="json")
    hidden = staff_client.post("/api/v1/admin/allowlist", {"email": f"ops@example.com{ZERO_WIDTH_SPACE}"}, format="json")
    # then
    assert added.status_code == 201 and added.json()["email"] == "ops@example.com"
    assert (again.status_code, again_plain.status_code, hidden.status_code) == (400, 400, 400)
    assert list(AllowedEmail.objects.values_list("email", flat=True)) == ["ops@example.com"]


@pytest.fixture
def operator_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_admin_refuses_a_user_whose_address_is_a_look_alike_of_another(operator_client):
    # given
    create_user(email="sam@example.com", username="sam")
    data = {"username": "sam2", "display_name": "", "password1": PASSWORD * 2, "password2": PASSWORD * 2}
    # when
    response = operator_client.post(reverse("admin:accounts_user_add"), {**data, "email": f"{LONG_S}am@example.com"})
    hidden = operator_client.post(reverse("admin:accounts_user_add"), {**data, "email": f"sam2@example.com{ZERO_WIDTH_SPACE}"})
    # then
    assert response.context["adminform"].form.errors["email"] == ["An account with this email already exists."]
    assert "invisible" in hidden.context["adminform"].form.errors["email"][0]
    assert User.objects.count() == 2  # sam and the operator


def test_the_admin_change_form_stores_a_changed_email_canonical_and_unique(operator_client):
    # given
    create_user(email="sam@example.com", username="sam")
    other = create_user(email="other@example.com", username="other")
    url = reverse("admin:accounts_user_change", args=[other.pk])
    form = operator_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(groups=[], user_permissions=[])
    # when
    taken = operator_client.post(url, {**data, "email": f"{LONG_S}AM@example.com"})
    changed = operator_client.post(url, {**data, "email": "Other.New@\uff45xample.com"})
    # then
    assert taken.context["adminform"].form.errors["email"] == ["An account with this email already exists."]
    assert changed.status_code == 302
    assert User.objects.get(pk=other.pk).email == "other.new@example.com"


def test_the_admin_allowlist_forms_store_the_canonical_form(operator_client):
    # given
    create_allowed_email("ops@example.com")
    # when
    one = operator_client.post(reverse("admin:accounts_allowedemail_add"), {"email": "OPS@\uff45xample.com"})
    many = operator_client.post(
        reverse("admin:accounts_allowedemail_bulk_add"), {"emails": "New@\uff45xample.com ops@example.com"}
    )
    hidden = operator_client.post(reverse("admin:accounts_allowedemail_bulk_add"), {"emails": f"x@example.com{ZERO_WIDTH_SPACE}"})
    # then
    assert one.context["adminform"].form.errors == {"email": ["This email is already on the allowlist."]}
    assert many.status_code == 302
    assert hidden.status_code == 200 and "Not valid email addresses" in hidden.content.decode()
    assert sorted(AllowedEmail.objects.values_list("email", flat=True)) == ["new@example.com", "ops@example.com"]


def test_the_admin_sign_in_finds_the_operator_by_any_spelling_of_their_address(client):
    # given
    create_user(email="sam@example.com", username="sam", password=PASSWORD, is_staff=True, is_superuser=True)
    # when
    response = client.post(reverse("admin:login"), {"username": f"{LONG_S}AM@example.com", "password": PASSWORD})
    # then
    assert response.status_code == 302
