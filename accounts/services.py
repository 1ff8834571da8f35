"""Writes for accounts: registration, sign-in tokens, the user's own settings, admin actions."""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import string
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed, NotFound, PermissionDenied
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken, Token

from accounts import events as accounts_events
from accounts import selectors
from accounts.days import DEFAULT_TIMEZONE, user_today
from accounts.emails import email_canonical, email_lookup_key
from accounts.models import AllowedEmail, PersonalAccessToken, ProfileVisibility, User
from careerhub import events
from careerhub.api.authentication import revoke_access_token
from careerhub.api.scopes import SCOPES, scopes_unknown
from careerhub.keyed_hash import keyed_hash, keyed_hash_candidates
from careerhub.services import model_update

logger = logging.getLogger(__name__)

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,50}$")
_USERNAME_UNSAFE = re.compile(r"[^a-z0-9_.-]+")


# --- Registration -------------------------------------------------------------------------


def username_derive_from_email(email: str) -> str:
    """A free username from the email's local part: `ada.lovelace`, then `ada.lovelace2`, ..."""
    local = email.strip().lower().split("@", 1)[0]
    base = _USERNAME_UNSAFE.sub("", local)[:44] or "user"
    if len(base) < 3:
        base = f"{base}user"[:44]
    taken = {name.lower() for name in User.objects.filter(username__istartswith=base).values_list("username", flat=True)}
    if base not in taken:
        return base
    for suffix in range(2, 1000):
        candidate = f"{base}{suffix}"
        if candidate not in taken:
            return candidate
    return f"{base}{secrets.token_hex(3)}"


def _email_field_canonical(email: str, field: str = "email") -> str:
    """The canonical address (accounts/emails.py), or a 400 on `field` saying why it is refused."""
    try:
        return email_canonical(email)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _check_registration_allowed(email: str) -> None:
    """`email` is canonical: the allowlist holds canonical addresses, matched exactly."""
    mode = settings.REGISTRATION_MODE
    if mode == "closed":
        raise PermissionDenied("Registration is closed.", code="registration_closed")
    if mode == "allowlist" and not AllowedEmail.objects.filter(email=email).exists():
        raise PermissionDenied("This email address is not on the registration allowlist.", code="not_allowlisted")


def user_register(
    *,
    email: str,
    password: str,
    username: str | None = None,
    display_name: str | None = None,
    timezone: str | None = None,
) -> User:
    email = _email_field_canonical(email)
    _check_registration_allowed(email)
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": ["An account with this email already exists."]})
    if username and User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": ["This username is already taken."]})
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                username=username or username_derive_from_email(email),
                display_name=(display_name or "").strip() or (username or ""),
                timezone=timezone or DEFAULT_TIMEZONE,
            )
    except IntegrityError:
        # Lost a race with a concurrent registration of the same email or username.
        raise ValidationError({"email": ["An account with this email or username already exists."]}) from None
    if not user.display_name:
        User.objects.filter(pk=user.pk).update(display_name=user.username)
        user.display_name = user.username
    user_record_activity(user=user)
    events.emit(accounts_events.USER_REGISTERED, user_id=str(user.pk))
    return user


# --- Sign-in and tokens ----------------------------------------------------------------------


def user_authenticate(*, login: str, password: str) -> User:
    """The user for an email-or-username and password; 401 otherwise, whatever was wrong."""
    user = selectors.user_get_by_login(login)
    if user is None:
        User().set_password(password)  # same cost as a real check: no timing oracle
        raise AuthenticationFailed("Incorrect email or password.", code="invalid_credentials")
    if not user.check_password(password):
        raise AuthenticationFailed("Incorrect email or password.", code="invalid_credentials")
    if not user.is_active:
        raise AuthenticationFailed("This account has been deactivated.", code="user_inactive")
    user_record_activity(user=user)
    return user


def auth_tokens_issue(*, user: User) -> dict:
    """A new token pair: a sign-in (register, login or refresh), so `last_login` says when it was
    (operators read it in the admin; Django's own login() is never called by the API)."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=now)
    user.last_login = now
    refresh = RefreshToken.for_user(user)
    return {
        "access_token": str(refresh.access_token),
        "refresh_token": str(refresh),
        "token_type": "bearer",
        "expires_in": int(jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds()),
    }


def _refresh_token_parse(raw: str) -> RefreshToken:
    try:
        return RefreshToken(raw)
    except TokenError as exc:
        raise AuthenticationFailed(f"Refresh token is invalid: {exc}", code="token_not_valid") from None


@transaction.atomic
def auth_tokens_refresh(*, refresh_token: str) -> tuple[User, dict]:
    """Rotate: the old refresh token is blacklisted and a new pair issued.

    The outstanding-token row is locked so two concurrent refreshes of one token cannot
    both succeed.
    """
    token = _refresh_token_parse(refresh_token)
    outstanding = OutstandingToken.objects.select_for_update(of=("self",)).filter(jti=token["jti"]).first()
    if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
        raise AuthenticationFailed("Refresh token has been revoked.", code="token_not_valid")
    user = User.objects.filter(pk=token.get(jwt_settings.USER_ID_CLAIM), is_active=True).first()
    if user is None:
        raise AuthenticationFailed("This account is not active.", code="user_inactive")
    BlacklistedToken.objects.create(token=outstanding)
    return user, auth_tokens_issue(user=user)


def auth_logout(*, user: User, access_token: Token | None = None, refresh_token: str | None = None) -> None:
    """Blacklist the refresh token (if given) and revoke the access token used for the call."""
    if refresh_token:
        token = _refresh_token_parse(refresh_token)
        if str(token.get(jwt_settings.USER_ID_CLAIM)) != str(user.pk):
            raise ValidationError({"refresh_token": ["This refresh token belongs to another session."]})
        token.blacklist()
    if access_token is not None:
        revoke_access_token(access_token)


def user_tokens_revoke_all(*, user: User) -> None:
    for outstanding in OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now()):
        BlacklistedToken.objects.get_or_create(token=outstanding)


# --- The user's own account ----------------------------------------------------------------


# What PUT /users/me may change: UserUpdateInputSerializer has exactly these fields. Seed 003's
# `is_profile_public` is the legacy spelling of `profile_visibility`, not a column of its own.
USER_EDITABLE_FIELDS = ("display_name", "bio", "profile_visibility", "is_profile_public", "timezone")


def _visibility_from(user: User, data: Mapping[str, Any]) -> str | None:
    """`profile_visibility` wins over the legacy `is_profile_public` when both are sent; a null
    leaves the visibility as it is, and `is_profile_public: false` only ends a public one."""
    if data.get("profile_visibility"):
        return data["profile_visibility"]
    public = data.get("is_profile_public")
    if public:
        return ProfileVisibility.PUBLIC
    if public is False and user.profile_visibility == ProfileVisibility.PUBLIC:
        return ProfileVisibility.PRIVATE
    return None


@transaction.atomic
def user_update(*, user: User, data: Mapping[str, Any]) -> User:
    """Change only the fields in `data` (names of USER_EDITABLE_FIELDS); null clears text fields."""
    values: dict[str, Any] = {}
    if "display_name" in data:
        values["display_name"] = (data["display_name"] or "").strip()
    if "bio" in data:
        values["bio"] = data["bio"] or ""
    if visibility := _visibility_from(user, data):
        values["profile_visibility"] = visibility
    if data.get("timezone"):
        # The streak is kept as is: a move west may put last_active_date in the user's future,
        # which only means activity counts again once their new day reaches it.
        values["timezone"] = data["timezone"]
    model_update(instance=user, fields=("display_name", "bio", "profile_visibility", "timezone"), data=values)
    return user


def user_record_activity(*, user: User, day: date | None = None) -> None:
    """Keep the streak: consecutive days with activity, days being the user's (accounts.days).

    One UPDATE, safe under concurrency.
    """
    day = day or user_today(user)
    changed = (
        User.objects.filter(pk=user.pk)
        .filter(Q(last_active_date__isnull=True) | Q(last_active_date__lt=day))
        .update(
            streak_days=Case(
                When(last_active_date=day - timedelta(days=1), then=F("streak_days") + 1),
                default=Value(1),
            ),
            last_active_date=day,
        )
    )
    if changed:
        user.refresh_from_db(fields=["streak_days", "last_active_date"])
        events.emit(accounts_events.STREAK_CHANGED, user_id=str(user.pk))


# --- Admin -----------------------------------------------------------------------------------


# What the admin API may change about a user: AdminUserUpdateInputSerializer has exactly these fields.
ADMIN_EDITABLE_FIELDS = ("is_active", "is_admin")


@transaction.atomic
def user_admin_update(*, actor: User, user: User, data: Mapping[str, Any]) -> User:
    """Activate or deactivate a user, grant or revoke admin (names of ADMIN_EDITABLE_FIELDS;
    a null or missing one is left as it is). Deactivating revokes the user's tokens."""
    if actor.pk == user.pk:
        raise ValidationError("You cannot modify your own account.")
    values: dict[str, Any] = {}
    if data.get("is_active") is not None:
        values["is_active"] = data["is_active"]
    if data.get("is_admin") is not None:
        # An admin is an operator everywhere: the API (is_staff) and every model in the Django
        # admin (is_superuser; is_staff alone signs in to an admin with nothing in it).
        values["is_staff"] = values["is_superuser"] = data["is_admin"]
    model_update(instance=user, fields=("is_active", "is_staff", "is_superuser"), data=values)
    if data.get("is_active") is False:
        user_tokens_revoke_all(user=user)
    return user


def allowed_email_add(*, email: str, added_by: User | None) -> AllowedEmail:
    email = _email_field_canonical(email)
    if AllowedEmail.objects.filter(email=email).exists():
        raise ValidationError({"email": ["This email is already on the allowlist."]})
    try:
        with transaction.atomic():
            return AllowedEmail.objects.create(email=email, added_by=added_by)
    except IntegrityError:
        raise ValidationError({"email": ["This email is already on the allowlist."]}) from None


def allowed_emails_add_many(*, emails: list[str], added_by: User | None) -> tuple[list[str], list[str]]:
    """Add many addresses at once (each canonical, or a 400 naming the first refused); returns (added, already present)."""
    wanted = list(dict.fromkeys(_email_field_canonical(email, "emails") for email in emails if email.strip()))
    existing = set(AllowedEmail.objects.filter(email__in=wanted).values_list("email", flat=True))
    new = [email for email in wanted if email not in existing]
    AllowedEmail.objects.bulk_create([AllowedEmail(email=email, added_by=added_by) for email in new], ignore_conflicts=True)
    return new, sorted(existing)


def allowed_email_remove(*, email: str) -> None:
    deleted, _ = AllowedEmail.objects.filter(email=email_lookup_key(email) or "").delete()
    if not deleted:
        raise NotFound("This email is not on the allowlist.")


# --- Personal access tokens (docs/agents.md) ------------------------------------------------

MAX_LIVE_TOKENS = 20
TOKEN_EXPIRY_DAYS_DEFAULT = 90
TOKEN_EXPIRY_DAYS_MAX = 365
_TOKEN_ALPHABET = string.ascii_letters + string.digits
# 43 letters and digits: about 256 bits.
_TOKEN_SECRET_LENGTH = 43
_TOKEN_LENGTH = len(PersonalAccessToken.SECRET_PREFIX) + _TOKEN_SECRET_LENGTH
# `chp_` and the secret's first 8 characters: what lists, logs and the admin show.
_TOKEN_PREFIX_LENGTH = len(PersonalAccessToken.SECRET_PREFIX) + 8
# `last_used_at` is written at most this often per token, so a busy script is not one UPDATE per request.
TOKEN_LAST_USED_RESOLUTION = timedelta(minutes=1)


def _token_hash(secret: str) -> str:
    return keyed_hash(secret, purpose=PersonalAccessToken.TOKEN_PURPOSE)


@transaction.atomic
def personal_access_token_create(
    *, user: User, name: str, scopes: list[str], expires_in_days: int = TOKEN_EXPIRY_DAYS_DEFAULT
) -> tuple[PersonalAccessToken, str]:
    """A new token and its secret (shown to the user once, stored only as a keyed hash)."""
    unknown = scopes_unknown(scopes)
    if unknown:
        raise ValidationError({"scopes": [f"Unknown scope {unknown[0]!r}. Allowed values: {', '.join(SCOPES)}."]})
    if not scopes:
        raise ValidationError({"scopes": ["Give the token at least one scope."]})
    if not 1 <= expires_in_days <= TOKEN_EXPIRY_DAYS_MAX:
        raise ValidationError({"expires_in_days": [f"Between 1 and {TOKEN_EXPIRY_DAYS_MAX} days."]})
    # The user's row is locked so two creations at once cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if selectors.personal_access_token_live_count(user=user) >= MAX_LIVE_TOKENS:
        raise ValidationError(
            f"You already have {MAX_LIVE_TOKENS} live personal access tokens, the most allowed: revoke one first."
        )
    secret = PersonalAccessToken.SECRET_PREFIX + "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(_TOKEN_SECRET_LENGTH))
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        scopes=[scope for scope in SCOPES if scope in scopes],
        prefix=secret[:_TOKEN_PREFIX_LENGTH],
        token_hash=_token_hash(secret),
        expires_at=timezone.now() + timedelta(days=expires_in_days),
    )
    logger.info("Personal access token %s created for user %s with scopes %s", token.prefix, user.pk, " ".join(token.scopes))
    return token, secret


def personal_access_token_revoke(*, token: PersonalAccessToken) -> None:
    """Revoke at once: the next request with it is refused (401), on the API and the MCP server alike."""
    now = timezone.now()
    PersonalAccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    token.revoked_at = token.revoked_at or now
    logger.info("Personal access token %s of user %s revoked", token.prefix, token.user_id)


def _token_refused(detail: str, prefix: str | None, code: str = "token_not_valid") -> AuthenticationFailed:
    if prefix:
        logger.info("Personal access token %s refused: %s", prefix, detail)
    return AuthenticationFailed(detail, code=code)


def personal_access_token_authenticate(*, secret: str) -> PersonalAccessToken:
    """The live token `secret` is, its user loaded; 401 when unknown, revoked, expired or its user deactivated.

    Rows are found by prefix and their hash compared in constant time (under SECRET_KEY and each
    SECRET_KEY_FALLBACKS key). `last_used_at` moves at most once per TOKEN_LAST_USED_RESOLUTION.
    """
    if len(secret) != _TOKEN_LENGTH or not secret.isascii() or not secret.startswith(PersonalAccessToken.SECRET_PREFIX):
        raise _token_refused("Invalid personal access token.", None)
    prefix = secret[:_TOKEN_PREFIX_LENGTH]
    candidates = keyed_hash_candidates(secret, purpose=PersonalAccessToken.TOKEN_PURPOSE)
    rows = PersonalAccessToken.objects.select_related("user").filter(prefix=prefix)
    token = next(
        (row for row in rows if any(hmac.compare_digest(row.token_hash, candidate) for candidate in candidates)), None
    )
    if token is None:
        raise _token_refused("Invalid personal access token.", prefix)
    now = timezone.now()
    if token.revoked_at is not None:
        raise _token_refused("This personal access token has been revoked.", prefix)
    if token.expires_at <= now:
        raise _token_refused("This personal access token has expired.", prefix)
    if not token.user.is_active:
        raise _token_refused("This account has been deactivated.", prefix, code="user_inactive")
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - TOKEN_LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
