from careerhub.api.routing import route
from careerhub.api.scopes import NO_TOKEN, PUBLIC
from tracker.api.views import analytics, applications, calendar, inbox, records, saved_jobs, stages, tags

# Mounted under /api/v1/ and /api/ (careerhub/urls.py). Every route answers with or without
# a trailing slash. tracker/tests/test_ownership.py walks all of these automatically.
urlpatterns = [
    route("applications", applications.ApplicationListView.as_view(), name="application-list", scope="tracker"),
    route("applications/export", applications.ApplicationExportView.as_view(), name="application-export", scope="tracker"),
    route("applications/import", applications.ApplicationImportView.as_view(), name="application-import", scope="tracker"),
    route("applications/<uuid:application_id>", applications.ApplicationDetailView.as_view(), name="application-detail", scope="tracker"),
    route("applications/<uuid:application_id>/stages", stages.StageCreateView.as_view(), name="stage-create", scope="tracker"),
    route(
        "applications/<uuid:application_id>/stages/<uuid:stage_id>", stages.StageDetailView.as_view(), name="stage-detail", scope="tracker"
    ),
    route(
        "applications/<uuid:application_id>/stages/<uuid:stage_id>/ics", calendar.StageIcsView.as_view(), name="stage-ics", scope="tracker"
    ),
    route("applications/<uuid:application_id>/outcome", stages.OutcomeCreateView.as_view(), name="outcome-create", scope="tracker"),
    route(
        "applications/<uuid:application_id>/outcome/<uuid:outcome_id>",
        stages.OutcomeDetailView.as_view(),
        name="outcome-detail", scope="tracker",
    ),
    route("applications/<uuid:application_id>/reflection", stages.ReflectionCreateView.as_view(), name="reflection-create", scope="tracker"),
    route(
        "applications/<uuid:application_id>/reflection/<uuid:reflection_id>",
        stages.ReflectionDetailView.as_view(),
        name="reflection-detail", scope="tracker",
    ),
    route("contacts", records.ContactListView.as_view(), name="contact-list", scope="tracker"),
    route("contacts/<uuid:contact_id>", records.ContactDetailView.as_view(), name="contact-detail", scope="tracker"),
    route("documents", records.DocumentCreateView.as_view(), name="document-create", scope="tracker"),
    route("documents/<uuid:item_id>", records.DocumentByIdView.as_view(), name="document-by-id", scope="tracker"),
    route("reminders", records.ReminderListView.as_view(), name="reminder-list", scope="tracker"),
    route("reminders/upcoming", records.ReminderUpcomingView.as_view(), name="reminder-upcoming", scope="tracker"),
    route("reminders/<uuid:reminder_id>", records.ReminderDetailView.as_view(), name="reminder-detail", scope="tracker"),
    route("reminders/<uuid:reminder_id>/complete", records.ReminderCompleteView.as_view(), name="reminder-complete", scope="tracker"),
    route("reminders/<uuid:reminder_id>/ics", calendar.ReminderIcsView.as_view(), name="reminder-ics", scope="tracker"),
    route("tags", tags.TagListView.as_view(), name="tag-list", scope="tracker"),
    route("tags/<uuid:tag_id>", tags.TagDetailView.as_view(), name="tag-detail", scope="tracker"),
    route("tags/application/<uuid:application_id>", tags.ApplicationTagListView.as_view(), name="tag-application-list", scope="tracker"),
    route(
        "tags/application/<uuid:application_id>/assign/<uuid:tag_id>", tags.TagAssignView.as_view(), name="tag-assign", scope="tracker"
    ),
    route(
        "tags/application/<uuid:application_id>/remove/<uuid:tag_id>", tags.TagRemoveView.as_view(), name="tag-remove", scope="tracker"
    ),
    route("saved-jobs", saved_jobs.SavedJobListView.as_view(), name="saved-job-list", scope="tracker"),
    route("saved-jobs/<uuid:saved_job_id>", saved_jobs.SavedJobDetailView.as_view(), name="saved-job-detail", scope="tracker"),
    route("saved-jobs/<uuid:saved_job_id>/convert", saved_jobs.SavedJobConvertView.as_view(), name="saved-job-convert", scope="tracker"),
    route("analytics/dashboard", analytics.DashboardView.as_view(), name="analytics-dashboard", scope="tracker"),
    route("analytics/activity", analytics.ActivityView.as_view(), name="analytics-activity", scope="tracker"),
    route("analytics/questions", analytics.QuestionBankView.as_view(), name="analytics-questions", scope="tracker"),
    route("calendar/feed", calendar.CalendarFeedView.as_view(), name="calendar-feed", scope=NO_TOKEN),
    route("calendar/feed/rotate", calendar.CalendarFeedRotateView.as_view(), name="calendar-feed-rotate", scope=NO_TOKEN),
    route("inbox/messages", inbox.InboxMessageListView.as_view(), name="inbox-message-list", scope="tracker"),
    route("inbox/messages/<uuid:message_id>", inbox.InboxMessageDetailView.as_view(), name="inbox-message-detail", scope="tracker"),
    route("inbox/suggestions", inbox.InboxSuggestionListView.as_view(), name="inbox-suggestion-list", scope="tracker"),
    route(
        "inbox/suggestions/<uuid:suggestion_id>/accept",
        inbox.InboxSuggestionAcceptView.as_view(),
        name="inbox-suggestion-accept", scope="tracker",
    ),
    route(
        "inbox/suggestions/<uuid:suggestion_id>/dismiss",
        inbox.InboxSuggestionDismissView.as_view(),
        name="inbox-suggestion-dismiss", scope="tracker",
    ),
    route("inbox/settings", inbox.InboxSettingsView.as_view(), name="inbox-settings", scope="tracker"),
    # The forwarding address and the mailbox's credentials are secrets: a token neither rotates nor sees them.
    route("inbox/address", inbox.InboxAddressView.as_view(), name="inbox-address", scope=NO_TOKEN),
    route("inbox/address/rotate", inbox.InboxAddressRotateView.as_view(), name="inbox-address-rotate", scope=NO_TOKEN),
    route("inbox/imap", inbox.InboxMailboxView.as_view(), name="inbox-imap", scope=NO_TOKEN),
    route("calendar/feed/<str:token>.ics", calendar.CalendarFeedPublicView.as_view(), name="calendar-feed-public", scope=PUBLIC),
]
