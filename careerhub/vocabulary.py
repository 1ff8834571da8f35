"""The canonical vocabulary (DESIGN §3) and each seed's dialect of it.

Models store canonical values only. Each API face translates its seed's spelling to the
canonical value on the way in (an unknown value is a 400 naming the allowed ones) and back
on the way out. Scrapers normalise into the same canonical values.

Dialects:
    "tracker"  seed 003 (OfferTracker):  Remote / Hybrid / On-site, Full-time / ...
    "agent"    seed 004 (Career Agent):  full / hybrid / onsite, permanent / contract / ...
    "seeker"   seed 001 (profile service): remote / hybrid / on-site, full-time / contract / ...
    "canonical" the stored values themselves
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

TRACKER = "tracker"
AGENT = "agent"
SEEKER = "seeker"
CANONICAL = "canonical"


class WorkMode(models.TextChoices):
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ONSITE = "onsite", "On-site"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERNSHIP = "internship", "Internship"
    FREELANCE = "freelance", "Freelance"
    TEMPORARY = "temporary", "Temporary"


class AvailabilityStatus(models.TextChoices):
    CURRENTLY_IN_A_JOB = "currently_in_a_job", "Currently in a job"
    LOOKING_FOR_OPPORTUNITIES = "looking_for_opportunities", "Looking for opportunities"
    READY_TO_JOIN = "ready_to_join", "Ready to join"


# --- The career profile's enums (seed 000's public frontend) ----------------------------------

SENIORITY_LEVELS = (
    "student", "entry-level", "junior", "mid-level", "senior", "staff", "principal", "lead", "manager",
    "senior-manager", "director", "vp", "cto", "founder", "consultant", "career-changer",
)
COMPANY_SIZES = ("startup", "small", "medium", "large", "enterprise", "freelance", "consulting")
CAREER_GOALS = (
    "skill-development", "career-advancement", "role-transition", "leadership-growth", "entrepreneurship",
    "consulting", "specialization", "generalization", "networking", "industry-change", "work-life-balance",
    "salary-increase",
)
TIMEFRAMES = ("immediate", "short-term", "medium-term", "long-term")
LEARNING_STYLES = ("hands-on", "theoretical", "interactive", "networking", "case-studies", "peer-learning")
AVAILABLE_TIMES = ("very-limited", "limited", "moderate", "flexible", "dedicated")
BUDGETS = ("free-only", "low", "moderate", "high", "unlimited")
NETWORKING_GOALS = (
    "find-mentors", "find-mentees", "find-peers", "find-collaborators", "find-customers", "find-employers",
    "find-employees", "industry-insights", "thought-leadership",
)
EVENT_TYPES = (
    "conference", "workshop", "meetup", "webinar", "hackathon", "summit", "bootcamp", "certification", "panel",
    "keynote", "networking", "trade-show",
)
PROFICIENCY_LEVELS = ("beginner", "intermediate", "advanced", "expert")

# Rough years of experience per seniority level, used where a number is needed (matching).
SENIORITY_YEARS = {
    "student": 0, "entry-level": 0, "junior": 1, "mid-level": 3, "senior": 5, "staff": 8, "principal": 10,
    "lead": 7, "manager": 7, "senior-manager": 10, "director": 12, "vp": 15, "cto": 15, "founder": 5,
    "consultant": 5, "career-changer": 0,
}


@dataclass(frozen=True)
class Vocabulary:
    """One canonical value set and how each dialect spells it.

    `dialects[d]` maps the dialect's spelling → canonical value. Several spellings may map to
    one canonical value; the first listed is the one written back out.
    """

    name: str
    canonical: tuple[str, ...]
    dialects: dict[str, dict[str, str]] = field(default_factory=dict)

    def allowed(self, dialect: str = CANONICAL) -> list[str]:
        if dialect == CANONICAL:
            return list(self.canonical)
        return list(self.dialects[dialect])

    def to_canonical(self, value: str, dialect: str = CANONICAL, *, field_name: str | None = None) -> str:
        """The canonical value for a dialect's spelling; a ValidationError naming the allowed ones."""
        if dialect == CANONICAL:
            if value in self.canonical:
                return value
        elif value in self.dialects[dialect]:
            return self.dialects[dialect][value]
        allowed = ", ".join(self.allowed(dialect))
        message = f"'{value}' is not a valid {self.name}. Allowed values: {allowed}."
        raise ValidationError({field_name: [message]} if field_name else message)

    def from_canonical(self, value: str | None, dialect: str = CANONICAL) -> str | None:
        if value is None or dialect == CANONICAL:
            return value
        for spelling, canonical in self.dialects[dialect].items():
            if canonical == value:
                return spelling
        return value

    def many_to_canonical(self, values: Iterable[str], dialect: str = CANONICAL, *, field_name: str | None = None) -> list[str]:
        """Translate a list, keeping order and dropping duplicates."""
        return list(dict.fromkeys(self.to_canonical(v, dialect, field_name=field_name) for v in values))

    def many_from_canonical(self, values: Iterable[str], dialect: str = CANONICAL) -> list[str]:
        return list(dict.fromkeys(self.from_canonical(v, dialect) for v in values))


WORK_MODES = Vocabulary(
    "work mode",
    tuple(WorkMode.values),
    {
        TRACKER: {"Remote": "remote", "Hybrid": "hybrid", "On-site": "onsite"},
        AGENT: {"full": "remote", "hybrid": "hybrid", "onsite": "onsite"},
        SEEKER: {"remote": "remote", "hybrid": "hybrid", "on-site": "onsite"},
    },
)

EMPLOYMENT_TYPES = Vocabulary(
    "employment type",
    tuple(EmploymentType.values),
    {
        # Seed 003 has no "temporary"; it reads back as Contract, the nearest kind.
        TRACKER: {
            "Full-time": "full_time", "Part-time": "part_time", "Contract": "contract",
            "Internship": "internship", "Freelance": "freelance",
        },
        # Seed 004 lists permanent/contract/freelance/part-time; internship and temporary
        # are spelled in the same style so no canonical value is unreachable.
        AGENT: {
            "permanent": "full_time", "contract": "contract", "freelance": "freelance", "part-time": "part_time",
            "internship": "internship", "temporary": "temporary",
        },
        SEEKER: {
            "full-time": "full_time", "contract": "contract", "part-time": "part_time",
            "internship": "internship", "freelance": "freelance", "temporary": "temporary",
        },
    },
)


def employment_type_for_tracker(value: str | None) -> str | None:
    """Seed 003 spelling, with `temporary` read back as `Contract`."""
    if value == EmploymentType.TEMPORARY:
        return "Contract"
    return EMPLOYMENT_TYPES.from_canonical(value, TRACKER)


AVAILABILITY = Vocabulary("availability status", tuple(AvailabilityStatus.values))
SENIORITY = Vocabulary("seniority", SENIORITY_LEVELS)
COMPANY_SIZE = Vocabulary("company size", COMPANY_SIZES)
CAREER_GOAL = Vocabulary("career goal", CAREER_GOALS)
TIMEFRAME = Vocabulary("timeframe", TIMEFRAMES)
LEARNING_STYLE = Vocabulary("learning style", LEARNING_STYLES)
AVAILABLE_TIME = Vocabulary("available time", AVAILABLE_TIMES)
BUDGET = Vocabulary("budget", BUDGETS)
NETWORKING_GOAL = Vocabulary("networking goal", NETWORKING_GOALS)
EVENT_TYPE = Vocabulary("event type", EVENT_TYPES)
PROFICIENCY = Vocabulary("proficiency", PROFICIENCY_LEVELS)
