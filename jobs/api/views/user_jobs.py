"""Seed 004 "User-Submitted Jobs": parse a pasted posting, and a user's own jobs."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import envelope
from careerhub.api.schema import error_response
from careerhub.api.throttles import JobParseThrottle
from careerhub.api.views import OwnedObjectView
from jobs import selectors
from jobs.api.serializers import user_jobs as s
from jobs.extraction import job_text_extract
from jobs.services import user_jobs


class UserJobParseView(APIView):
    throttle_classes = [JobParseThrottle]

    @extend_schema(
        tags=["user-jobs"],
        operation_id="user_jobs_parse",
        summary="Read a pasted job posting",
        description=(
            "Reads the text of a posting you copied from anywhere and answers its fields (title, company, "
            "location, work mode, contract type, salary, skills), ready for `POST /api/v1/user-jobs`. Nothing is "
            "stored. The AI model reads it when the server has one, careerhub's own reader otherwise (`model` "
            "says which). At most 10 per hour per user."
        ),
        request=s.ParseJobTextSerializer,
        examples=[
            OpenApiExample(
                "A pasted posting",
                request_only=True,
                value={
                    "job_text": "Senior Backend Engineer at Northwind Analytics (Amsterdam, hybrid). We build "
                    "analytics APIs in Python and Django on PostgreSQL. 5+ years of experience. Salary: "
                    "EUR 90,000 - 110,000 per year."
                },
            )
        ],
        responses={
            200: s.ParsedJobSerializer,
            429: error_response("Too many parse requests."),
            503: error_response("The AI service is unavailable; try again shortly."),
        },
    )
    def post(self, request):
        data = s.ParseJobTextSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(s.ParsedJobSerializer(job_text_extract(text=data.validated_data["job_text"])).data)


class UserJobListView(APIView):
    pagination_class = envelope("jobs", 200)

    @extend_schema(
        tags=["user-jobs"],
        summary="The jobs you added",
        description="Jobs you added yourself (nobody else sees them), newest first. Page with `limit` and `offset`.",
        responses={200: s.UserJobSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.user_job_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(s.UserJobSerializer(page, many=True).data)

    @extend_schema(
        tags=["user-jobs"],
        summary="Add a job you found elsewhere",
        description=(
            "Stores a job only you see (`title` and `description` required) and scores it for you at once: it "
            "appears in your matches whatever its score. The same company and title twice is a 400."
        ),
        request=s.UserJobInputSerializer,
        responses={201: s.UserJobSerializer},
    )
    def post(self, request):
        data = s.UserJobInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = user_jobs.user_job_create(user=request.user, **data.validated_data)
        return Response(s.UserJobSerializer(job).data, status=status.HTTP_201_CREATED)


class UserJobDetailView(OwnedObjectView):

    lookup_url_kwarg = "job_id"
    not_found = "Job not found."

    def get_queryset(self):
        return selectors.user_job_list(user=self.request.user)

    @extend_schema(
        tags=["user-jobs"], summary="One job you added", description="Someone else's job is a 404.", responses={200: s.UserJobSerializer}
    )
    def get(self, request, job_id):
        return Response(s.UserJobSerializer(self.get_object()).data)

    @extend_schema(
        tags=["user-jobs"],
        summary="Change a job you added",
        description="Changes only the fields you send, and scores the job for you again.",
        request=s.UserJobInputSerializer(partial=True),
        responses={200: s.UserJobSerializer},
    )
    def put(self, request, job_id):
        job = self.get_object()
        data = s.UserJobInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(s.UserJobSerializer(user_jobs.user_job_update(job=job, **data.validated_data)).data)

    @extend_schema(
        tags=["user-jobs"],
        summary="Delete a job you added",
        description="Deletes it with your match for it. Answers 204 with no body, as seed 004 documents.",
        responses={204: None},
    )
    def delete(self, request, job_id):
        user_jobs.user_job_delete(job=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
