"""Settings of the gunicorn that bench/endpoints.py measures: production, plus the floor routes
(bench/_floor_urls.py) in front of the project's own URLs."""

from careerhub.settings.production import *  # noqa: F403

ROOT_URLCONF = "_floor_urls"
