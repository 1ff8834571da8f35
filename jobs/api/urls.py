from careerhub.api.routing import route

from .views import cache_stats, generation, jobs, matches, saved_searches, user_jobs

urlpatterns = [
    route("jobs", jobs.JobListView.as_view(), name="job-list"),
    route("jobs/refresh", jobs.JobsRefreshView.as_view(), name="job-refresh"),
    route("jobs/logs/latest", jobs.ScrapeLogLatestView.as_view(), name="job-scrape-log-latest"),
    route("jobs/<int:job_id>", jobs.JobDetailView.as_view(), name="job-detail"),
    route("user-jobs", user_jobs.UserJobListView.as_view(), name="user-job-list"),
    route("user-jobs/parse", user_jobs.UserJobParseView.as_view(), name="user-job-parse"),
    route("user-jobs/<int:job_id>", user_jobs.UserJobDetailView.as_view(), name="user-job-detail"),
    # Saved searches and their digests (issue 18).
    route("saved-searches", saved_searches.SavedSearchListView.as_view(), name="saved-search-list"),
    route("saved-searches/<uuid:search_id>", saved_searches.SavedSearchDetailView.as_view(), name="saved-search-detail"),
    route("saved-searches/<uuid:search_id>/results", saved_searches.SavedSearchResultsView.as_view(), name="saved-search-results"),
    route(
        "saved-searches/<uuid:search_id>/unsubscribe",
        saved_searches.SavedSearchUnsubscribeView.as_view(),
        name="saved-search-unsubscribe",
    ),
    # Matches (seed 004).
    route("matches", matches.MatchListView.as_view(), name="match-list"),
    route("matches/refresh", matches.MatchRefreshView.as_view(), name="match-refresh"),
    route("matches/refresh/status", matches.MatchRefreshStatusView.as_view(), name="match-refresh-status"),
    route("matches/<uuid:match_id>/status", matches.MatchStatusView.as_view(), name="match-status"),
    # Generation (seed 004).
    route("matches/<uuid:match_id>/generate-cover-letter", generation.CoverLetterGenerateView.as_view(), name="match-generate-cover-letter"),
    route("matches/<uuid:match_id>/generate-highlights", generation.HighlightsGenerateView.as_view(), name="match-generate-highlights"),
    route("matches/<uuid:match_id>/regenerate", generation.RegenerateView.as_view(), name="match-regenerate"),
    route("matches/<uuid:match_id>/tailor-resume", generation.TailorResumeView.as_view(), name="match-tailor-resume"),
    route("matches/<uuid:match_id>/generations/<uuid:generation_id>", generation.GenerationStatusView.as_view(), name="match-generation"),
    # Admin cache statistics (seed 004).
    route("admin/cache/stats", cache_stats.CacheStatsView.as_view(), name="admin-cache-stats"),
    route("admin/cache/reset-metrics", cache_stats.CacheMetricsResetView.as_view(), name="admin-cache-reset-metrics"),
]
