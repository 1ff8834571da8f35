"""Typed access to the environment for the settings modules.

Every setting that comes from the environment goes through `env`, so a bad value
fails at start-up with a message naming the variable instead of surfacing later as
a confusing runtime error.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_RATE_RE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


class _Missing:
    pass


MISSING = _Missing()


def _fail(name: str, expected: str, raw: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Environment variable {name}: expected {expected}, got {raw!r}.")


@dataclass(frozen=True)
class Env:
    environ: os._Environ | dict

    def _raw(self, name: str, default):
        raw = self.environ.get(name)
        if raw is None:
            if default is MISSING:
                raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
            return None
        return raw

    def is_set(self, name: str) -> bool:
        return bool(self.environ.get(name, "").strip())

    def str(self, name: str, default: str | _Missing = MISSING) -> str:
        raw = self._raw(name, default)
        return default if raw is None else raw.strip()

    def bool(self, name: str, default: bool | _Missing = MISSING) -> bool:
        raw = self._raw(name, default)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise _fail(name, "a boolean (1/0, true/false, yes/no, on/off)", raw)

    def int(self, name: str, default: int | _Missing = MISSING, *, minimum: int | None = None) -> int:
        raw = self._raw(name, default)
        if raw is None:
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise _fail(name, "an integer", raw) from None
        if minimum is not None and value < minimum:
            raise _fail(name, f"an integer >= {minimum}", raw)
        return value

    def float(self, name: str, default: float | _Missing = MISSING) -> float:
        raw = self._raw(name, default)
        if raw is None:
            return default
        try:
            return float(raw.strip())
        except ValueError:
            raise _fail(name, "a number", raw) from None

    def list(self, name: str, default: list[str] | _Missing = MISSING) -> list[str]:
        raw = self._raw(name, default)
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def choice(self, name: str, choices: tuple[str, ...], default: str | _Missing = MISSING) -> str:
        raw = self._raw(name, default)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value not in choices:
            raise _fail(name, "one of " + ", ".join(choices), raw)
        return value

    def json(self, name: str, default: object | _Missing = MISSING) -> object:
        """A JSON document (an object or a list), e.g. a table of prices."""
        import json

        raw = self._raw(name, default)
        if raw is None:
            return default
        try:
            return json.loads(raw)
        except ValueError:
            raise _fail(name, "a JSON document", raw) from None

    def throttle_rate(self, name: str, default: str) -> str:
        """A DRF throttle rate such as `5/hour`."""
        raw = self._raw(name, default)
        if raw is None:
            return default
        value = raw.strip()
        if not _RATE_RE.match(value):
            raise _fail(name, "a rate like 5/hour or 10/minute", raw)
        return value

    def url(self, name: str, default: str | _Missing = MISSING, *, schemes: tuple[str, ...]) -> str:
        """A URL with one of `schemes` and somewhere to connect to; blank means "not configured"."""
        raw = self._raw(name, default)
        value = default if raw is None else raw.strip()
        if not value:
            return ""
        expected = "a " + " or ".join(f"{scheme}://" for scheme in schemes) + " URL"
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 -- raises ValueError on a non-numeric port
        except ValueError:
            raise _fail(name, expected, value) from None
        # unix:// (Redis over a socket) names a path, every other scheme a host
        if parts.scheme not in schemes or not (parts.hostname or (parts.scheme == "unix" and parts.path)):
            raise _fail(name, expected, value)
        return value

    def fernet_keys(self, name: str, default: list[str] | _Missing = MISSING) -> list[str]:
        """Comma-separated Fernet keys (each 32 bytes in url-safe base64); blank means none."""
        keys = self.list(name, default)
        for key in keys:
            try:
                valid = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32 and len(key) == 44
            except (ValueError, UnicodeEncodeError):
                valid = False
            if not valid:
                raise _fail(name, "Fernet keys (44 characters of url-safe base64 each, comma-separated)", key[:4] + "...")
        return keys

    def database(self, name: str, default: str) -> dict:
        """A Django DATABASES entry from a `sqlite:///path` or `postgres://...` URL."""
        raw = self._raw(name, default)
        url = default if raw is None else raw.strip()
        try:
            return parse_database_url(url)
        except ValueError as exc:
            raise _fail(name, f"a sqlite:/// or postgres:// URL ({exc})", url) from None


def parse_database_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise ValueError("missing file path")
        # Django's backend, creating the file's directory on the first connection (not here).
        return {"ENGINE": "careerhub.db.sqlite3", "NAME": path}
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ValueError("missing database name")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        # A unix-socket directory may be given as ?host=/path (libpq convention).
        host = query.pop("host", None) or unquote(parts.hostname or "")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("invalid port") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": host,
            "PORT": str(port or ""),
            "OPTIONS": query,
        }
    raise ValueError(f"unsupported scheme {parts.scheme!r}")


env = Env(os.environ)
