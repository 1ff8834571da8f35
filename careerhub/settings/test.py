"""Settings for the test suite.

The test command (.ci/test) starts a throwaway PostgreSQL and Redis and exports
DATABASE_URL and REDIS_URL; everything else is the shared base. Celery runs eagerly here;
integration tests that need a real worker switch it off for themselves.
"""

from urllib.parse import urlsplit, urlunsplit

from careerhub.logs import logging_config

from .base import *  # noqa: F403
from .base import CACHES, LOG_FORMAT, REDIS_URL, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# Each pytest-xdist worker gets its own Redis database so parallel tests never share keys.
_worker = env.str("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw"):
    _parts = urlsplit(REDIS_URL)
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{1 + int(_worker[2:]) % 15}"))

MEDIA_ROOT = env.str("TEST_MEDIA_ROOT", "/tmp/careerhub-test-media")
# A throwaway key, so the mailbox tests can store passwords (never a key for real data).
INBOX_ENCRYPTION_KEY = env.fernet_keys("INBOX_ENCRYPTION_KEY", ["IQ9mqAu0whIE-f3sddIkEdTOPQpIpYkel4Ai9mMvLHM="])
LOGGING = logging_config(level="WARNING", fmt=LOG_FORMAT)
