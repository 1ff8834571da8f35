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
    @extend_schema(tags=["analytics"], responses={200: s.DashboardSerializer})
    def get(self, request):
        return Response(s.DashboardSerializer(analytics_selectors.dashboard_get(user=request.user)).data)


class ActivityView(OwnedListView):
    model = ActivityLog
    pagination_class = skip_limit(50)
    filterset_class = filters.ActivityFilter

    def owned(self):
        return record_selectors.activity_list(user=self.request.user)

    @extend_schema(tags=["analytics"], responses={200: s.ActivitySerializer(many=True)})
    def get(self, request):
        return self.page(s.ActivitySerializer)


class QuestionBankView(APIView):
    @extend_schema(tags=["analytics"], responses={200: s.QuestionBankSerializer})
    def get(self, request):
        return Response(s.QuestionBankSerializer(analytics_selectors.question_bank_get(user=request.user)).data)
