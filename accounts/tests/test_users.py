import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_users_me_returns_the_seed_003_user_response(auth_client, user):
    body = auth_client.get("/api/v1/users/me").json()
    assert set(body) >= {
        "id", "email", "username", "display_name", "bio", "is_profile_public", "profile_visibility",
        "streak_days", "last_active_date", "created_at", "updated_at",
    }
    assert body["id"] == str(user.pk)
    assert body["is_profile_public"] is False
    assert body["profile_visibility"] == "private"


def test_put_users_me_updates_only_the_fields_sent(auth_client, user):
    User.objects.filter(pk=user.pk).update(bio="Keeps this")
    response = auth_client.put("/api/v1/users/me", {"display_name": "Countess"}, format="json")
    assert response.status_code == 200
    assert response.json()["display_name"] == "Countess"
    assert response.json()["bio"] == "Keeps this"


def test_the_legacy_public_flag_and_visibility_stay_in_sync(auth_client):
    body = auth_client.put("/api/v1/users/me", {"is_profile_public": True}, format="json").json()
    assert body["profile_visibility"] == "public" and body["is_profile_public"] is True
    body = auth_client.put("/api/v1/users/me", {"profile_visibility": "followers"}, format="json").json()
    assert body["profile_visibility"] == "followers" and body["is_profile_public"] is False
    body = auth_client.put("/api/v1/users/me", {"is_profile_public": False}, format="json").json()
    assert body["profile_visibility"] == "followers"


def test_an_unknown_visibility_is_400_naming_the_allowed_values(auth_client):
    response = auth_client.put("/api/v1/users/me", {"profile_visibility": "friends"}, format="json")
    assert response.status_code == 400
    message = response.json()["errors"]["profile_visibility"][0]
    assert "friends" in message


def test_mass_assignment_on_users_me_changes_nothing_protected(auth_client, user, other_user):
    before = User.objects.get(pk=user.pk)
    response = auth_client.put(
        "/api/v1/users/me",
        {
            "id": str(other_user.pk),
            "email": "evil@example.com",
            "username": "evil",
            "is_admin": True,
            "is_staff": True,
            "is_active": False,
            "streak_days": 999,
            "created_at": "2000-01-01T00:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 200
    after = User.objects.get(pk=user.pk)
    assert (after.email, after.username, after.is_staff, after.is_active, after.streak_days, after.created_at) == (
        before.email, before.username, before.is_staff, before.is_active, before.streak_days, before.created_at,
    )


def test_the_users_me_serializer_has_exactly_the_fields_the_service_edits():
    from accounts.api.serializers.users import UserUpdateInputSerializer
    from accounts.services import USER_EDITABLE_FIELDS

    assert set(UserUpdateInputSerializer().fields) == set(USER_EDITABLE_FIELDS)


def test_a_put_that_changes_nothing_writes_nothing(auth_client, user, django_assert_num_queries):
    # given the values the user already has
    body = {"display_name": user.display_name, "timezone": user.timezone}
    # when they are sent again
    # then no UPDATE: authentication's SELECT of the user, and the service's SAVEPOINT and RELEASE
    with django_assert_num_queries(3):
        response = auth_client.put("/api/v1/users/me", body, format="json")
    assert response.status_code == 200
