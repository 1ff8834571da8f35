"""The job boards careerhub scrapes, each one small module behind `jobs.sources.base.Source`."""

from __future__ import annotations

from django.conf import settings

from jobs.sources.arbeitnow import ArbeitnowSource
from jobs.sources.ashby import AshbySource
from jobs.sources.base import Posting, Source, SourceBatch
from jobs.sources.greenhouse import GreenhouseSource
from jobs.sources.hackernews import HackerNewsSource
from jobs.sources.himalayas import HimalayasSource
from jobs.sources.jobicy import JobicySource
from jobs.sources.lever import LeverSource
from jobs.sources.personio import PersonioSource
from jobs.sources.recruitee import RecruiteeSource
from jobs.sources.remoteok import RemoteOkSource
from jobs.sources.remotive import RemotiveSource
from jobs.sources.smartrecruiters import SmartRecruitersSource
from jobs.sources.weworkremotely import WeWorkRemotelySource
from jobs.sources.workable import WorkableSource

# In the order a run takes them (settings.JOB_SOURCE_NAMES lists the same names).
REGISTRY: dict[str, type[Source]] = {
    source.name: source
    for source in (
        RemoteOkSource,
        WeWorkRemotelySource,
        GreenhouseSource,
        LeverSource,
        AshbySource,
        WorkableSource,
        SmartRecruitersSource,
        RecruiteeSource,
        PersonioSource,
        HackerNewsSource,
        RemotiveSource,
        ArbeitnowSource,
        HimalayasSource,
        JobicySource,
    )
}

__all__ = ["REGISTRY", "Posting", "Source", "SourceBatch", "get_source", "enabled_source_names"]


def get_source(name: str) -> Source:
    return REGISTRY[name]()


def enabled_source_names() -> list[str]:
    """Sources JOB_SOURCES turns on that also have something configured to fetch, in registry order."""
    wanted = set(settings.JOB_SOURCES)
    return [name for name, source in REGISTRY.items() if name in wanted and source().is_configured()]
