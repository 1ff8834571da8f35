from accounts.days import DEFAULT_TIMEZONE, streak_current, timezone_validate
from accounts.models import AllowedEmail, ProfileVisibility, User
from accounts.services import USERNAME_RE
from careerhub.api import serializers


class StreakDaysField(serializers.IntegerField):
    """`streak_days` as it stands in the user's today (0 once a day passed without activity),
    never the stored count as of the last activity."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Consecutive days with activity, in the user's time zone, as of today.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, user) -> int:
        return streak_current(user)


def timezone_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=64,
        validators=[timezone_validate],
        help_text='IANA time zone name, e.g. "Europe/Paris"; the user\'s day (streak, automatic dates) follows it.',
        **kwargs,
    )


class UserSerializer(serializers.ModelSerializer):
    """Seed 003 `UserResponse` (plus `is_admin`, so a frontend can show the admin area)."""

    display_name = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    streak_days = StreakDaysField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "username",
            "display_name",
            "bio",
            "is_profile_public",
            "profile_visibility",
            "streak_days",
            "last_active_date",
            "timezone",
            "is_admin",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_display_name(self, user) -> str | None:
        return user.display_name or None

    def get_bio(self, user) -> str | None:
        return user.bio or None


class UserPublicProfileSerializer(serializers.ModelSerializer):
    """Seed 003 `UserPublicProfile`."""

    display_name = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    streak_days = StreakDaysField()

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "bio", "profile_visibility", "streak_days", "created_at"]
        read_only_fields = fields

    def get_display_name(self, user) -> str | None:
        return user.display_name or None

    def get_bio(self, user) -> str | None:
        return user.bio or None


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=255)
    password = serializers.CharField(min_length=8, max_length=128, trim_whitespace=False, write_only=True)
    username = serializers.CharField(min_length=3, max_length=50, required=False, allow_null=True)
    display_name = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    full_name = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    timezone = timezone_field(default=DEFAULT_TIMEZONE)

    def validate_username(self, value):
        if value is not None and not USERNAME_RE.match(value):
            raise serializers.ValidationError("Use 3–50 letters, digits, dots, dashes or underscores.")
        return value


class LoginInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=255, required=False, help_text="Email address (or username).")
    username = serializers.CharField(max_length=255, required=False, help_text="Username, instead of email.")
    password = serializers.CharField(min_length=8, max_length=128, trim_whitespace=False, write_only=True)

    def validate(self, attrs):
        if not (attrs.get("email") or attrs.get("username")):
            raise serializers.ValidationError({"email": ["This field is required."]})
        return attrs


class RefreshInputSerializer(serializers.Serializer):
    refresh_token = serializers.CharField(required=False, max_length=2000)
    refresh = serializers.CharField(required=False, max_length=2000, help_text="Alias of refresh_token.")

    def validate(self, attrs):
        token = attrs.get("refresh_token") or attrs.get("refresh")
        if not token:
            raise serializers.ValidationError({"refresh_token": ["This field is required."]})
        return {"refresh_token": token}


class LogoutInputSerializer(serializers.Serializer):
    refresh_token = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    refresh = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="Alias of refresh_token.")


class TokenPairSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()
    token_type = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Lifetime of the access token in seconds.")
    user = UserSerializer()


class UserUpdateInputSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    bio = serializers.CharField(max_length=5000, required=False, allow_null=True, allow_blank=True)
    is_profile_public = serializers.BooleanField(required=False, allow_null=True)
    profile_visibility = serializers.ChoiceField(choices=ProfileVisibility.choices, required=False, allow_null=True)
    timezone = timezone_field(required=False)


class AdminUserSerializer(serializers.ModelSerializer):
    full_name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "username", "full_name", "is_active", "is_admin", "created_at"]
        read_only_fields = fields

    def get_full_name(self, user) -> str | None:
        return user.display_name or None


class AdminUserListSerializer(serializers.Serializer):
    users = AdminUserSerializer(many=True)
    total = serializers.IntegerField()


class AdminUserUpdateInputSerializer(serializers.Serializer):
    is_active = serializers.BooleanField(required=False)
    is_admin = serializers.BooleanField(required=False)


class AllowedEmailSerializer(serializers.ModelSerializer):
    class Meta:
        model = AllowedEmail
        fields = ["id", "email", "added_by", "created_at"]
        read_only_fields = fields


class AllowedEmailListSerializer(serializers.Serializer):
    allowed_emails = AllowedEmailSerializer(many=True)
    total = serializers.IntegerField()


class AllowedEmailInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=255)
