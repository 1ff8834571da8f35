"""Tags and their assignments to applications."""

from __future__ import annotations

from careerhub.api import serializers
from tracker.api.serializers.fields import HexColorField, owner_id
from tracker.models import ApplicationTag, Tag


class TagSerializer(serializers.ModelSerializer):
    user_id = owner_id()

    class Meta:
        model = Tag
        fields = ["id", "user_id", "name", "color", "created_at"]
        read_only_fields = fields


class ApplicationTagSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    tag_id = serializers.UUIDField(read_only=True)
    tag = TagSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ApplicationTag
        fields = ["id", "application_id", "tag_id", "created_at", "tag"]
        read_only_fields = fields


class TagCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    color = HexColorField(required=False, allow_null=True)


class TagUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, required=False)
    color = HexColorField(required=False)
