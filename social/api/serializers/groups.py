from careerhub.api import serializers
from social.models import Group, GroupInvitation, GroupMember


class GroupSerializer(serializers.ModelSerializer):
    description = serializers.SerializerMethodField()
    created_by = serializers.UUIDField(source="created_by_id")
    member_count = serializers.IntegerField()

    class Meta:
        model = Group
        fields = ["id", "name", "description", "created_by", "is_public", "member_count", "created_at", "updated_at"]
        read_only_fields = fields

    def get_description(self, group) -> str | None:
        return group.description or None


class GroupCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=5000)
    is_public = serializers.BooleanField(required=False, default=True)


class GroupUpdateInputSerializer(serializers.Serializer):
    # Exactly social.services.GROUP_FIELDS, each optional: a PUT changes what it sends.
    name = serializers.CharField(max_length=100, required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=5000)
    is_public = serializers.BooleanField(required=False, allow_null=True)


class GroupMemberSerializer(serializers.ModelSerializer):
    group_id = serializers.UUIDField()
    user_id = serializers.UUIDField()

    class Meta:
        model = GroupMember
        fields = ["id", "group_id", "user_id", "role", "joined_at"]
        read_only_fields = fields


class GroupInvitationSerializer(serializers.ModelSerializer):
    group_id = serializers.UUIDField()
    user_id = serializers.UUIDField()
    invited_by = serializers.UUIDField(source="invited_by_id")

    class Meta:
        model = GroupInvitation
        fields = ["id", "group_id", "user_id", "invited_by", "created_at"]
        read_only_fields = fields
