"""The signed-in user's own account: `/users/me` (seed 003)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.api.serializers.users import UserSerializer, UserUpdateInputSerializer


class UserMeView(APIView):
    @extend_schema(tags=["users"], responses={200: UserSerializer})
    def get(self, request):
        return Response(UserSerializer(request.user).data)

    @extend_schema(tags=["users"], request=UserUpdateInputSerializer, responses={200: UserSerializer})
    def put(self, request):
        data = UserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update(user=request.user, data=data.validated_data)
        return Response(UserSerializer(user).data)
