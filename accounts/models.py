import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower

from accounts.days import DEFAULT_TIMEZONE, timezone_validate
from accounts.emails import email_canonical, email_lookup_key


class ProfileVisibility(models.TextChoices):
    PRIVATE = "private", "Private"
    FOLLOWERS = "followers", "Followers"
    GROUPS = "groups", "Groups"
    PUBLIC = "public", "Public"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        from accounts.services import username_derive_from_email

        if not (email or "").strip():
            raise ValueError("An email address is required.")
        email = email_canonical(email)
        if not fields.get("username"):
            fields["username"] = username_derive_from_email(email)
        if not fields.get("display_name"):
            fields["display_name"] = fields["username"]
        user = self.model(email=email, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str) -> "User":
        """The user of an address, by exact match on its canonical form (the Django admin's sign-in)."""
        key = email_lookup_key(email)
        if key is None:
            raise self.model.DoesNotExist
        return self.get(email=key)


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Always canonical (accounts/emails.py): every lookup is an exact match on it.
    email = models.EmailField(max_length=255, unique=True, help_text="Stored in canonical form (accounts/emails.py).")
    username = models.CharField(max_length=50, unique=True)
    display_name = models.CharField(max_length=100, blank=True)
    # The profile's summary: every face that shows a bio or summary reads this one field.
    bio = models.TextField(blank=True)
    profile_visibility = models.CharField(
        max_length=10, choices=ProfileVisibility.choices, default=ProfileVisibility.PRIVATE
    )
    # The user's day (streak, automatic dates) follows this zone: see accounts/days.py. The
    # database default too, so rows written by code that predates the column (older processes
    # during a deploy, historical models in other apps' migrations) still get one.
    timezone = models.CharField(
        max_length=64,
        default=DEFAULT_TIMEZONE,
        db_default=DEFAULT_TIMEZONE,
        validators=[timezone_validate],
        help_text="IANA time zone name.",
    )
    # Stored as of the last activity; read it through accounts.days.streak_current.
    streak_days = models.PositiveIntegerField(default=0)
    last_active_date = models.DateField(null=True, blank=True, help_text="In the user's time zone.")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the admin API and the Django admin.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # The canonical form is lowercase ASCII (accounts/emails.py): a write that skipped it fails here.
            models.CheckConstraint(condition=models.Q(email=Lower("email")), name="user_email_canonical_case"),
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
        ]
        indexes = [models.Index(fields=["profile_visibility", "-last_active_date"], name="user_visibility_active_idx")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_admin(self) -> bool:
        return self.is_staff

    @property
    def is_profile_public(self) -> bool:
        """Seed 003's legacy flag, derived so it can never disagree with profile_visibility."""
        return self.profile_visibility == ProfileVisibility.PUBLIC


class AllowedEmail(models.Model):
    """An address allowed to register while REGISTRATION_MODE is `allowlist`."""

    # Canonical like User.email, and matched against it exactly.
    email = models.EmailField(
        max_length=255,
        unique=True,
        error_messages={"unique": "This email is already on the allowlist."},
        help_text="Stored in canonical form (accounts/emails.py).",
    )
    added_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]
        verbose_name = "allowed email"
        constraints = [
            models.CheckConstraint(condition=models.Q(email=Lower("email")), name="allowed_email_canonical_case"),
        ]

    def __str__(self) -> str:
        return self.email


class PersonalAccessToken(models.Model):
    """A token for scripts and AI assistants (docs/agents.md): its user's access, narrowed to `scopes`.

    The secret (`chp_` + 43 random letters and digits) is shown once, when made; only its keyed
    hash is stored (careerhub.keyed_hash). `prefix`, the secret's first characters (too few to be
    of any use), names the token in lists, logs and the admin. A revoked token is kept, with
    `revoked_at`, so operators can see what existed.
    """

    # The keyed hash's purpose: a token's hash is worth nothing as any other secret's.
    TOKEN_PURPOSE = "accounts.personal_access_token"
    SECRET_PREFIX = "chp_"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="personal_access_tokens")
    name = models.CharField(max_length=100)
    scopes = models.JSONField(default=list, help_text="careerhub.api.scopes.SCOPES this token may use.")
    prefix = models.CharField(max_length=16, db_index=True, help_text="The secret's first characters: enough to recognise it, never to use it.")
    token_hash = models.CharField(max_length=64, unique=True, help_text="careerhub.keyed_hash of the secret.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, help_text="Updated at most once a minute.")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = "personal access token"
        indexes = [models.Index(fields=["user", "revoked_at"], name="pat_user_revoked_idx")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
