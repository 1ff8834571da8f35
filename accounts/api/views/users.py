"""The signed-in user's own account: `/users/me` (seed 003)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.api.serializers.users import UserSerializer, UserUpdateInputSerializer


class UserMeView(APIView):
    @extend_schema(
        tags=["users"],
        summary="Your account",
        description=(
            "The signed-in user as seed 003 shows it: names, the bio (the same text as the profile's summary), "
            "`profile_visibility` (who may see your profile; new accounts are `private`), the activity streak "
            "and the time zone your days are counted in."
        ),
        responses={200: UserSerializer},
    )
    def get(self, request):
        return Response(UserSerializer(request.user).data)

    @extend_schema(
        tags=["users"],
        summary="Change your name, bio, visibility or time zone",
        description=(
            "Changes only the fields you send. `profile_visibility` decides who may find, open and follow your "
            "profile: `private`, `followers`, `groups` or `public`. `is_profile_public` is seed 003's flag for the "
            "same thing (`true` makes the profile public). `timezone` is an IANA name such as `Europe/Paris`: "
            "your streak and the dates careerhub fills in follow it. A null leaves a setting as it is, except "
            "`display_name` and `bio`, which it clears. Answers the updated account."
        ),
        request=UserUpdateInputSerializer,
        examples=[
            OpenApiExample(
                "Go public", request_only=True, value={"display_name": "Ada Lovelace", "profile_visibility": "public"}
            )
        ],
        responses={200: UserSerializer},
    )
    def put(self, request):
        data = UserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update(user=request.user, data=data.validated_data)
        return Response(UserSerializer(user).data)
