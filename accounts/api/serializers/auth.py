"""Register, sign in, refresh and sign out (seeds 003 and 004 accept each other's spellings)."""

from accounts.api.serializers.users import UserSerializer, timezone_field
from accounts.days import DEFAULT_TIMEZONE
from accounts.services import USERNAME_RE
from careerhub.api import serializers


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
