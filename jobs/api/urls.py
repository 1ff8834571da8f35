from careerhub.api.routing import route
from careerhub.api.scopes import NO_TOKEN, PUBLIC, Scope

from .views import cache_stats, companies, from_url, generation, jobs, matches, saved_searches, user_jobs

# A user's own pasted jobs, saved searches and watched companies: read like the job board, changed like their matches.
JOBS_OF_MINE = Scope(read="jobs:read", write="matches:write")

urlpatterns = [
    route("jobs", jobs.JobListView.as_view(), name="job-list", scope="jobs:read"),
    route("jobs/refresh", jobs.JobsRefreshView.as_view(), name="job-refresh", scope=NO_TOKEN),
    route("jobs/logs/latest", jobs.ScrapeLogLatestView.as_view(), name="job-scrape-log-latest", scope="jobs:read"),
    route("jobs/<int:job_id>", jobs.JobDetailView.as_view(), name="job-detail", scope="jobs:read"),
    route("user-jobs", user_jobs.UserJobListView.as_view(), name="user-job-list", scope=JOBS_OF_MINE),
    route("user-jobs/parse", user_jobs.UserJobParseView.as_view(), name="user-job-parse", scope="matches:write"),
    route("user-jobs/from-url", from_url.UserJobFromUrlView.as_view(), name="user-job-from-url", scope="matches:write"),
    route("user-jobs/<int:job_id>", user_jobs.UserJobDetailView.as_view(), name="user-job-detail", scope=JOBS_OF_MINE),
    # Saved searches and their digests (issue 18).
    route("saved-searches", saved_searches.SavedSearchListView.as_view(), name="saved-search-list", scope=JOBS_OF_MINE),
    route("saved-searches/<uuid:search_id>", saved_searches.SavedSearchDetailView.as_view(), name="saved-search-detail", scope=JOBS_OF_MINE),
    route("saved-searches/<uuid:search_id>/results", saved_searches.SavedSearchResultsView.as_view(), name="saved-search-results", scope="jobs:read"),
    route(
        "saved-searches/<uuid:search_id>/unsubscribe",
        saved_searches.SavedSearchUnsubscribeView.as_view(),
        name="saved-search-unsubscribe", scope=PUBLIC,
    ),
    # Companies a user follows by their careers page (issue 17).
    route("companies/watch", companies.CompanyWatchListView.as_view(), name="company-watch-list", scope=JOBS_OF_MINE),
    route("companies/watch/<uuid:watch_id>", companies.CompanyWatchDetailView.as_view(), name="company-watch-detail", scope=JOBS_OF_MINE),
    # Matches (seed 004).
    route("matches", matches.MatchListView.as_view(), name="match-list", scope="matches"),
    route("matches/refresh", matches.MatchRefreshView.as_view(), name="match-refresh", scope="matches"),
    route("matches/refresh/status", matches.MatchRefreshStatusView.as_view(), name="match-refresh-status", scope="matches"),
    route("matches/blocklist", matches.MatchBlocklistView.as_view(), name="match-blocklist", scope="matches"),
    route("matches/<uuid:match_id>/status", matches.MatchStatusView.as_view(), name="match-status", scope="matches"),
    # Generation (seed 004).
    route("matches/<uuid:match_id>/generate-cover-letter", generation.CoverLetterGenerateView.as_view(), name="match-generate-cover-letter", scope="matches"),
    route("matches/<uuid:match_id>/generate-highlights", generation.HighlightsGenerateView.as_view(), name="match-generate-highlights", scope="matches"),
    route("matches/<uuid:match_id>/regenerate", generation.RegenerateView.as_view(), name="match-regenerate", scope="matches"),
    route("matches/<uuid:match_id>/tailor-resume", generation.TailorResumeView.as_view(), name="match-tailor-resume", scope="matches"),
    route("matches/<uuid:match_id>/generations/<uuid:generation_id>", generation.GenerationStatusView.as_view(), name="match-generation", scope="matches"),
    # Admin cache statistics (seed 004).
    route("admin/cache/stats", cache_stats.CacheStatsView.as_view(), name="admin-cache-stats", scope=NO_TOKEN),
    route("admin/cache/reset-metrics", cache_stats.CacheMetricsResetView.as_view(), name="admin-cache-reset-metrics", scope=NO_TOKEN),
]
