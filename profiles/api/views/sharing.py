"""Public sharing: the owner's settings (`/profile/sharing`) and a shared profile (`/public/profiles/{slug}`)."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.serializers.sharing import PublicProfileSerializer, SharingInputSerializer, SharingSerializer


class SharingView(APIView):
    @extend_schema(
        tags=["profile"], summary="The public link of the profile and what it shows", responses={200: SharingSerializer}
    )
    def get(self, request):
        profile = services.profile_get_or_create(user=request.user)
        return Response(SharingSerializer(profile, context={"request": request}).data)

    @extend_schema(
        tags=["profile"],
        summary="Turn the public link on or off, choose its sections, or replace it",
        request=SharingInputSerializer,
        responses={200: SharingSerializer},
    )
    def put(self, request):
        data = SharingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_sharing_update(user=request.user, data=data.validated_data)
        return Response(SharingSerializer(profile, context={"request": request}).data)


class PublicProfileView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["profile"],
        summary="A shared profile (no sign-in)",
        description="Shows only the sections the owner made public. A private or unknown link is a 404.",
        auth=[],
        responses={200: PublicProfileSerializer},
    )
    def get(self, request, slug):
        return Response(PublicProfileSerializer(selectors.public_profile_get(slug=slug)).data)
