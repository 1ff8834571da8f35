"""gunicorn's configuration: the one place its request limits, workers and logging are set.

    gunicorn -c python:careerhub.gunicorn_config careerhub.wsgi:application

The Dockerfile and docker-compose.yml run exactly this; flags given on the command line
override it (the test harnesses override `bind`).

Request limits. gunicorn refuses a request line, a header count or a header line beyond the
limits below with its own HTML page before the app sees the request. The app refuses from
slightly lower limits of its own (settings.REQUEST_LINE_MAX_BYTES, REQUEST_HEADERS_MAX_COUNT,
REQUEST_HEADER_MAX_BYTES) with a JSON 414 / 431 in the one error shape, so every request that
gunicorn lets through gets the API's answer (docs/operations.md).

Logs. The app writes one access line per request itself, with its request id
(careerhub.api.middleware.RequestIdMiddleware), so gunicorn's access log is off; gunicorn's
own lines go to stderr, as JSON too when LOG_FORMAT=json.
"""

from careerhub.logs import FORMATS
from careerhub.settings.env import env

bind = env.str("GUNICORN_BIND", "0.0.0.0:8000")
workers = env.int("WEB_CONCURRENCY", 3, minimum=1)
timeout = env.int("GUNICORN_TIMEOUT", 60, minimum=1)
graceful_timeout = 30

# gunicorn's largest request line (8190 is its maximum short of "unlimited"), and its defaults
# for header fields: a count and the size of one `Name: value` line.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = None
errorlog = "-"
loglevel = env.choice("LOG_LEVEL", ("debug", "info", "warning", "error", "critical"), "info")

if env.choice("LOG_FORMAT", FORMATS, "text") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "careerhub.logs.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": loglevel.upper(), "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }
