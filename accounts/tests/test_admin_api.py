import pytest

from accounts.models import AllowedEmail, User
from accounts.tests.factories import create_allowed_email, create_user

pytestmark = pytest.mark.django_db

ADMIN_ROUTES = [
    ("get", "/api/admin/users"),
    ("put", "/api/admin/users/00000000-0000-0000-0000-000000000000"),
    ("get", "/api/admin/allowlist"),
    ("post", "/api/admin/allowlist"),
    ("delete", "/api/admin/allowlist/a@b.co"),
]


@pytest.mark.parametrize("method, path", ADMIN_ROUTES)
def test_admin_routes_are_403_for_a_normal_user_and_401_anonymous(auth_client, api_client, method, path):
    assert getattr(auth_client, method)(path, {}, format="json").status_code == 403
    assert getattr(api_client, method)(path, {}, format="json").status_code == 401


def test_admin_lists_users_newest_first(staff_client, staff_user, make_user):
    first = make_user()
    second = make_user()
    body = staff_client.get("/api/admin/users").json()
    assert body["total"] == 3
    assert [u["id"] for u in body["users"]] == [str(second.pk), str(first.pk), str(staff_user.pk)]
    assert set(body["users"][0]) >= {"id", "email", "full_name", "is_active", "is_admin", "created_at"}


def test_admin_deactivates_a_user_and_their_token_stops_working(staff_client, client_for, user):
    client = client_for(user)
    assert client.get("/api/v1/users/me").status_code == 200
    response = staff_client.put(f"/api/admin/users/{user.pk}", {"is_active": False}, format="json")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert client.get("/api/v1/users/me").status_code == 401


def test_admin_grants_admin(staff_client, user):
    response = staff_client.put(f"/api/admin/users/{user.pk}", {"is_admin": True}, format="json")
    assert response.json()["is_admin"] is True
    # an operator everywhere: the admin API and every model in the Django admin
    assert User.objects.values_list("is_staff", "is_superuser").get(pk=user.pk) == (True, True)


def test_admin_revokes_admin_entirely(staff_client, make_user):
    admin = make_user(is_staff=True, is_superuser=True)
    response = staff_client.put(f"/api/admin/users/{admin.pk}", {"is_admin": False}, format="json")
    assert response.json()["is_admin"] is False
    assert User.objects.values_list("is_staff", "is_superuser").get(pk=admin.pk) == (False, False)


def test_admin_cannot_modify_their_own_account(staff_client, staff_user):
    response = staff_client.put(f"/api/admin/users/{staff_user.pk}", {"is_active": False}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "You cannot modify your own account."


def test_admin_update_of_an_unknown_user_is_404(staff_client):
    assert staff_client.put("/api/admin/users/00000000-0000-0000-0000-000000000000", {}, format="json").status_code == 404


def test_allowlist_add_list_and_remove(staff_client, staff_user):
    response = staff_client.post("/api/admin/allowlist", {"email": "New@Example.com"}, format="json")
    assert response.status_code == 201
    assert response.json()["email"] == "new@example.com"
    assert response.json()["added_by"] == str(staff_user.pk)

    duplicate = staff_client.post("/api/admin/allowlist", {"email": "new@example.com"}, format="json")
    assert duplicate.status_code == 400

    listing = staff_client.get("/api/admin/allowlist").json()
    assert listing["total"] == 1 and listing["allowed_emails"][0]["email"] == "new@example.com"

    assert staff_client.delete("/api/admin/allowlist/new@example.com").status_code == 204
    assert not AllowedEmail.objects.exists()
    assert staff_client.delete("/api/admin/allowlist/new@example.com").status_code == 404


def test_allowlist_rejects_an_invalid_email(staff_client):
    response = staff_client.post("/api/admin/allowlist", {"email": "nope"}, format="json")
    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_the_admin_update_serializer_has_exactly_the_fields_the_service_edits():
    from accounts.api.serializers.admin_users import AdminUserUpdateInputSerializer
    from accounts.services import ADMIN_EDITABLE_FIELDS

    assert set(AdminUserUpdateInputSerializer().fields) == set(ADMIN_EDITABLE_FIELDS)


@pytest.mark.parametrize("rows", [1, 20])
def test_the_admin_lists_cost_one_query_whatever_their_length(staff_client, rows, django_assert_num_queries):
    # given users and allowlisted addresses
    for _ in range(rows):
        create_user()
        create_allowed_email()
    # when an admin lists them
    # then one query each: the rows (authentication reads the admin first)
    with django_assert_num_queries(2):
        assert len(staff_client.get("/api/admin/users").json()["users"]) == rows + 1
    with django_assert_num_queries(2):
        assert len(staff_client.get("/api/admin/allowlist").json()["allowed_emails"]) == rows
