"""Personal access tokens: what a user asks for, and what they see (the secret only once)."""

from django.utils import timezone

from accounts.models import PersonalAccessToken
from accounts.services import TOKEN_EXPIRY_DAYS_DEFAULT, TOKEN_EXPIRY_DAYS_MAX
from careerhub.api import serializers
from careerhub.api.scopes import SCOPE_DESCRIPTIONS, SCOPES

SCOPES_HELP = "; ".join(f"`{scope}`: {SCOPE_DESCRIPTIONS[scope]}" for scope in SCOPES)


class PersonalAccessTokenInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text='What the token is for, e.g. "Claude Desktop".')
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=SCOPES),
        min_length=1,
        max_length=len(SCOPES),
        help_text=f"What the token may do. {SCOPES_HELP}.",
    )
    expires_in_days = serializers.IntegerField(
        min_value=1, max_value=TOKEN_EXPIRY_DAYS_MAX, default=TOKEN_EXPIRY_DAYS_DEFAULT, help_text="Days until it expires."
    )


class PersonalAccessTokenSerializer(serializers.ModelSerializer):
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=SCOPES), read_only=True)
    prefix = serializers.CharField(read_only=True, help_text="The secret's first characters, to recognise it.")
    expired = serializers.SerializerMethodField()

    class Meta:
        model = PersonalAccessToken
        fields = ["id", "name", "scopes", "prefix", "created_at", "expires_at", "last_used_at", "expired"]
        read_only_fields = fields

    def get_expired(self, token: PersonalAccessToken) -> bool:
        return token.expires_at <= timezone.now()


class PersonalAccessTokenCreatedSerializer(PersonalAccessTokenSerializer):
    """A new token with its secret, given in the context as `secret` (it is stored nowhere)."""

    token = serializers.SerializerMethodField(
        help_text="The secret: shown only in this answer. Send it as `Authorization: Bearer <token>`."
    )

    class Meta(PersonalAccessTokenSerializer.Meta):
        fields = ["id", "name", "scopes", "token", "prefix", "created_at", "expires_at"]
        read_only_fields = fields

    def get_token(self, token: PersonalAccessToken) -> str:
        return self.context["secret"]


class PersonalAccessTokenListSerializer(serializers.Serializer):
    tokens = PersonalAccessTokenSerializer(many=True)
    total = serializers.IntegerField()
