"""Personal access tokens: `/api/v1/auth/tokens`, and what a token may and may not do (issue 20).

The scope of every route is walked in careerhub/tests/test_token_scopes.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import PersonalAccessToken
from accounts.services import MAX_LIVE_TOKENS, personal_access_token_authenticate, personal_access_token_revoke
from accounts.tests.factories import create_personal_access_token

pytestmark = pytest.mark.django_db

TOKENS = "/api/v1/auth/tokens"


def _bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_new_token_is_shown_once_and_stored_only_as_a_keyed_hash(auth_client, user):
    # given / when
    response = auth_client.post(TOKENS, {"name": "Claude Desktop", "scopes": ["tracker:read", "jobs:read"]}, format="json")

    # then the secret is in the answer, in the documented form
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "name", "scopes", "token", "prefix", "created_at", "expires_at"}
    assert body["token"].startswith("chp_") and len(body["token"]) >= 44
    assert body["token"][4:].isalnum()
    assert body["token"].startswith(body["prefix"]) and len(body["prefix"]) < 16
    assert body["scopes"] == ["jobs:read", "tracker:read"]
    # and it expires after the default 90 days
    token = PersonalAccessToken.objects.get(pk=body["id"])
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    # and only its hash is stored
    assert token.user == user
    assert body["token"] not in token.token_hash
    assert body["token"][len(body["prefix"]) :] not in str(PersonalAccessToken.objects.filter(pk=token.pk).values().get())


def test_the_list_shows_tokens_without_their_secrets_and_when_each_was_last_used(auth_client, user, other_user):
    # given two tokens of the user (one used), one revoked, and another user's
    _, used_secret = create_personal_access_token(user, ["jobs:read"], name="used")
    create_personal_access_token(user, ["tracker:read"], name="unused")
    revoked, _ = create_personal_access_token(user, ["tracker:read"], name="revoked")
    personal_access_token_revoke(token=revoked)
    create_personal_access_token(other_user, name="not mine")
    assert _bearer(used_secret).get("/api/v1/jobs").status_code == 200

    # when
    response = auth_client.get(TOKENS)

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [token["name"] for token in body["tokens"]] == ["unused", "used"]
    assert all("token" not in token and "token_hash" not in token for token in body["tokens"])
    assert used_secret not in response.content.decode()
    by_name = {token["name"]: token for token in body["tokens"]}
    assert by_name["used"]["last_used_at"] is not None
    assert by_name["unused"]["last_used_at"] is None
    assert by_name["used"]["prefix"] == used_secret[:12]


def test_a_revoked_token_is_refused_at_once(auth_client, user):
    # given a token that works
    token, secret = create_personal_access_token(user, ["tracker:read"])
    assert _bearer(secret).get("/api/v1/applications").status_code == 200

    # when its user revokes it
    response = auth_client.delete(f"{TOKENS}/{token.pk}")

    # then the next request with it is a 401
    assert response.status_code == 204
    refused = _bearer(secret).get("/api/v1/applications")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "This personal access token has been revoked."
    assert auth_client.get(TOKENS).json()["total"] == 0


def test_another_users_token_cannot_be_revoked(other_client, user):
    # given
    token, secret = create_personal_access_token(user, ["tracker:read"])

    # when
    response = other_client.delete(f"{TOKENS}/{token.pk}")

    # then it is not found, and still works
    assert response.status_code == 404
    assert _bearer(secret).get("/api/v1/applications").status_code == 200


def test_an_expired_token_is_refused(user):
    # given a token past its expiry
    token, secret = create_personal_access_token(user, ["tracker:read"])
    PersonalAccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    # when / then
    response = _bearer(secret).get("/api/v1/applications")
    assert response.status_code == 401
    assert response.json()["detail"] == "This personal access token has expired."


def test_a_deactivated_users_token_is_refused(user):
    # given
    _, secret = create_personal_access_token(user, ["tracker:read"])
    user.is_active = False
    user.save(update_fields=["is_active"])

    # when / then
    response = _bearer(secret).get("/api/v1/applications")
    assert response.status_code == 401
    assert response.json()["code"] == "user_inactive"


@pytest.mark.parametrize("secret", ["chp_", "chp_" + "a" * 43, "chp_" + "é" * 43, "chp_" + "a" * 200])
def test_an_unknown_token_is_refused(secret, user):
    # given a real token exists (so a lookup has rows to compare against)
    create_personal_access_token(user, ["tracker:read"])

    # when / then
    response = _bearer(secret).get("/api/v1/applications")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid personal access token."


def test_unknown_scopes_are_refused(auth_client):
    # given / when
    response = auth_client.post(TOKENS, {"name": "x", "scopes": ["tracker:read", "admin:write"]}, format="json")

    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "admin:write" in str(body["errors"]), body
    assert not PersonalAccessToken.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["jobs:read"], "expires_in_days": 0},
        {"name": "x", "scopes": ["jobs:read"], "expires_in_days": 366},
        {"name": "", "scopes": ["jobs:read"]},
        {"scopes": ["jobs:read"]},
    ],
)
def test_a_token_request_out_of_bounds_is_refused(payload, auth_client):
    # when
    response = auth_client.post(TOKENS, payload, format="json")

    # then
    assert response.status_code == 400, response.content
    assert not PersonalAccessToken.objects.exists()


def test_at_most_twenty_tokens_are_live(auth_client, user):
    # given the most tokens allowed, plus an expired one that does not count
    expired, _ = create_personal_access_token(user, ["jobs:read"])
    PersonalAccessToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    for _ in range(MAX_LIVE_TOKENS):
        create_personal_access_token(user, ["jobs:read"])

    # when one more is asked for
    response = auth_client.post(TOKENS, {"name": "one too many", "scopes": ["jobs:read"]}, format="json")

    # then it is refused, until one is revoked
    assert response.status_code == 400
    assert "revoke one" in response.json()["detail"]
    live = PersonalAccessToken.objects.filter(user=user, expires_at__gt=timezone.now()).first()
    assert auth_client.delete(f"{TOKENS}/{live.pk}").status_code == 204
    assert auth_client.post(TOKENS, {"name": "now", "scopes": ["jobs:read"]}, format="json").status_code == 201


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("post", TOKENS, {"name": "a token's token", "scopes": ["jobs:read"]}),
        ("get", TOKENS, None),
        ("post", "/api/v1/auth/logout", {}),
        ("post", "/auth/tokens", {"name": "a token's token", "scopes": ["jobs:read"]}),
        ("get", "/api/v1/admin/users", None),
        ("get", "/api/v1/admin/allowlist", None),
        ("get", "/api/v1/admin/cache/stats", None),
    ],
)
def test_a_token_never_manages_tokens_sessions_or_admin_routes(method, path, body, make_user, token_client_for):
    # given a staff user's token with every scope
    client = token_client_for(make_user(is_staff=True))

    # when
    response = getattr(client, method)(path, body, format="json") if body is not None else getattr(client, method)(path)

    # then
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "token_not_allowed"
    assert PersonalAccessToken.objects.count() == 1


def test_a_token_outside_its_scopes_is_refused_naming_the_scope(token_client_for, user):
    # given a token that may only read the tracker
    client = token_client_for(user, ["tracker:read"])

    # when it reads, then writes
    read = client.get("/api/v1/applications")
    write = client.post("/api/v1/applications", {"company_name": "Initech", "role_title": "Engineer"}, format="json")

    # then the read passes and the write is refused
    assert read.status_code == 200
    assert write.status_code == 403
    assert write.json() == {"detail": "This token lacks the tracker:write scope this route needs.", "code": "insufficient_scope"}


def test_a_token_acts_as_its_user_and_only_its_user(token_client_for, auth_client, other_client, user):
    # given an application of another user, and one of the user's made with a token
    theirs = other_client.post("/api/v1/applications", {"company_name": "Globex", "role_title": "Engineer"}, format="json").json()
    client = token_client_for(user, ["tracker:read", "tracker:write"])
    mine = client.post("/api/v1/applications", {"company_name": "Initech", "role_title": "Engineer"}, format="json")

    # when / then the token's application is the user's, and the other user's is not found
    assert mine.status_code == 201, mine.content
    assert [row["id"] for row in auth_client.get("/api/v1/applications").json()] == [mine.json()["id"]]
    assert client.get(f"/api/v1/applications/{theirs['id']}").status_code == 404


def test_last_used_is_written_at_most_once_a_minute(user):
    # given a token just used
    token, secret = create_personal_access_token(user, ["jobs:read"])
    client = _bearer(secret)
    client.get("/api/v1/jobs")
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None

    # when it is used again within the minute, then no write
    client.get("/api/v1/jobs")
    token.refresh_from_db()
    assert token.last_used_at == first_use

    # when it is used more than a minute later, then it moves
    PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    client.get("/api/v1/jobs")
    token.refresh_from_db()
    assert token.last_used_at > first_use - timedelta(minutes=2)


def test_authenticating_a_token_costs_one_query_when_it_was_used_recently(user, django_assert_num_queries):
    # given a token used a moment ago
    _, secret = create_personal_access_token(user, ["jobs:read"])
    personal_access_token_authenticate(secret=secret)

    # when / then: one SELECT (the token with its user), no UPDATE
    with django_assert_num_queries(1):
        token = personal_access_token_authenticate(secret=secret)
    assert token.user == user


def test_the_jwt_from_signing_in_keeps_every_right(auth_client):
    # given / when / then a signed-in session still manages tokens
    assert auth_client.get(TOKENS).status_code == 200


def test_operators_see_tokens_by_prefix_and_can_revoke_them_but_never_the_secret(make_user, user):
    # given a token and an operator signed in to the Django admin
    token, secret = create_personal_access_token(user, ["jobs:read"], name="my script")
    operator = make_user(is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(operator)

    # when the operator lists tokens, then opens the token
    listing = browser.get("/admin/accounts/personalaccesstoken/")
    page = browser.get(f"/admin/accounts/personalaccesstoken/{token.pk}/change/")

    # then the prefix shows, the secret and its hash never
    assert listing.status_code == page.status_code == 200
    for response in (listing, page):
        html = response.content.decode()
        assert token.prefix in html
        assert secret not in html and token.token_hash not in html

    # when the operator revokes it, then it is refused
    response = browser.post(
        "/admin/accounts/personalaccesstoken/",
        {"action": "revoke_tokens", "_selected_action": [str(token.pk)]},
    )
    assert response.status_code == 302
    assert _bearer(secret).get("/api/v1/jobs").status_code == 401
