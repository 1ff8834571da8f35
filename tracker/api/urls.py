from careerhub.api.routing import route

from . import views

# Mounted under /api/v1/ and /api/ (careerhub/urls.py). Every route answers with or without
# a trailing slash. tracker/tests/test_ownership.py walks all of these automatically.
urlpatterns = [
    route("applications", views.ApplicationListView.as_view(), name="application-list"),
    route("applications/export", views.ApplicationExportView.as_view(), name="application-export"),
    route("applications/import", views.ApplicationImportView.as_view(), name="application-import"),
    route("applications/<uuid:application_id>", views.ApplicationDetailView.as_view(), name="application-detail"),
    route("applications/<uuid:application_id>/stages", views.StageCreateView.as_view(), name="stage-create"),
    route(
        "applications/<uuid:application_id>/stages/<uuid:stage_id>", views.StageDetailView.as_view(), name="stage-detail"
    ),
    route(
        "applications/<uuid:application_id>/stages/<uuid:stage_id>/ics", views.StageIcsView.as_view(), name="stage-ics"
    ),
    route("applications/<uuid:application_id>/outcome", views.OutcomeCreateView.as_view(), name="outcome-create"),
    route(
        "applications/<uuid:application_id>/outcome/<uuid:outcome_id>",
        views.OutcomeDetailView.as_view(),
        name="outcome-detail",
    ),
    route("applications/<uuid:application_id>/reflection", views.ReflectionCreateView.as_view(), name="reflection-create"),
    route(
        "applications/<uuid:application_id>/reflection/<uuid:reflection_id>",
        views.ReflectionDetailView.as_view(),
        name="reflection-detail",
    ),
    route("contacts", views.ContactListView.as_view(), name="contact-list"),
    route("contacts/<uuid:contact_id>", views.ContactDetailView.as_view(), name="contact-detail"),
    route("documents", views.DocumentCreateView.as_view(), name="document-create"),
    route("documents/<uuid:item_id>", views.DocumentByIdView.as_view(), name="document-by-id"),
    route("reminders", views.ReminderListView.as_view(), name="reminder-list"),
    route("reminders/upcoming", views.ReminderUpcomingView.as_view(), name="reminder-upcoming"),
    route("reminders/<uuid:reminder_id>", views.ReminderDetailView.as_view(), name="reminder-detail"),
    route("reminders/<uuid:reminder_id>/complete", views.ReminderCompleteView.as_view(), name="reminder-complete"),
    route("reminders/<uuid:reminder_id>/ics", views.ReminderIcsView.as_view(), name="reminder-ics"),
    route("tags", views.TagListView.as_view(), name="tag-list"),
    route("tags/<uuid:tag_id>", views.TagDetailView.as_view(), name="tag-detail"),
    route("tags/application/<uuid:application_id>", views.ApplicationTagListView.as_view(), name="tag-application-list"),
    route(
        "tags/application/<uuid:application_id>/assign/<uuid:tag_id>", views.TagAssignView.as_view(), name="tag-assign"
    ),
    route(
        "tags/application/<uuid:application_id>/remove/<uuid:tag_id>", views.TagRemoveView.as_view(), name="tag-remove"
    ),
    route("saved-jobs", views.SavedJobListView.as_view(), name="saved-job-list"),
    route("saved-jobs/<uuid:saved_job_id>", views.SavedJobDetailView.as_view(), name="saved-job-detail"),
    route("saved-jobs/<uuid:saved_job_id>/convert", views.SavedJobConvertView.as_view(), name="saved-job-convert"),
    route("analytics/dashboard", views.DashboardView.as_view(), name="analytics-dashboard"),
    route("analytics/activity", views.ActivityView.as_view(), name="analytics-activity"),
    route("analytics/questions", views.QuestionBankView.as_view(), name="analytics-questions"),
    route("calendar/feed", views.CalendarFeedView.as_view(), name="calendar-feed"),
    route("calendar/feed/rotate", views.CalendarFeedRotateView.as_view(), name="calendar-feed-rotate"),
    route("calendar/feed/<str:token>.ics", views.CalendarFeedPublicView.as_view(), name="calendar-feed-public"),
]
