"""Tags, and assigning them to applications."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from tracker.api.serializers import tags as s
from tracker.api.views.base import deleted, validated
from tracker.selectors import applications as application_selectors
from tracker.selectors import records as record_selectors
from tracker.services import tags as tag_services


class TagListView(APIView):
    @extend_schema(
        tags=["tags"],
        summary="Your tags",
        description="The labels you put on applications (\"remote\", \"dream job\"), by name.",
        responses={200: s.TagSerializer(many=True)},
    )
    def get(self, request):
        return Response(s.TagSerializer(record_selectors.tag_list(user=request.user), many=True).data)

    @extend_schema(
        tags=["tags"],
        summary="Create a tag",
        description="A `name` (unique among your tags, whatever its case) and an optional `color` such as `#6366f1`.",
        request=s.TagCreateInputSerializer,
        responses={201: s.TagSerializer},
    )
    def post(self, request):
        data = validated(s.TagCreateInputSerializer, request.data)
        tag = tag_services.tag_create(user=request.user, name=data["name"], color=data.get("color"))
        return Response(s.TagSerializer(tag).data, status=status.HTTP_201_CREATED)


class TagDetailView(OwnedObjectView):
    lookup_url_kwarg = "tag_id"
    not_found = "Tag not found."

    def get_queryset(self):
        return record_selectors.tag_list(user=self.request.user)

    @extend_schema(
        tags=["tags"],
        summary="Rename or recolor a tag",
        description="Changes only the fields you send; the applications it is on keep it.",
        request=s.TagUpdateInputSerializer,
        responses={200: s.TagSerializer},
    )
    def put(self, request, tag_id):
        tag = self.get_object()
        data = validated(s.TagUpdateInputSerializer, request.data)
        tag = tag_services.tag_update(user=request.user, tag=tag, data=data)
        return Response(s.TagSerializer(tag).data)

    @extend_schema(
        tags=["tags"],
        summary="Delete a tag",
        description='Removes it from every application too. Answers `{"detail": "Tag deleted"}`.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, tag_id):
        tag_services.tag_delete(user=request.user, tag=self.get_object())
        return deleted("Tag")


class ApplicationTagListView(APIView):
    @extend_schema(
        tags=["tags"],
        summary="An application's tags",
        description="The tags on one of your applications; someone else's application is a 404.",
        responses={200: s.ApplicationTagSerializer(many=True)},
    )
    def get(self, request, application_id):
        assignments = application_selectors.application_tag_list(user=request.user, application_id=application_id)
        return Response(s.ApplicationTagSerializer(assignments, many=True).data)


class TagAssignView(APIView):
    @extend_schema(
        tags=["tags"],
        operation_id="tags_application_assign",
        summary="Put a tag on an application",
        description="Both must be yours (404 otherwise); a tag already on the application is a 400.",
        request=None,
        responses={
            201: s.ApplicationTagSerializer,
            400: error_response("The tag is already assigned to this application."),
        },
    )
    def post(self, request, application_id, tag_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        tag = record_selectors.tag_get(user=request.user, tag_id=tag_id)
        assignment = tag_services.tag_assign(user=request.user, application=application, tag=tag)
        return Response(s.ApplicationTagSerializer(assignment).data, status=status.HTTP_201_CREATED)


class TagRemoveView(APIView):
    @extend_schema(
        tags=["tags"],
        operation_id="tags_application_remove",
        summary="Take a tag off an application",
        description=(
            "The tag stays, for your other applications. A tag that is not on the application is a 404. Answers "
            '`{"detail": "Tag removed from application"}`.'
        ),
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, application_id, tag_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        tag = record_selectors.tag_get(user=request.user, tag_id=tag_id)
        tag_services.tag_unassign(user=request.user, application=application, tag=tag)
        return Response({"detail": "Tag removed from application"})
