from careerhub.api.routing import route

from . import views

urlpatterns = [
    route("jobs", views.JobListView.as_view(), name="job-list"),
    route("jobs/refresh", views.JobsRefreshView.as_view(), name="job-refresh"),
    route("jobs/logs/latest", views.ScrapeLogLatestView.as_view(), name="job-scrape-log-latest"),
    route("jobs/<int:job_id>", views.JobDetailView.as_view(), name="job-detail"),
    route("user-jobs", views.UserJobListView.as_view(), name="user-job-list"),
    route("user-jobs/parse", views.UserJobParseView.as_view(), name="user-job-parse"),
    route("user-jobs/<int:job_id>", views.UserJobDetailView.as_view(), name="user-job-detail"),
]
