"""Users and API clients signed in as them: fixtures every app's tests use (registered in the root conftest)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.tests import factories


def bearer(user) -> str:
    """The Authorization header value for `user` (a fresh access token)."""
    return f"Bearer {RefreshToken.for_user(user).access_token}"


@pytest.fixture
def make_user(db):
    """make_user(**fields) → a saved user with a unique email and username (accounts.tests.factories)."""
    return factories.create_user


@pytest.fixture
def user(make_user):
    return make_user(email="ada@example.com", username="ada", display_name="Ada Lovelace")


@pytest.fixture
def other_user(make_user):
    return make_user(email="grace@example.com", username="grace", display_name="Grace Hopper")


@pytest.fixture
def staff_user(make_user):
    return make_user(email="root@example.com", username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def client_for():
    """client_for(user) → an APIClient sending that user's access token."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=bearer(user))
        return client

    return make


@pytest.fixture
def auth_client(client_for, user):
    return client_for(user)


@pytest.fixture
def other_client(client_for, other_user):
    return client_for(other_user)


@pytest.fixture
def staff_client(client_for, staff_user):
    return client_for(staff_user)




@pytest.fixture
def token_client_for(db):
    """token_client_for(user, scopes=None) → an APIClient sending a new personal access token of
    `user` with those scopes (every scope when None); its `.token` and `.secret` are set."""

    def make(user, scopes: list[str] | None = None) -> APIClient:
        token, secret = factories.create_personal_access_token(user, scopes)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        client.token, client.secret = token, secret
        return client

    return make
