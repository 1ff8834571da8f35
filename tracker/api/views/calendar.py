"""The iCalendar feed and its secret URL, and one-off .ics downloads of a stage or a reminder."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import error_response
from careerhub.api.views import OwnedObjectView
from tracker import ical
from tracker.api.serializers import calendar as s
from tracker.models import CalendarFeed
from tracker.selectors import applications as application_selectors
from tracker.selectors import calendar as calendar_selectors
from tracker.services import calendar as calendar_services

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics_download(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class StageIcsView(OwnedObjectView):
    lookup_url_kwarg = "stage_id"
    not_found = "Stage not found."

    def get_queryset(self):
        return application_selectors.stage_list(user=self.request.user, application_id=self.kwargs["application_id"])

    @extend_schema(
        tags=["calendar"],
        summary="Download one interview stage as an .ics file",
        responses={(200, "text/calendar"): OpenApiTypes.STR, 400: error_response("The stage has no date.")},
    )
    def get(self, request, application_id, stage_id):
        stage = calendar_selectors.stage_with_date(stage=self.get_object())
        return _ics_download(ical.calendar([calendar_selectors.stage_event(stage)]), f"stage-{stage.pk}.ics")


class ReminderIcsView(OwnedObjectView):
    lookup_url_kwarg = "reminder_id"
    not_found = "Reminder not found."

    def get_queryset(self):
        return calendar_selectors.calendar_reminder_list(user=self.request.user)

    @extend_schema(
        tags=["calendar"],
        summary="Download one reminder as an .ics file",
        responses={(200, "text/calendar"): OpenApiTypes.STR},
    )
    def get(self, request, reminder_id):
        reminder = self.get_object()
        return _ics_download(ical.calendar([calendar_selectors.reminder_event(reminder)]), f"reminder-{reminder.pk}.ics")


def _feed_body(request, feed: CalendarFeed, token: str | None) -> dict:
    url = request.build_absolute_uri(reverse("v1:calendar-feed-public", kwargs={"token": token})) if token else None
    return s.CalendarFeedSerializer({"url": url, "token": token, "rotated_at": feed.rotated_at}).data


class CalendarFeedView(APIView):
    @extend_schema(
        tags=["calendar"],
        summary="The secret iCalendar subscription URL (created on first use)",
        description=(
            "The first call creates the feed and answers with its secret URL. Only a hash of the token is "
            "stored, so later calls answer with `url` and `token` null: keep the URL when you get it, and "
            "rotate the feed to get a new one."
        ),
        responses={200: s.CalendarFeedSerializer},
    )
    def get(self, request):
        return Response(_feed_body(request, *calendar_services.calendar_feed_ensure(user=request.user)))


class CalendarFeedRotateView(APIView):
    @extend_schema(
        tags=["calendar"],
        summary="Replace the secret URL; the old one stops working at once",
        request=None,
        responses={200: s.CalendarFeedSerializer},
    )
    def post(self, request):
        return Response(_feed_body(request, *calendar_services.calendar_feed_rotate(user=request.user)))


class CalendarFeedPublicView(APIView):
    """The feed itself: no JWT (calendar apps cannot send one); the secret token is the key.

    The token never reaches a log line: careerhub.logs redacts it (tracker.apps registers the pattern).
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["calendar"],
        operation_id="calendar_feed_ics",
        summary="The iCalendar feed (RFC 5545) of reminders, interviews, offer deadlines and follow-ups",
        responses={(200, "text/calendar"): OpenApiTypes.STR},
    )
    def get(self, request, token):
        user = calendar_selectors.calendar_feed_user_get(token=token)
        body = ical.calendar(calendar_selectors.calendar_event_list(user=user), name="careerhub job search")
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        response["Cache-Control"] = "private, max-age=300"
        return response
