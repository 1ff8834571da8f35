"""The user as seed 003 shows it, and what the user may change about their own account."""

from accounts.days import streak_current, timezone_validate
from accounts.models import ProfileVisibility, User
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


VISIBILITY_HELP = (
    "Who may see this profile (in search, on /users/{id}, in follower lists and the community): `private` (the "
    "default for new users) nobody else — nobody can find or follow you; `followers` the users who follow you "
    "(anyone may follow you); `groups` members of a group you belong to; `public` every signed-in user. Change it "
    "with PUT /api/v1/users/me."
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
        extra_kwargs = {
            "profile_visibility": {"help_text": VISIBILITY_HELP},
            "is_profile_public": {"help_text": "Seed 003's flag: true exactly when `profile_visibility` is `public`."},
        }

    def get_display_name(self, user) -> str | None:
        return user.display_name or None

    def get_bio(self, user) -> str | None:
        return user.bio or None


# Served by social's `/users/search` and `/users/{id}`.
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


# Exactly accounts.services.USER_EDITABLE_FIELDS (a test keeps the two in step).
class UserUpdateInputSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    bio = serializers.CharField(max_length=5000, required=False, allow_null=True, allow_blank=True)
    is_profile_public = serializers.BooleanField(required=False, allow_null=True)
    profile_visibility = serializers.ChoiceField(
        choices=ProfileVisibility.choices, required=False, allow_null=True, help_text=VISIBILITY_HELP
    )
    timezone = timezone_field(required=False)
