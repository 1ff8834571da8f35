from careerhub.api.routing import route

from . import generation_views, matches_views, views

urlpatterns = [
    route("jobs", views.JobListView.as_view(), name="job-list"),
    route("jobs/refresh", views.JobsRefreshView.as_view(), name="job-refresh"),
    route("jobs/logs/latest", views.ScrapeLogLatestView.as_view(), name="job-scrape-log-latest"),
    route("jobs/<int:job_id>", views.JobDetailView.as_view(), name="job-detail"),
    route("user-jobs", views.UserJobListView.as_view(), name="user-job-list"),
    route("user-jobs/parse", views.UserJobParseView.as_view(), name="user-job-parse"),
    route("user-jobs/<int:job_id>", views.UserJobDetailView.as_view(), name="user-job-detail"),
    # Matches (seed 004).
    route("matches", matches_views.MatchListView.as_view(), name="match-list"),
    route("matches/refresh", matches_views.MatchRefreshView.as_view(), name="match-refresh"),
    route("matches/refresh/status", matches_views.MatchRefreshStatusView.as_view(), name="match-refresh-status"),
    route("matches/<uuid:match_id>/status", matches_views.MatchStatusView.as_view(), name="match-status"),
    # Generation (seed 004) and the admin cache statistics.
    route("matches/<uuid:match_id>/generate-cover-letter", generation_views.CoverLetterGenerateView.as_view(), name="match-generate-cover-letter"),
    route("matches/<uuid:match_id>/generate-highlights", generation_views.HighlightsGenerateView.as_view(), name="match-generate-highlights"),
    route("matches/<uuid:match_id>/regenerate", generation_views.RegenerateView.as_view(), name="match-regenerate"),
    route("matches/<uuid:match_id>/generations/<uuid:generation_id>", generation_views.GenerationStatusView.as_view(), name="match-generation"),
    route("admin/cache/stats", generation_views.CacheStatsView.as_view(), name="admin-cache-stats"),
    route("admin/cache/reset-metrics", generation_views.CacheMetricsResetView.as_view(), name="admin-cache-reset-metrics"),
]
