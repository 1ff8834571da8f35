"""An application's interview stages, its outcome and the reflection on it."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
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
    @extend_schema(
        tags=["applications"],
        summary="Add an interview stage",
        description=(
            "A step of the process: a recruiter call, a technical interview, a take-home, a final round. The "
            "`result` starts `Pending`. Adding a stage to an `Applied` application moves it to `Interviewing`. "
            "`questions_asked` (a list of strings) feeds your question bank (`GET /api/v1/analytics/questions`); "
            "a dated stage appears in your calendar feed."
        ),
        request=s.StageInputSerializer,
        examples=[
            OpenApiExample(
                "A technical interview",
                request_only=True,
                value={
                    "stage_name": "Live coding",
                    "stage_type": "Technical",
                    "stage_date": "2026-11-28",
                    "duration_minutes": 60,
                    "interviewer_names": "Priya Nair",
                    "questions_asked": ["Design a rate limiter"],
                },
            )
        ],
        responses={201: s.StageSerializer},
    )
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

    @extend_schema(
        tags=["applications"],
        summary="Change an interview stage",
        description="Changes only the fields you send, typically `result` (`Passed`, `Failed`, `Cancelled`) and notes.",
        request=s.StageInputSerializer,
        responses={200: s.StageSerializer},
    )
    def put(self, request, application_id, stage_id):
        stage = self.get_object()
        data = validated(s.StageInputSerializer, request.data, partial=True)
        stage = stage_services.stage_update(user=request.user, stage=stage, data=data)
        return Response(s.StageSerializer(stage).data)

    @extend_schema(
        tags=["applications"],
        summary="Delete an interview stage",
        description='Answers `{"detail": "Stage deleted"}`; the application keeps its status.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, application_id, stage_id):
        stage_services.stage_delete(user=request.user, stage=self.get_object())
        return deleted("Stage")


class OutcomeCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        summary="Record the outcome",
        description=(
            "How it ended: an `Offer` (the default, with its salary, bonus, equity, benefits, start date and the "
            "deadline to answer by), `Rejected` or `Withdrawn`. The application's status follows the outcome. An "
            "application has one outcome: a second is a 409, change the first with `PUT` instead."
        ),
        request=s.OutcomeInputSerializer,
        examples=[
            OpenApiExample(
                "An offer",
                request_only=True,
                value={
                    "status": "Offer",
                    "salary": 98000,
                    "salary_currency": "EUR",
                    "bonus": "10% target",
                    "benefits": "28 days off, relocation help",
                    "deadline": "2026-12-12",
                },
            )
        ],
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

    @extend_schema(
        tags=["applications"],
        summary="Change the outcome",
        description=(
            "Changes only the fields you send. Changing `status` moves the application along (a rejection "
            "turned into an offer counts as an offer received)."
        ),
        request=s.OutcomeInputSerializer,
        responses={200: s.OutcomeSerializer},
    )
    def put(self, request, application_id, outcome_id):
        outcome = self.get_object()
        data = validated(s.OutcomeInputSerializer, request.data)
        outcome = outcome_services.outcome_update(user=request.user, outcome=outcome, data=data)
        return Response(s.OutcomeSerializer(outcome).data)

    @extend_schema(
        tags=["applications"],
        summary="Delete the outcome",
        description='Answers `{"detail": "Outcome deleted"}`; the application keeps its status.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, application_id, outcome_id):
        outcome_services.outcome_delete(user=request.user, outcome=self.get_object())
        return deleted("Outcome")


class ReflectionCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        summary="Write a reflection",
        description=(
            "What worked, what did not, the skill gaps it showed (a list) and what you will do about them. One "
            "reflection per application: a second is a 409, change the first with `PUT` instead."
        ),
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

    @extend_schema(
        tags=["applications"],
        summary="Change the reflection",
        description="Changes only the fields you send.",
        request=s.ReflectionInputSerializer,
        responses={200: s.ReflectionSerializer},
    )
    def put(self, request, application_id, reflection_id):
        reflection = self.get_object()
        data = validated(s.ReflectionInputSerializer, request.data)
        reflection = outcome_services.reflection_update(user=request.user, reflection=reflection, data=data)
        return Response(s.ReflectionSerializer(reflection).data)

    @extend_schema(
        tags=["applications"],
        summary="Delete the reflection",
        description='Answers `{"detail": "Reflection deleted"}`.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, application_id, reflection_id):
        outcome_services.reflection_delete(user=request.user, reflection=self.get_object())
        return deleted("Reflection")
