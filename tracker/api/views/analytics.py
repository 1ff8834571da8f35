"""The activity log, the analytics dashboard and the question bank."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from tracker.api import filters
from tracker.api.serializers import analytics as s
from tracker.api.views.base import OwnedListView
from tracker.models import ActivityLog
from tracker.selectors import analytics as analytics_selectors
from tracker.selectors import records as record_selectors


class DashboardView(APIView):
    @extend_schema(
        tags=["analytics"],
        summary="Where your search stands",
        description=(
            "Counts per status, the response, interview and offer rates, how each source performs (LinkedIn, "
            "referrals, ...), applications per week, the salaries you were offered, and the companies you applied "
            "to most. Kept for a short while and recomputed after any change to your applications."
        ),
        responses={200: s.DashboardSerializer},
    )
    def get(self, request):
        return Response(s.DashboardSerializer(analytics_selectors.dashboard_get(user=request.user)).data)


class ActivityView(OwnedListView):
    model = ActivityLog
    pagination_class = skip_limit(50)
    filterset_class = filters.ActivityFilter

    def owned(self):
        return record_selectors.activity_list(user=self.request.user)

    @extend_schema(
        tags=["analytics"],
        summary="Your activity log",
        description=(
            "What happened to your applications, newest first: created, updated, status changes (and whether "
            "they were automatic), stages, outcomes, reflections, documents. Filter one application with "
            "`application_id`; page with `skip` and `limit`."
        ),
        responses={200: s.ActivitySerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.ActivitySerializer)


class QuestionBankView(APIView):
    @extend_schema(
        tags=["analytics"],
        operation_id="analytics_questions_list",
        summary="Your interview question bank",
        description=(
            "Every question you recorded in your stages' `questions_asked`, most recent stage first, with the "
            "stage type, company and role it came from."
        ),
        responses={200: s.QuestionBankSerializer},
    )
    def get(self, request):
        return Response(s.QuestionBankSerializer(analytics_selectors.question_bank_get(user=request.user)).data)
