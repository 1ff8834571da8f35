"""An application's interview stages, its outcome and the reflection on it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from tracker.api.serializers import stages as s
from tracker.api.views.base import deleted, validated
from tracker.selectors import applications as application_selectors
from tracker.services import outcomes as outcome_services
from tracker.services import stages as stage_services


class StageCreateView(APIView):
    @extend_schema(tags=["applications"], request=s.StageInputSerializer, responses={201: s.StageSerializer})
    def post(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        data = validated(s.StageInputSerializer, request.data)
        stage = stage_services.stage_create(user=request.user, application=application, data=data)
        return Response(s.StageSerializer(stage).data, status=status.HTTP_201_CREATED)


class StageDetailView(OwnedObjectView):
    lookup_url_kwarg = "stage_id"
    not_found = "Stage not found."

    def get_queryset(self):
        return application_selectors.stage_list(user=self.request.user, application_id=self.kwargs["application_id"])

    @extend_schema(tags=["applications"], request=s.StageInputSerializer, responses={200: s.StageSerializer})
    def put(self, request, application_id, stage_id):
        stage = self.get_object()
        data = validated(s.StageInputSerializer, request.data, partial=True)
        stage = stage_services.stage_update(user=request.user, stage=stage, data=data)
        return Response(s.StageSerializer(stage).data)

    @extend_schema(tags=["applications"], responses={200: DetailMessageSerializer})
    def delete(self, request, application_id, stage_id):
        stage_services.stage_delete(user=request.user, stage=self.get_object())
        return deleted("Stage")


class OutcomeCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.OutcomeInputSerializer,
        responses={
            201: s.OutcomeSerializer,
            409: error_response("The application already has an outcome (use PUT to update it)."),
        },
    )
    def post(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        data = validated(s.OutcomeInputSerializer, request.data)
        outcome = outcome_services.outcome_create(user=request.user, application=application, data=data)
        return Response(s.OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


class OutcomeDetailView(OwnedObjectView):
    lookup_url_kwarg = "outcome_id"
    not_found = "Outcome not found."

    def get_queryset(self):
        return application_selectors.outcome_list(user=self.request.user, application_id=self.kwargs["application_id"])

    @extend_schema(tags=["applications"], request=s.OutcomeInputSerializer, responses={200: s.OutcomeSerializer})
    def put(self, request, application_id, outcome_id):
        outcome = self.get_object()
        data = validated(s.OutcomeInputSerializer, request.data)
        outcome = outcome_services.outcome_update(user=request.user, outcome=outcome, data=data)
        return Response(s.OutcomeSerializer(outcome).data)

    @extend_schema(tags=["applications"], responses={200: DetailMessageSerializer})
    def delete(self, request, application_id, outcome_id):
        outcome_services.outcome_delete(user=request.user, outcome=self.get_object())
        return deleted("Outcome")


class ReflectionCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.ReflectionInputSerializer,
        responses={
            201: s.ReflectionSerializer,
            409: error_response("The application already has a reflection (use PUT to update it)."),
        },
    )
    def post(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        data = validated(s.ReflectionInputSerializer, request.data)
        reflection = outcome_services.reflection_create(user=request.user, application=application, data=data)
        return Response(s.ReflectionSerializer(reflection).data, status=status.HTTP_201_CREATED)


class ReflectionDetailView(OwnedObjectView):
    lookup_url_kwarg = "reflection_id"
    not_found = "Reflection not found."

    def get_queryset(self):
        return application_selectors.reflection_list(user=self.request.user, application_id=self.kwargs["application_id"])

    @extend_schema(tags=["applications"], request=s.ReflectionInputSerializer, responses={200: s.ReflectionSerializer})
    def put(self, request, application_id, reflection_id):
        reflection = self.get_object()
        data = validated(s.ReflectionInputSerializer, request.data)
        reflection = outcome_services.reflection_update(user=request.user, reflection=reflection, data=data)
        return Response(s.ReflectionSerializer(reflection).data)

    @extend_schema(tags=["applications"], responses={200: DetailMessageSerializer})
    def delete(self, request, application_id, reflection_id):
        outcome_services.reflection_delete(user=request.user, reflection=self.get_object())
        return deleted("Reflection")
