"""Saved jobs, and promoting one to an application."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from tracker.api import filters
from tracker.api.serializers import saved_jobs as s
from tracker.api.serializers.applications import ApplicationCreatedSerializer
from tracker.api.views.applications import application_created_body
from tracker.api.views.base import OwnedListView, deleted, validated
from tracker.models import SavedJob
from tracker.selectors import applications as application_selectors
from tracker.selectors import records as record_selectors
from tracker.services import saved_jobs as saved_job_services


class SavedJobListView(OwnedListView):
    model = SavedJob
    pagination_class = skip_limit(100)
    filterset_class = filters.SavedJobFilter

    def owned(self):
        return record_selectors.saved_job_list(user=self.request.user)

    @extend_schema(
        tags=["saved jobs"],
        summary="Your saved jobs",
        description=(
            "Jobs you noted to apply to later, newest first. Filter with `status` (`Active`, `Archived`, "
            "`Converted`) and `priority`; page with `skip` and `limit`."
        ),
        responses={200: s.SavedJobSerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.SavedJobSerializer)

    @extend_schema(
        tags=["saved jobs"],
        summary="Save a job for later",
        description=(
            "Only `company_name` is required. The answer lists in `duplicates` the applications you already "
            "track for the same company and role, if any."
        ),
        request=s.SavedJobInputSerializer,
        responses={201: s.SavedJobCreatedSerializer},
    )
    def post(self, request):
        data = validated(s.SavedJobInputSerializer, request.data)
        saved_job = saved_job_services.saved_job_create(user=request.user, data=data)
        saved_job.duplicates = list(
            application_selectors.application_duplicate_list(
                user=request.user, company_name=saved_job.company_name, role_title=saved_job.role_title
            )
        )
        return Response(s.SavedJobCreatedSerializer(saved_job).data, status=status.HTTP_201_CREATED)


class _SavedJobView(OwnedObjectView):
    lookup_url_kwarg = "saved_job_id"
    not_found = "Saved job not found."

    def get_queryset(self):
        return record_selectors.saved_job_list(user=self.request.user)


class SavedJobDetailView(_SavedJobView):
    @extend_schema(
        tags=["saved jobs"], summary="One saved job", description="Someone else's saved job is a 404.", responses={200: s.SavedJobSerializer}
    )
    def get(self, request, saved_job_id):
        return Response(s.SavedJobSerializer(self.get_object()).data)

    @extend_schema(
        tags=["saved jobs"],
        summary="Change a saved job",
        description="Changes only the fields you send.",
        request=s.SavedJobUpdateInputSerializer,
        responses={200: s.SavedJobSerializer},
    )
    def put(self, request, saved_job_id):
        saved_job = self.get_object()
        data = validated(s.SavedJobUpdateInputSerializer, request.data, partial=True)
        saved_job = saved_job_services.saved_job_update(user=request.user, saved_job=saved_job, data=data)
        return Response(s.SavedJobSerializer(saved_job).data)

    @extend_schema(
        tags=["saved jobs"],
        summary="Delete a saved job",
        description='Answers `{"detail": "Saved job deleted"}`. An application made from it stays.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, saved_job_id):
        saved_job_services.saved_job_delete(user=request.user, saved_job=self.get_object())
        return deleted("Saved job")


class SavedJobConvertView(_SavedJobView):
    @extend_schema(
        tags=["saved jobs"],
        summary="Turn a saved job into an application",
        description=(
            "Creates an application from the saved job (its company, role, link, place, salary and notes) and "
            "marks the saved job `Converted`. The new application's `status` defaults to `Saved`. A saved job is "
            "converted once: again is a 409. It needs a `role_title` first (400)."
        ),
        request=s.ConvertInputSerializer,
        responses={
            201: ApplicationCreatedSerializer,
            409: error_response("The saved job has already been converted (code `already_converted`)."),
        },
    )
    def post(self, request, saved_job_id):
        saved_job = self.get_object()
        data = validated(s.ConvertInputSerializer, request.data)
        application = saved_job_services.saved_job_convert(user=request.user, saved_job=saved_job, data=data)
        return Response(application_created_body(request.user, application), status=status.HTTP_201_CREATED)
