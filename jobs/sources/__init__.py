"""The job boards careerhub scrapes, each one small module behind `jobs.sources.base.Source`."""

from __future__ import annotations

from django.conf import settings

from jobs.sources.base import Posting, Source, SourceBatch
from jobs.sources.greenhouse import GreenhouseSource
from jobs.sources.lever import LeverSource
from jobs.sources.remoteok import RemoteOkSource
from jobs.sources.weworkremotely import WeWorkRemotelySource

REGISTRY: dict[str, type[Source]] = {
    source.name: source for source in (RemoteOkSource, WeWorkRemotelySource, GreenhouseSource, LeverSource)
}

__all__ = ["REGISTRY", "Posting", "Source", "SourceBatch", "get_source", "enabled_source_names"]


def get_source(name: str) -> Source:
    return REGISTRY[name]()


def enabled_source_names() -> list[str]:
    """Sources JOB_SOURCES turns on that also have something configured to fetch, in registry order."""
    wanted = set(settings.JOB_SOURCES)
    return [name for name, source in REGISTRY.items() if name in wanted and source().is_configured()]
