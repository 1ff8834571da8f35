import datetime as dt
import time

import jwt
import pytest
from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.models import User
from accounts.tests.factories import create_allowed_email

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-passw0rd"


def register(client, prefix="/auth", **body):
    body.setdefault("password", PASSWORD)
    return client.post(f"{prefix}/register", body, format="json")


def login(client, email, password=PASSWORD, prefix="/auth"):
    return client.post(f"{prefix}/login", {"email": email, "password": password}, format="json")


def test_the_whole_auth_flow_register_login_me_refresh_logout(api_client):
    # given a new account
    response = register(api_client, email="Ada@Example.com", full_name="Ada Lovelace")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["username"] == "ada"
    assert body["user"]["display_name"] == "Ada Lovelace"

    # when signing in
    response = login(api_client, "ada@example.com")
    assert response.status_code == 200
    tokens = response.json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")

    # then /auth/me knows the user
    me = api_client.get("/auth/me").json()
    assert me["email"] == "ada@example.com" and me["full_name"] == "Ada Lovelace"

    # refresh rotates the refresh token
    response = api_client.post("/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json")
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["refresh_token"] != tokens["refresh_token"]
    # the old one is blacklisted by the rotation
    again = api_client.post("/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json")
    assert again.status_code == 401

    # logout blacklists the new refresh token and revokes the access token used
    response = api_client.post("/auth/logout", {"refresh_token": rotated["refresh_token"]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"message": "Successfully logged out"}
    refused = api_client.post("/auth/refresh", {"refresh_token": rotated["refresh_token"]}, format="json")
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_not_valid"
    assert api_client.get("/auth/me").status_code == 401


def test_every_api_sign_in_records_last_login(api_client):
    # given a new account: registering signs in
    register(api_client, email="grace@example.com")
    registered = User.objects.get(email="grace@example.com").last_login
    assert registered is not None
    # when the user logs in, then refreshes the token pair
    tokens = login(api_client, "grace@example.com").json()
    logged_in = User.objects.get(email="grace@example.com").last_login
    api_client.post("/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json")
    refreshed = User.objects.get(email="grace@example.com").last_login
    # then each moved last_login forward, where operators see it in the admin
    assert registered < logged_in < refreshed


def test_a_refused_sign_in_leaves_last_login_alone(api_client, make_user):
    user = make_user(email="grace@example.com", password=PASSWORD)

    assert login(api_client, "grace@example.com", password="wrong-password").status_code == 401

    user.refresh_from_db()
    assert user.last_login is None


def test_register_derives_a_username_and_defaults_display_name_to_it(api_client, make_user):
    make_user(email="x@other.com", username="grace")
    response = register(api_client, email="grace@example.com")
    assert response.status_code == 201
    user = response.json()["user"]
    assert user["username"] == "grace2"
    assert user["display_name"] == "grace2"


def test_a_new_user_starts_private_and_the_register_answer_says_so(api_client):
    # when
    user = register(api_client, email="grace@example.com").json()["user"]
    # then nobody else can find or follow them until they choose otherwise, and the answer shows it
    assert (user["profile_visibility"], user["is_profile_public"]) == ("private", False)
    # and the schema tells callers what each visibility means and how to change it
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    described = schema["components"]["schemas"]["User"]["properties"]["profile_visibility"]["description"]
    assert "`private` (the default for new users)" in described and "PUT /api/v1/users/me" in described


def test_register_accepts_seed_003_body_with_username_and_display_name(api_client):
    response = register(api_client, prefix="/api/v1/auth", email="a@b.co", username="alan_t", display_name="Alan")
    assert response.status_code == 201
    assert response.json()["user"]["username"] == "alan_t"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@b.co", "password": "short"}, "password"),
        ({"email": "a@b.co", "password": "x" * 129}, "password"),
        ({"email": "a@b.co", "username": "ab"}, "username"),
        ({"email": "a@b.co", "username": "has space"}, "username"),
        ({"email": "a@b.co", "username": "x" * 51}, "username"),
    ],
)
def test_register_rejects_invalid_input(api_client, body, field):
    response = register(api_client, **body)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_register_refuses_a_taken_email_case_insensitively(api_client, user):
    response = register(api_client, email="ADA@example.com")
    assert response.status_code == 400
    assert response.json()["errors"]["email"] == ["An account with this email already exists."]


def test_register_refuses_a_taken_username(api_client, user):
    response = register(api_client, email="new@example.com", username="ADA")
    assert response.status_code == 400
    assert "username" in response.json()["errors"]


def test_closed_registration_is_403(api_client, settings):
    settings.REGISTRATION_MODE = "closed"
    response = register(api_client, email="a@b.co")
    assert response.status_code == 403
    assert response.json()["code"] == "registration_closed"
    assert not User.objects.exists()


def test_allowlist_registration_admits_only_listed_emails(api_client, settings):
    settings.REGISTRATION_MODE = "allowlist"
    create_allowed_email("invited@example.com")
    assert register(api_client, email="stranger@example.com").status_code == 403
    assert register(api_client, email="Invited@Example.com").status_code == 201


def test_open_registration_admits_anyone(api_client, settings):
    settings.REGISTRATION_MODE = "open"
    assert register(api_client, email="anyone@example.com").status_code == 201


def test_login_by_username_works_too(api_client, make_user):
    make_user(email="lin@example.com", username="lin", password=PASSWORD)
    response = api_client.post("/auth/login", {"username": "lin", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    response = api_client.post("/auth/login", {"email": "LIN", "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_login_with_a_wrong_password_or_unknown_email_is_401(api_client, make_user):
    make_user(email="lin@example.com", password=PASSWORD)
    assert login(api_client, "lin@example.com", "wrong-password").status_code == 401
    response = login(api_client, "nobody@example.com")
    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect email or password.", "code": "invalid_credentials"}


def test_an_inactive_user_cannot_log_in_and_their_tokens_stop_working(api_client, client_for, make_user):
    user = make_user(email="lin@example.com", password=PASSWORD)
    client = client_for(user)
    assert client.get("/api/v1/users/me").status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/api/v1/users/me").status_code == 401
    response = login(api_client, "lin@example.com")
    assert response.status_code == 401
    assert response.json()["code"] == "user_inactive"


def test_a_tampered_token_is_401(api_client, user):
    token = str(AccessToken.for_user(user))
    head, payload, signature = token.split(".")
    tampered = f"{head}.{payload}.{signature[:-4]}AAAA"
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tampered}")
    response = api_client.get("/api/v1/users/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "token_not_valid"


def test_an_expired_token_is_401(api_client, user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-dt.timedelta(seconds=1))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api_client.get("/api/v1/users/me").status_code == 401


def test_an_unsigned_alg_none_token_is_401(api_client, user):
    claims = {"token_type": "access", "user_id": str(user.pk), "exp": int(time.time()) + 600, "jti": "x"}
    forged = jwt.encode(claims, key=None, algorithm="none")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert api_client.get("/api/v1/users/me").status_code == 401


def test_a_token_signed_with_another_key_is_401(api_client, user):
    claims = {"token_type": "access", "user_id": str(user.pk), "exp": int(time.time()) + 600, "jti": "x"}
    forged = jwt.encode(claims, key="not-the-server-key-but-long-enough-for-hs256", algorithm="HS256")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert api_client.get("/api/v1/users/me").status_code == 401


def test_a_refresh_token_is_not_accepted_as_an_access_token(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user)}")
    assert api_client.get("/api/v1/users/me").status_code == 401


def test_an_access_token_is_not_accepted_as_a_refresh_token(api_client, user):
    access = str(AccessToken.for_user(user))
    assert api_client.post("/auth/refresh", {"refresh_token": access}, format="json").status_code == 401


def test_no_token_is_401_in_the_error_shape(api_client):
    response = api_client.get("/api/v1/users/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided.", "code": "not_authenticated"}


def test_expires_in_tells_the_access_token_lifetime(api_client, user):
    response = login(api_client, "ada@example.com", "correct-horse-battery")
    body = response.json()
    claims = jwt.decode(body["access_token"], settings.SIMPLE_JWT["SIGNING_KEY"], algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == body["expires_in"] == 3600


def test_logout_refuses_a_refresh_token_of_another_user(auth_client, other_user):
    foreign = str(RefreshToken.for_user(other_user))
    response = auth_client.post("/auth/logout", {"refresh_token": foreign}, format="json")
    assert response.status_code == 400


def test_logging_in_counts_towards_the_streak(api_client, user):
    User.objects.filter(pk=user.pk).update(streak_days=3, last_active_date=dt.date.today() - dt.timedelta(days=1))
    login(api_client, "ada@example.com", "correct-horse-battery")
    user.refresh_from_db()
    assert user.streak_days == 4
    assert user.last_active_date == dt.date.today()
