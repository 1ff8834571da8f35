from careerhub.api import serializers


class FeedQuerySerializer(serializers.Serializer):
    # The feed's query string (`?group_id=`); a malformed UUID is a 400 naming the parameter.
    group_id = serializers.UUIDField(required=False, allow_null=True)
