"""Throttle scopes (seed 004 "Rate Limiting", DESIGN §2).

Rates come from settings.THROTTLE_RATES, each overridable by THROTTLE_<SCOPE>. Sign-up and
sign-in count per client IP; everything else per user when authenticated. If the cache is
unreachable the throttle lets the request through (and logs it) rather than failing it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

logger = logging.getLogger(__name__)


class ScopedThrottle(SimpleRateThrottle):
    scope: str = ""
    per_ip_only = False

    def get_rate(self):
        return settings.THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if not self.per_ip_only and user is not None and user.is_authenticated:
            ident = f"user:{user.pk}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return f"throttle:{self.scope}:{ident}"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # noqa: BLE001 - the cache is down: degrade to "not throttled"
            logger.warning("Throttle %s skipped, cache unavailable: %r", self.scope, exc)
            return True


class RegisterThrottle(ScopedThrottle):
    scope = "register"
    per_ip_only = True


class LoginThrottle(ScopedThrottle):
    scope = "login"
    per_ip_only = True


class CvUploadThrottle(ScopedThrottle):
    scope = "cv_upload"


class JobParseThrottle(ScopedThrottle):
    scope = "job_parse"


class MatchRefreshThrottle(ScopedThrottle):
    scope = "match_refresh"


class JobsRefreshThrottle(ScopedThrottle):
    scope = "jobs_refresh"


class GenerationThrottle(ScopedThrottle):
    scope = "generation"


def client_ip(request) -> str:
    """The client's address as every throttle sees it (X-Forwarded-For trusted for NUM_PROXIES hops);
    django-axes counts admin sign-in failures per this address too (AXES_CLIENT_IP_CALLABLE)."""
    return BaseThrottle().get_ident(request)
