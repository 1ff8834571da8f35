"""The admin API's view of users (seed 004)."""

from accounts.models import User
from careerhub.api import serializers


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


# Exactly accounts.services.ADMIN_EDITABLE_FIELDS (a test keeps the two in step).
class AdminUserUpdateInputSerializer(serializers.Serializer):
    is_active = serializers.BooleanField(required=False)
    is_admin = serializers.BooleanField(required=False)
