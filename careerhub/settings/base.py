"""Settings shared by every environment.

With no environment variables at all this runs on the embedded default (DESIGN §4):
SQLite, local-memory cache, eager Celery, files on disk and the heuristic AI. Each real
component switches on when its variable is set.
"""

from datetime import timedelta
from pathlib import Path

from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured

from careerhub.logs import FORMATS as LOG_FORMATS
from careerhub.logs import REQUEST_ID_HEADER, logging_config

from .env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# The development key is only usable outside production (production.py refuses it).
DEV_SECRET_KEY = "careerhub-insecure-development-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", DEV_SECRET_KEY) or DEV_SECRET_KEY
DEBUG = env.bool("DEBUG", False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "storages",
    "careerhub",
    "accounts",
    "profiles",
    "tracker",
    "jobs",
    "social",
    "insights",
]

MIDDLEWARE = [
    # First, so every response (refusals included) carries X-Request-ID and every log line the id.
    "careerhub.api.middleware.RequestIdMiddleware",
    # Before the guard, so a browser frontend can read the guard's refusals too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "careerhub.api.middleware.RequestGuardMiddleware",
    "careerhub.api.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it answers a locked-out admin sign-in with the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Routes answer with and without a trailing slash themselves (careerhub.api.routing);
# CommonMiddleware must never redirect a POST to add one.
APPEND_SLASH = False

ROOT_URLCONF = "careerhub.urls"
WSGI_APPLICATION = "careerhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "careerhub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded SQLite file's directory is created when the first connection opens (careerhub.db.sqlite3).
DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'careerhub.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", 0, minimum=0)
# A connection that died while PostgreSQL restarted is replaced instead of failing a request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The newest-first job index carries the owner for PostgreSQL's index-only scans (jobs.models);
    # SQLite builds it without that column, which is all it needs: not worth a warning on every command.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # SQLite has one writer at a time; these make concurrent writers queue instead of failing
    # (issue 15; careerhub/tests/hardening/test_sqlite_concurrency.py):
    # - every transaction begins IMMEDIATE, taking the write lock first: a DEFERRED one that read
    #   and then wrote failed at once with "database is locked" when another writer got in between
    #   (SQLite cannot let it wait: its snapshot would be stale);
    # - `timeout` is how long a writer waits for the lock (the busy timeout);
    # - WAL lets readers run beside the writer (the mode is stored in the file); synchronous=NORMAL
    #   is WAL's recommended durability (a power cut may lose the last commits, never corrupts).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env.float("SQLITE_BUSY_TIMEOUT_SECONDS", 20.0),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
else:
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", 5))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# The Django admin's sign-in is guarded by django-axes (docs/security.md, "Admin sign-in"): after
# ADMIN_LOGIN_FAILURE_LIMIT failures for one account (from anywhere) or from one address (for any
# account), that account or address is locked out for ADMIN_LOGIN_LOCKOUT_MINUTES; a success
# resets the count. Operators unlock with `manage.py axes_reset_username <email>`,
# `axes_reset_ip <address>` or `axes_reset`, or by deleting the row under "Access attempts" in
# the admin. The API's sign-in has its own throttle (THROTTLE_LOGIN) and is not counted here.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ONLY_ADMIN_SITE = True
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ADMIN_LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.admin_login.lockout_username"
AXES_CLIENT_IP_CALLABLE = "careerhub.api.throttles.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Static files (admin, Swagger UI) are served by WhiteNoise straight from the apps, so the
# API works without a collectstatic step (which creates STATIC_ROOT); production still collects them.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "media/"
# Created by `manage.py bootstrap` (ensure_file_store), or by the first upload.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Request bodies: JSON bodies are small; uploads are checked against their own limit.
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", 10 * 1024 * 1024, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Cache (and so throttles, task state and LLM result caches) -------------------------
REDIS_URL = env.url("REDIS_URL", "", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Fail fast when Redis is down; callers degrade (careerhub.cache).
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "careerhub"}}

# --- Celery ------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
# Without a broker the embedded default runs tasks in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", not bool(REDIS_URL))
# In-process tasks run after the request's transaction commits; a failing background task
# must not turn the user's already-saved request into an error (tests set this to True).
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", 600, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", 540, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must not hang a request when the broker is down (DESIGN §4): a refused publish is
# retried twice within 0.2 s, then the task is kept as a DeferredTask (careerhub.tasks), so a
# request that publishes several tasks during an outage still answers at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "socket_timeout": 2, "socket_connect_timeout": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
CELERY_RESULT_EXPIRES = 3600
# No caller reads a task's return value (progress and outcomes live in the database or the
# cache). Storing results would also make every publish subscribe to the result backend, which
# blocks for ~20 s and then fails when Redis is down instead of keeping the task for later.
CELERY_TASK_IGNORE_RESULT = True
# Tasks kept while the broker was down are published again by this beat task.
DEFERRED_TASKS_RESEND_SECONDS = env.int("DEFERRED_TASKS_RESEND_SECONDS", 60, minimum=1)
CELERY_BEAT_SCHEDULE: dict = {
    "careerhub-resend-deferred-tasks": {
        "task": "careerhub.resend_deferred_tasks",
        "schedule": timedelta(seconds=DEFERRED_TASKS_RESEND_SECONDS),
    },
}

# --- Email (due reminders) ------------------------------------------------------------------
# The embedded default prints emails to the console; set EMAIL_BACKEND and EMAIL_HOST... for SMTP.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "careerhub <noreply@careerhub.local>")
REMINDER_NOTIFY_SECONDS = env.int("REMINDER_NOTIFY_SECONDS", 300, minimum=10)
CELERY_BEAT_SCHEDULE["tracker-send-due-reminders"] = {
    "task": "tracker.send_due_reminders",
    "schedule": timedelta(seconds=REMINDER_NOTIFY_SECONDS),
}

# --- The inbox (issue 21, docs/inbox.md) -----------------------------------------------------
# Employer emails in by upload, by forwarding to `in+<token>@INBOX_DOMAIN` (the SMTP receiver
# `manage.py inbox_smtpd` listens on INBOX_SMTP_HOST:INBOX_SMTP_PORT) or read from the user's
# own mailbox over IMAP every INBOX_IMAP_POLL_SECONDS.
INBOX_DOMAIN = env.str("INBOX_DOMAIN", "inbox.localhost").lower().rstrip(".")
INBOX_SMTP_HOST = env.str("INBOX_SMTP_HOST", "127.0.0.1")
INBOX_SMTP_PORT = env.int("INBOX_SMTP_PORT", 2525, minimum=0)
# How long the receiver waits for a client's next command before it hangs up.
INBOX_SMTP_TIMEOUT_SECONDS = env.int("INBOX_SMTP_TIMEOUT_SECONDS", 60, minimum=1)
# Messages are kept this many days (a daily beat task deletes older ones with their suggestions).
INBOX_RETENTION_DAYS = env.int("INBOX_RETENTION_DAYS", 30, minimum=1)
# Mailbox passwords are encrypted with this Fernet key (32 url-safe base64-encoded bytes;
# `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).
# Several keys, comma-separated: the first encrypts, all decrypt (rotation). Unset: no mailbox
# can be connected (PUT /inbox/imap answers 503); upload and forwarding still work.
INBOX_ENCRYPTION_KEY = env.fernet_keys("INBOX_ENCRYPTION_KEY", [])
INBOX_IMAP_POLL_SECONDS = env.int("INBOX_IMAP_POLL_SECONDS", 300, minimum=10)
# Messages read from one mailbox per run (the next run goes on where this one stopped).
INBOX_IMAP_BATCH_SIZE = env.int("INBOX_IMAP_BATCH_SIZE", 50, minimum=1)
INBOX_IMAP_TIMEOUT_SECONDS = env.int("INBOX_IMAP_TIMEOUT_SECONDS", 20, minimum=1)
# A new mailbox is read from this many days before it was connected.
INBOX_IMAP_FIRST_RUN_DAYS = env.int("INBOX_IMAP_FIRST_RUN_DAYS", 7, minimum=0)
# A kind the user opted into (PUT /inbox/settings) is applied without asking only when the
# classification is at least this sure and the message matched one application.
INBOX_AUTO_APPLY_MIN_CONFIDENCE = env.float("INBOX_AUTO_APPLY_MIN_CONFIDENCE", 0.8)
# An email the rules were unsure of waits for the LLM when it did not answer: the model is asked
# again INBOX_MODEL_RETRY_SECONDS later, then after twice that, and so on, at most
# INBOX_MODEL_RETRY_ATTEMPTS times (8: about 64 hours), a batch of messages per beat run.
INBOX_MODEL_RETRY_SECONDS = env.int("INBOX_MODEL_RETRY_SECONDS", 900, minimum=10)
INBOX_MODEL_RETRY_ATTEMPTS = env.int("INBOX_MODEL_RETRY_ATTEMPTS", 8, minimum=0)
INBOX_MODEL_RETRY_BATCH_SIZE = env.int("INBOX_MODEL_RETRY_BATCH_SIZE", 100, minimum=1)
CELERY_BEAT_SCHEDULE["tracker-inbox-ask-model-again"] = {
    "task": "tracker.inbox_ask_model_again",
    "schedule": timedelta(seconds=INBOX_MODEL_RETRY_SECONDS),
}
CELERY_BEAT_SCHEDULE["tracker-inbox-read-mailboxes"] = {
    "task": "tracker.inbox_read_mailboxes",
    "schedule": timedelta(seconds=INBOX_IMAP_POLL_SECONDS),
}
CELERY_BEAT_SCHEDULE["tracker-inbox-forget-old-messages"] = {
    "task": "tracker.inbox_forget_old_messages",
    "schedule": timedelta(hours=24),
}

# --- Files -------------------------------------------------------------------------------
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.url("AWS_S3_ENDPOINT_URL", "", schemes=("http", "https")) or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", "us-east-1")
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", "") or None
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", "") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True  # files are private; URLs are short-lived and signed
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", 600, minimum=1)
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", "path")
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    DEFAULT_FILE_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- LLM (DESIGN §6, docs/ai.md) ----------------------------------------------------------
# The provider: `anthropic` (Claude through the official SDK), `openai` (any server speaking the
# Chat Completions API through the official `openai` SDK: OpenAI, Azure OpenAI, OpenRouter, Ollama,
# vLLM, LM Studio), or `heuristic` (the deterministic fallbacks). Unset, the keys decide at run
# time: anthropic with ANTHROPIC_API_KEY, else openai with OPENAI_BASE_URL or OPENAI_API_KEY, else
# the heuristics.
LLM_PROVIDER = env.choice("LLM_PROVIDER", ("anthropic", "openai", "heuristic"), "") or ""
ANTHROPIC_API_KEY = env.str("ANTHROPIC_API_KEY", "")
ANTHROPIC_BASE_URL = env.url("ANTHROPIC_BASE_URL", "", schemes=("http", "https")) or None
OPENAI_API_KEY = env.str("OPENAI_API_KEY", "")  # optional for local servers
OPENAI_BASE_URL = env.url("OPENAI_BASE_URL", "", schemes=("http", "https")) or None
# How structured output is asked for: `json_schema` (response_format) or `tools` (a forced function
# call), for servers that support only one of them.
OPENAI_STRUCTURED_OUTPUT = env.choice("OPENAI_STRUCTURED_OUTPUT", ("json_schema", "tools"), "json_schema")
_LLM_PROVIDER_AT_START = LLM_PROVIDER or (
    "anthropic" if ANTHROPIC_API_KEY else "openai" if (OPENAI_BASE_URL or OPENAI_API_KEY) else "heuristic"
)
if LLM_PROVIDER == "anthropic" and not ANTHROPIC_API_KEY:
    raise ImproperlyConfigured("Environment variable LLM_PROVIDER: 'anthropic' needs ANTHROPIC_API_KEY.")
# The newest Haiku and Sonnet in the pinned SDK's model list (careerhub/tests/test_llm_models.py
# fails when either is in the SDK's deprecation list with an end of life less than 90 days away).
ANTHROPIC_DEFAULT_MODELS = {"LLM_EXTRACTION_MODEL": "claude-haiku-5-5", "LLM_WRITING_MODEL": "claude-sonnet-5-5"}
if _LLM_PROVIDER_AT_START == "openai":
    # Other servers serve other models: no default could be right, so both are required.
    LLM_EXTRACTION_MODEL = env.str("LLM_EXTRACTION_MODEL")
    LLM_WRITING_MODEL = env.str("LLM_WRITING_MODEL")
else:
    LLM_EXTRACTION_MODEL = env.str("LLM_EXTRACTION_MODEL", ANTHROPIC_DEFAULT_MODELS["LLM_EXTRACTION_MODEL"])
    LLM_WRITING_MODEL = env.str("LLM_WRITING_MODEL", ANTHROPIC_DEFAULT_MODELS["LLM_WRITING_MODEL"])
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", 60.0)
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", 2, minimum=0)
# USD per million tokens [input, output], by model name or a part of it (the longest match wins);
# a model with no price costs nothing (a local model). Extend or override with LLM_MODEL_PRICES.
LLM_MODEL_PRICES = {
    "haiku": [1.0, 5.0],
    "sonnet": [3.0, 15.0],
    "opus": [15.0, 75.0],
    "gpt-4o-mini": [0.15, 0.6],
    "gpt-4o": [2.5, 10.0],
}
_extra_prices = env.json("LLM_MODEL_PRICES", {})
if not isinstance(_extra_prices, dict) or not all(
    isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, (int, float)) and n >= 0 for n in pair)
    for pair in _extra_prices.values()
):
    raise ImproperlyConfigured(
        'Environment variable LLM_MODEL_PRICES: expected {"<model>": [input, output], ...} in USD per million tokens.'
    )
LLM_MODEL_PRICES.update(_extra_prices)

# --- Accounts ----------------------------------------------------------------------------
REGISTRATION_MODE = env.choice("REGISTRATION_MODE", ("open", "allowlist", "closed"), "open")

# --- Jobs --------------------------------------------------------------------------------
# Every job board's address is configuration, so tests, staging and operators can point it
# elsewhere (issue 5; docs/sources.md). `<SOURCE>_API_URL` is an API's base (the source
# appends the API's path) or, for single-endpoint feeds, the full endpoint. Sources that read
# companies' boards run only for the boards listed.
REMOTEOK_API_URL = env.str("REMOTEOK_API_URL", "https://remoteok.com/api")
WWR_FEED_URLS = env.list("WWR_FEED_URLS", ["https://weworkremotely.com/remote-jobs.rss"])
GREENHOUSE_API_URL = env.str("GREENHOUSE_API_URL", "https://boards-api.greenhouse.io/v1")
GREENHOUSE_BOARDS = env.list("GREENHOUSE_BOARDS", [])
LEVER_API_URL = env.str("LEVER_API_URL", "https://api.lever.co/v0")
LEVER_SITES = env.list("LEVER_SITES", [])
ASHBY_API_URL = env.str("ASHBY_API_URL", "https://api.ashbyhq.com")
ASHBY_BOARDS = env.list("ASHBY_BOARDS", [])
WORKABLE_API_URL = env.str("WORKABLE_API_URL", "https://apply.workable.com")
WORKABLE_ACCOUNTS = env.list("WORKABLE_ACCOUNTS", [])
SMARTRECRUITERS_API_URL = env.str("SMARTRECRUITERS_API_URL", "https://api.smartrecruiters.com")
SMARTRECRUITERS_COMPANIES = env.list("SMARTRECRUITERS_COMPANIES", [])
# Recruitee and Personio serve each company on its own host: `{company}` in the base is replaced.
RECRUITEE_API_URL = env.str("RECRUITEE_API_URL", "https://{company}.recruitee.com")
RECRUITEE_COMPANIES = env.list("RECRUITEE_COMPANIES", [])
PERSONIO_API_URL = env.str("PERSONIO_API_URL", "https://{company}.jobs.personio.de")
PERSONIO_COMPANIES = env.list("PERSONIO_COMPANIES", [])
HN_API_URL = env.str("HN_API_URL", "https://hn.algolia.com/api/v1")
REMOTIVE_API_URL = env.str("REMOTIVE_API_URL", "https://remotive.com/api/remote-jobs")
ARBEITNOW_API_URL = env.str("ARBEITNOW_API_URL", "https://www.arbeitnow.com/api/job-board-api")
HIMALAYAS_API_URL = env.str("HIMALAYAS_API_URL", "https://himalayas.app/jobs/api")
JOBICY_API_URL = env.str("JOBICY_API_URL", "https://jobicy.com/api/v2/remote-jobs")
JOB_SOURCE_NAMES = (
    "remoteok", "weworkremotely", "greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee",
    "personio", "hackernews", "remotive", "arbeitnow", "himalayas", "jobicy",
)
# Which sources run; by default every one that has something configured. An unknown name
# stops start-up (jobs.apps).
JOB_SOURCES = env.list("JOB_SOURCES", list(JOB_SOURCE_NAMES))
JOB_SOURCE_TIMEOUT_SECONDS = env.float("JOB_SOURCE_TIMEOUT_SECONDS", 20.0)
JOB_SOURCE_MAX_BYTES = env.int("JOB_SOURCE_MAX_BYTES", 15 * 1024 * 1024, minimum=1024)
# Pages read from one paged board (SmartRecruiters, Arbeitnow, Himalayas, Hacker News) per run.
JOB_SOURCE_MAX_PAGES = env.int("JOB_SOURCE_MAX_PAGES", 20, minimum=1)
JOB_SOURCE_USER_AGENT = env.str(
    "JOB_SOURCE_USER_AGENT", "Mozilla/5.0 (X11; Linux x86_64) careerhub-jobs/1.0"
)
# Hosts (`name` or `name:port`) the safe fetcher (jobs/fetching/) may reach although they
# resolve to a private, loopback or otherwise refused address: on-premise boards, and tests.
URL_FETCH_ALLOWED_HOSTS = env.list("URL_FETCH_ALLOWED_HOSTS", [])
JOB_SCRAPE_INTERVAL_HOURS = env.int("JOB_SCRAPE_INTERVAL_HOURS", 6, minimum=1)
# A scrape that could not reach its source retries after this many seconds, doubling each time (with
# jitter, at most 30 minutes), or after the source's Retry-After when it asks for longer.
JOB_SCRAPE_RETRY_BACKOFF_SECONDS = env.int("JOB_SCRAPE_RETRY_BACKOFF_SECONDS", 60, minimum=1)
# Company boards one user may watch (POST /companies/watch).
COMPANY_WATCH_MAX_PER_USER = env.int("COMPANY_WATCH_MAX_PER_USER", 50, minimum=1)
# The same company + title seen on two boards within this many days is one posting.
JOB_DEDUPE_WINDOW_DAYS = env.int("JOB_DEDUPE_WINDOW_DAYS", 30, minimum=0)
# The same company, title and place listed again under a new id within this many days of the
# earlier listing's last sighting is a repost (docs/jobs.md "Keeping up").
JOB_REPOST_WINDOW_DAYS = env.int("JOB_REPOST_WINDOW_DAYS", 60, minimum=0)
# Off only to measure what the stored search vector buys (bench/search.py).
JOBS_SEARCH_STORED_VECTOR = env.bool("JOBS_SEARCH_STORED_VECTOR", True)
# auto: rank with the rum index where migration 0013 could build it, else GIN (jobs/search.py); gin: always GIN.
JOBS_SEARCH_RANKING = env.choice("JOBS_SEARCH_RANKING", ("auto", "gin"), "auto")
# GET /jobs counts its total exactly up to this many jobs; above, the total is PostgreSQL's
# estimate and the response says so (`total_is_estimate`). Counting every match was most of a
# common-word search.
JOBS_EXACT_TOTAL_UP_TO = env.int("JOBS_EXACT_TOTAL_UP_TO", 1000, minimum=1)
# A search matching more jobs than ranking all of them is worth ranks the newest this many matches
# and lists the older ones after them, newest first (jobs/search.py, docs/jobs.md "Search").
JOBS_SEARCH_RANKED_WINDOW = env.int("JOBS_SEARCH_RANKED_WINDOW", 200, minimum=1)
CELERY_BEAT_SCHEDULE["jobs-scrape-all-sources"] = {
    "task": "jobs.scrape_all_sources",
    "schedule": timedelta(hours=JOB_SCRAPE_INTERVAL_HOURS),
}
# Saved-search digests (docs/jobs.md "Keeping up"): how often beat looks for due searches and
# digests to (re)send. Links in the emails (unsubscribe) start with PUBLIC_BASE_URL.
SAVED_SEARCH_DIGEST_SECONDS = env.int("SAVED_SEARCH_DIGEST_SECONDS", 900, minimum=10)
PUBLIC_BASE_URL = (env.url("PUBLIC_BASE_URL", "", schemes=("http", "https")) or "http://localhost:8000").rstrip("/")
CELERY_BEAT_SCHEDULE["jobs-send-saved-search-digests"] = {
    "task": "jobs.send_saved_search_digests",
    "schedule": timedelta(seconds=SAVED_SEARCH_DIGEST_SECONDS),
}

# --- Matching ----------------------------------------------------------------------------
# A refresh stores a new match when its score reaches MATCH_STORE_MIN_SCORE and it ranks among
# the user's best MATCH_STORE_MAX_MATCHES jobs; matches already stored are always rescored.
MATCH_STORE_MIN_SCORE = env.float("MATCH_STORE_MIN_SCORE", 40.0)
MATCH_STORE_MAX_MATCHES = env.int("MATCH_STORE_MAX_MATCHES", 1000, minimum=1)
# Jobs read (and matches written) per statement during a refresh.
MATCH_REFRESH_BATCH_SIZE = env.int("MATCH_REFRESH_BATCH_SIZE", 2000, minimum=1)
# New jobs are scored for everyone in tasks of this many users × this many jobs (jobs.matching.fanout).
MATCH_FANOUT_USERS_PER_TASK = env.int("MATCH_FANOUT_USERS_PER_TASK", 5000, minimum=1)
MATCH_FANOUT_JOBS_PER_TASK = env.int("MATCH_FANOUT_JOBS_PER_TASK", 1000, minimum=1)
# A fan-out task stores at most this many new matches per user (their best): writing every match that
# reaches MATCH_STORE_MIN_SCORE (~37 per user per 1,000 jobs) kept a fan-out from its target
# (docs/matching.md, "Why a cap per user"). The user's next refresh stores the rest, as for any job.
MATCH_FANOUT_MAX_NEW_PER_USER = env.int("MATCH_FANOUT_MAX_NEW_PER_USER", 10, minimum=1)
# How long a signed-in user's score for one job stays in career-impact:v2:{user_id}:{job_id}
# (a profile change deletes it sooner).
CAREER_IMPACT_TTL_SECONDS = env.int("CAREER_IMPACT_TTL_SECONDS", 24 * 3600, minimum=60)

# --- Profiles ----------------------------------------------------------------------------
# A CV is read by the parse task (profiles/extraction): text extraction runs in a child process
# with a page cap, a character cap, a memory cap and a hard wall-clock limit, so a decompression
# bomb, a 5,000-page PDF or megabytes of junk cannot hang or exhaust the process that reads it.
CV_PDF_MAX_PAGES = env.int("CV_PDF_MAX_PAGES", 50, minimum=1)
CV_TEXT_MAX_CHARS = env.int("CV_TEXT_MAX_CHARS", 100_000, minimum=1000)
# On the full stack extraction runs on a Celery worker; on the embedded default (eager Celery) it
# runs inside the upload request, so its bound there is lower (issue 15).
CV_EXTRACT_TIMEOUT_SECONDS = env.float("CV_EXTRACT_TIMEOUT_SECONDS", 5.0 if CELERY_TASK_ALWAYS_EAGER else 15.0)
CV_EXTRACT_MEMORY_MB = env.int("CV_EXTRACT_MEMORY_MB", 512, minimum=128)
# A DOCX is a zip: refuse one whose entries would decompress to more than this.
CV_DOCX_MAX_UNCOMPRESSED_BYTES = env.int("CV_DOCX_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024, minimum=1024 * 1024)
# How long POST /profile/cv waits for the parse task before answering 202 with where to poll.
# None by default: a waiting request holds a web worker (eager Celery finishes within the request
# anyway). A deployment may set a few seconds to answer fast parses with 200 at once.
CV_PARSE_WAIT_SECONDS = env.float("CV_PARSE_WAIT_SECONDS", 0.0)
# One parse per user at a time: an upload still pending or processing after this long (its task
# was lost) no longer blocks a new one.
CV_PARSE_STALE_SECONDS = env.int("CV_PARSE_STALE_SECONDS", 600, minimum=1)
# Retry policy of the background CV parse when the AI service is unavailable (exponential
# backoff from this many seconds, with jitter, at most 15 minutes apart).
CV_PARSE_MAX_RETRIES = env.int("CV_PARSE_MAX_RETRIES", 5, minimum=0)
CV_PARSE_RETRY_BACKOFF_SECONDS = env.int("CV_PARSE_RETRY_BACKOFF_SECONDS", 30, minimum=1)

# --- Generation ---------------------------------------------------------------------------
# Cover letters / CV highlights (issue 6): how long POST /matches/{id}/generate-* waits for the
# generation task before answering 202 with where to poll, how long results stay cached
# (seed 004: 30 days), and how long a generation's state can be polled.
GENERATION_WAIT_SECONDS = env.float("GENERATION_WAIT_SECONDS", 8.0)
GENERATION_CACHE_TTL_SECONDS = env.int("GENERATION_CACHE_TTL_SECONDS", 30 * 24 * 60 * 60, minimum=1)
GENERATION_STATE_TTL_SECONDS = env.int("GENERATION_STATE_TTL_SECONDS", 60 * 60, minimum=60)
# Estimated LLM cost of one cache miss per category (seed 004 admin cache statistics).
LLM_COST_PER_MISS_USD = {
    "cover_letter": env.float("LLM_COST_PER_MISS_COVER_LETTER", 0.15),
    "cv_highlights": env.float("LLM_COST_PER_MISS_CV_HIGHLIGHTS", 0.01),
    "cv_parse": env.float("LLM_COST_PER_MISS_CV_PARSE", 0.01),
    "job_extract": env.float("LLM_COST_PER_MISS_JOB_EXTRACT", 0.005),
    "resume_tailor": env.float("LLM_COST_PER_MISS_RESUME_TAILOR", 0.02),
    "inbox_classify": env.float("LLM_COST_PER_MISS_INBOX_CLASSIFY", 0.002),
}
# Skill insights (GET /insights/skills): cache lifetime (a profile change drops it at once), and
# the lowest match score that makes a job "relevant to the user".
SKILL_INSIGHTS_CACHE_TTL_SECONDS = env.int("SKILL_INSIGHTS_CACHE_TTL_SECONDS", 6 * 60 * 60, minimum=1)
SKILL_INSIGHTS_MIN_MATCH_SCORE = env.float("SKILL_INSIGHTS_MIN_MATCH_SCORE", 40.0)

# Idempotent start-up steps run by `manage.py bootstrap` after migrate (each app adds its own).
BOOTSTRAP_COMMANDS = ["ensure_file_store", "ensure_admin", "seed_milestones"]

# --- API ---------------------------------------------------------------------------------
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", 200, minimum=1)

# Requests the app refuses before any view, in the one error shape: a request line (`GET /path?query
# HTTP/1.1`) longer than this answers 414; more header fields, or one header line longer, 431.
# Each sits below gunicorn's own limit (careerhub/gunicorn_config.py), so the JSON refusal comes
# first; only requests beyond gunicorn's limits get gunicorn's HTML page (docs/operations.md).
REQUEST_LINE_MAX_BYTES = 8000
REQUEST_HEADERS_MAX_COUNT = 90
REQUEST_HEADER_MAX_BYTES = 8000
# The API authenticates with bearer tokens; only the Django admin uses CSRF tokens. A refusal
# elsewhere still answers in the error shape.
CSRF_FAILURE_VIEW = "careerhub.api.errors.csrf_failure"

# One rate per throttle scope, each overridable by THROTTLE_<SCOPE> (careerhub.api.throttles).
THROTTLE_DEFAULTS = {
    "register": "5/hour",
    "login": "10/minute",
    "cv_upload": "10/hour",
    "job_parse": "10/hour",
    "match_refresh": "5/hour",
    "jobs_refresh": "2/hour",
    "generation": "20/hour",
}
THROTTLE_RATES = {scope: env.throttle_rate(f"THROTTLE_{scope.upper()}", rate) for scope, rate in THROTTLE_DEFAULTS.items()}

REST_FRAMEWORK = {
    # A personal access token (`Bearer chp_...`, held to its route's scope) or a JWT from signing in.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.PersonalAccessTokenAuthentication",
        "careerhub.api.authentication.BearerTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON everywhere; upload views opt into multipart with careerhub.api.parsers.UploadParser.
    "DEFAULT_PARSER_CLASSES": ["careerhub.api.parsers.LimitedJSONParser"],
    # OPTIONS answers 405 (CORS preflights are answered by corsheaders before any view).
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "careerhub.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
    "NUM_PROXIES": env.int("NUM_PROXIES", 0, minimum=0),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("ACCESS_TOKEN_LIFETIME_MINUTES", 60, minimum=1)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("REFRESH_TOKEN_LIFETIME_DAYS", 7, minimum=1)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY", "") or SECRET_KEY,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "CHECK_USER_IS_ACTIVE": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "careerhub API",
    "DESCRIPTION": (
        "One backend for a job search: accounts and one profile, an application tracker, "
        "scraped and pasted jobs ranked against the profile, AI-drafted cover letters and "
        "CV highlights, insights and a small community. Every error has the shape "
        '`{"detail", "code", "errors"}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["careerhub.api.schema.only_canonical_paths"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "careerhub.api.schema.add_standard_error_responses",
        "careerhub.api.schema.describe_path_parameters",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        # Three tracker enums share the field name `status`.
        "ApplicationStatusEnum": "tracker.models.ApplicationStatus",
        "SavedJobStatusEnum": "tracker.models.SavedJobStatus",
        "OutcomeStatusEnum": "tracker.models.OutcomeStatus",
        # The readiness report's two `status` fields.
        "ReadinessStatusEnum": "careerhub.readiness.READINESS_STATUSES",
        "ReadinessCheckStatusEnum": "careerhub.readiness.CHECK_STATUSES",
    },
    # PublicEndpointAuthentication authenticates nobody; it has no place in the schema.
    "AUTHENTICATION_WHITELIST": ["careerhub.api.authentication.BearerTokenAuthentication"],
}

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/(api|auth|health)(/.*)?$"
# Browser frontends may send their own request id and read the one each answer carries.
CORS_ALLOW_HEADERS = (*default_headers, REQUEST_ID_HEADER.lower())
CORS_EXPOSE_HEADERS = [REQUEST_ID_HEADER, "Retry-After"]

# --- Logs ------------------------------------------------------------------------------------
# `text` (default) or `json`: one JSON object per line. Either way every line made while a
# request runs — and in the Celery tasks it publishes — carries its request id (careerhub.logs).
LOG_FORMAT = env.choice("LOG_FORMAT", LOG_FORMATS, "text")
LOG_LEVEL = env.choice("LOG_LEVEL", ("debug", "info", "warning", "error", "critical"), "info").upper()
LOGGING = logging_config(level=LOG_LEVEL, fmt=LOG_FORMAT)
