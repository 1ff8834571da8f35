from careerhub.api.routing import route
from tracker.api.views import analytics, applications, calendar, inbox, records, saved_jobs, stages, tags

# Mounted under /api/v1/ and /api/ (careerhub/urls.py). Every route answers with or without
# a trailing slash. tracker/tests/test_ownership.py walks all of these automatically.
urlpatterns = [
    route("applications", applications.ApplicationListView.as_view(), name="application-list"),
    route("applications/export", applications.ApplicationExportView.as_view(), name="application-export"),
    route("applications/import", applications.ApplicationImportView.as_view(), name="application-import"),
    route("applications/<uuid:application_id>", applications.ApplicationDetailView.as_view(), name="application-detail"),
    route("applications/<uuid:application_id>/stages", stages.StageCreateView.as_view(), name="stage-create"),
    route(
        "applications/<uuid:application_id>/stages/<uuid:stage_id>", stages.StageDetailView.as_view(), name="stage-detail"
    ),
    route(
        "applications/<uuid:application_id>/stages/<uuid:stage_id>/ics", calendar.StageIcsView.as_view(), name="stage-ics"
    ),
    route("applications/<uuid:application_id>/outcome", stages.OutcomeCreateView.as_view(), name="outcome-create"),
    route(
        "applications/<uuid:application_id>/outcome/<uuid:outcome_id>",
        stages.OutcomeDetailView.as_view(),
        name="outcome-detail",
    ),
    route("applications/<uuid:application_id>/reflection", stages.ReflectionCreateView.as_view(), name="reflection-create"),
    route(
        "applications/<uuid:application_id>/reflection/<uuid:reflection_id>",
        stages.ReflectionDetailView.as_view(),
        name="reflection-detail",
    ),
    route("contacts", records.ContactListView.as_view(), name="contact-list"),
    route("contacts/<uuid:contact_id>", records.ContactDetailView.as_view(), name="contact-detail"),
    route("documents", records.DocumentCreateView.as_view(), name="document-create"),
    route("documents/<uuid:item_id>", records.DocumentByIdView.as_view(), name="document-by-id"),
    route("reminders", records.ReminderListView.as_view(), name="reminder-list"),
    route("reminders/upcoming", records.ReminderUpcomingView.as_view(), name="reminder-upcoming"),
    route("reminders/<uuid:reminder_id>", records.ReminderDetailView.as_view(), name="reminder-detail"),
    route("reminders/<uuid:reminder_id>/complete", records.ReminderCompleteView.as_view(), name="reminder-complete"),
    route("reminders/<uuid:reminder_id>/ics", calendar.ReminderIcsView.as_view(), name="reminder-ics"),
    route("tags", tags.TagListView.as_view(), name="tag-list"),
    route("tags/<uuid:tag_id>", tags.TagDetailView.as_view(), name="tag-detail"),
    route("tags/application/<uuid:application_id>", tags.ApplicationTagListView.as_view(), name="tag-application-list"),
    route(
        "tags/application/<uuid:application_id>/assign/<uuid:tag_id>", tags.TagAssignView.as_view(), name="tag-assign"
    ),
    route(
        "tags/application/<uuid:application_id>/remove/<uuid:tag_id>", tags.TagRemoveView.as_view(), name="tag-remove"
    ),
    route("saved-jobs", saved_jobs.SavedJobListView.as_view(), name="saved-job-list"),
    route("saved-jobs/<uuid:saved_job_id>", saved_jobs.SavedJobDetailView.as_view(), name="saved-job-detail"),
    route("saved-jobs/<uuid:saved_job_id>/convert", saved_jobs.SavedJobConvertView.as_view(), name="saved-job-convert"),
    route("analytics/dashboard", analytics.DashboardView.as_view(), name="analytics-dashboard"),
    route("analytics/activity", analytics.ActivityView.as_view(), name="analytics-activity"),
    route("analytics/questions", analytics.QuestionBankView.as_view(), name="analytics-questions"),
    route("calendar/feed", calendar.CalendarFeedView.as_view(), name="calendar-feed"),
    route("calendar/feed/rotate", calendar.CalendarFeedRotateView.as_view(), name="calendar-feed-rotate"),
    route("inbox/messages", inbox.InboxMessageListView.as_view(), name="inbox-message-list"),
    route("inbox/messages/<uuid:message_id>", inbox.InboxMessageDetailView.as_view(), name="inbox-message-detail"),
    route("inbox/suggestions", inbox.InboxSuggestionListView.as_view(), name="inbox-suggestion-list"),
    route(
        "inbox/suggestions/<uuid:suggestion_id>/accept",
        inbox.InboxSuggestionAcceptView.as_view(),
        name="inbox-suggestion-accept",
    ),
    route(
        "inbox/suggestions/<uuid:suggestion_id>/dismiss",
        inbox.InboxSuggestionDismissView.as_view(),
        name="inbox-suggestion-dismiss",
    ),
    route("inbox/settings", inbox.InboxSettingsView.as_view(), name="inbox-settings"),
    route("inbox/address", inbox.InboxAddressView.as_view(), name="inbox-address"),
    route("inbox/address/rotate", inbox.InboxAddressRotateView.as_view(), name="inbox-address-rotate"),
    route("inbox/imap", inbox.InboxMailboxView.as_view(), name="inbox-imap"),
    route("calendar/feed/<str:token>.ics", calendar.CalendarFeedPublicView.as_view(), name="calendar-feed-public"),
]
