"""Public sharing: the owner's settings (`/profile/sharing`) and a shared profile (`/public/profiles/{slug}`)."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.api.serializers.sharing import PublicProfileSerializer, SharingInputSerializer, SharingSerializer


class SharingView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="Your public profile link and what it shows",
        description=(
            "Whether the link is on, its address (`url`, which anyone can open without an account) and the "
            "sections it shows. The link is off until you turn it on. It is separate from `profile_visibility`, "
            "which is about other careerhub users."
        ),
        responses={200: SharingSerializer},
    )
    def get(self, request):
        profile = services.profile_get_or_create(user=request.user)
        return Response(SharingSerializer(profile, context={"request": request}).data)

    @extend_schema(
        tags=["profile"],
        summary="Turn your public link on or off, choose its sections, or replace it",
        description=(
            "`enabled` turns the link on or off; `sections` chooses what it shows (`summary`, `skills`, "
            "`experience`, `social_links`, and `contact` only when you list it); `regenerate_slug: true` gives "
            "it a new address and the old one stops working at once. Fields left out stay as they are."
        ),
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
        summary="A shared profile (no sign-in needed)",
        description=(
            "The profile behind a public link, for anyone who has the link: only the sections its owner chose. "
            "A link that is off, replaced or unknown is a 404."
        ),
        auth=[],
        responses={200: PublicProfileSerializer},
    )
    def get(self, request, slug):
        return Response(PublicProfileSerializer(selectors.public_profile_get(slug=slug)).data)
