"""The registration allowlist (seed 004 admin API)."""

from accounts.models import AllowedEmail
from careerhub.api import serializers


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
