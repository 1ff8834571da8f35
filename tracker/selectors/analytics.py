"""The analytics dashboard and the question bank (seed 003 "Analytics").

The rates are defined over *submitted* applications, i.e. every application whose status is
not `Saved` (a saved one has not been sent anywhere yet, so it cannot have been answered):

* response_rate  = submitted applications that got an answer from the employer / submitted.
  An answer is: status Interviewing, Offer, Accepted or Rejected, or at least one stage logged,
  or an outcome recorded (whatever its status).
* interview_rate = submitted applications that reached at least one interview / submitted.
  Reaching an interview is: at least one stage logged, or status Interviewing, Offer or Accepted.
* offer_rate     = submitted applications with an offer / submitted.
  An offer is: status Offer or Accepted, or an outcome whose status is Offer.

Each rate is a fraction in [0, 1] rounded to 4 places, and 0.0 when nothing was submitted.
docs/tracker.md says the same for API users; keep the two in step.

Every number is computed by aggregate queries (conditional COUNTs, AVG, MAX, GROUP BY) that
run the same on PostgreSQL and SQLite; Python only assembles the handful of grouped rows.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Exists, Func, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractIsoYear, ExtractWeek, Lower, TruncDate

from accounts.days import user_today
from accounts.models import User
from careerhub.cache import safe_get, safe_set
from tracker.cache_keys import dashboard_key
from tracker.models import DEFAULT_CURRENCY, Application, ApplicationStage, ApplicationStatus, Outcome, OutcomeStatus

DASHBOARD_CACHE_SECONDS = 600
TREND_WEEKS = 12
TOP_COMPANIES = 10
RATE_PLACES = 4

RESPONDED_STATUSES = (
    ApplicationStatus.INTERVIEWING,
    ApplicationStatus.OFFER,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.REJECTED,
)
INTERVIEWED_STATUSES = (ApplicationStatus.INTERVIEWING, ApplicationStatus.OFFER, ApplicationStatus.ACCEPTED)
OFFERED_STATUSES = (ApplicationStatus.OFFER, ApplicationStatus.ACCEPTED)


def _has_stage() -> Exists:
    return Exists(ApplicationStage.objects.filter(application=OuterRef("pk")))


def _submitted() -> Q:
    return ~Q(status=ApplicationStatus.SAVED)


def _responded() -> Q:
    return Q(status__in=RESPONDED_STATUSES) | Q(_has_stage()) | Q(outcome__isnull=False)


def _interviewed() -> Q:
    return Q(status__in=INTERVIEWED_STATUSES) | Q(_has_stage())


def _offered() -> Q:
    return Q(status__in=OFFERED_STATUSES) | Q(outcome__status=OutcomeStatus.OFFER)


def _rate(part: int, whole: int) -> float:
    return round(part / whole, RATE_PLACES) if whole else 0.0


def _pipeline_and_rates(applications: QuerySet[Application]) -> dict[str, Any]:
    """One query: a count per status and the three rates' numerators."""
    per_status = {f"status_{index}": Count("pk", filter=Q(status=value)) for index, value in enumerate(ApplicationStatus.values)}
    totals = applications.aggregate(
        **per_status,
        submitted=Count("pk", filter=_submitted()),
        responded=Count("pk", filter=_submitted() & _responded()),
        interviewed=Count("pk", filter=_submitted() & _interviewed()),
        offered=Count("pk", filter=_submitted() & _offered()),
    )
    submitted = totals["submitted"]
    return {
        "pipeline": [
            {"status": value, "count": totals[f"status_{index}"]} for index, value in enumerate(ApplicationStatus.values)
        ],
        "response_rate": _rate(totals["responded"], submitted),
        "interview_rate": _rate(totals["interviewed"], submitted),
        "offer_rate": _rate(totals["offered"], submitted),
    }


def _source_breakdown(applications: QuerySet[Application]) -> list[dict[str, Any]]:
    rows = (
        applications.filter(_submitted(), applied_source__isnull=False)
        .values("applied_source")
        .annotate(
            applied=Count("pk"),
            interviews=Count("pk", filter=_interviewed()),
            offers=Count("pk", filter=_offered()),
        )
        .order_by("-applied", "applied_source")
    )
    return [
        {"source": row["applied_source"], "applied": row["applied"], "interviews": row["interviews"], "offers": row["offers"]}
        for row in rows
    ]


def trend_weeks(today: date) -> list[date]:
    """The Mondays of the last TREND_WEEKS ISO weeks, oldest first, the current week last."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=back) for back in range(TREND_WEEKS - 1, -1, -1)]


def _iso_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _counts_per_week(queryset: QuerySet, day_expression: Func, first: date, last: date) -> dict[str, int]:
    rows = (
        queryset.annotate(day=day_expression)
        .filter(day__gte=first, day__lte=last)
        .annotate(iso_year=ExtractIsoYear("day"), iso_week=ExtractWeek("day"))
        .values("iso_year", "iso_week")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {f"{row['iso_year']}-W{row['iso_week']:02d}": row["count"] for row in rows}


def _weekly_trend(user: User, today: date) -> list[dict[str, Any]]:
    """Applications submitted (by applied date, else the day they were recorded) and stages held
    (by stage date, else the day they were logged) per ISO week; empty weeks are zeros."""
    mondays = trend_weeks(today)
    first, last = mondays[0], mondays[-1] + timedelta(days=6)
    applications = _counts_per_week(
        Application.objects.filter(_submitted(), user=user),
        Coalesce("applied_date", TruncDate("created_at")),
        first,
        last,
    )
    stages = _counts_per_week(
        ApplicationStage.objects.filter(application__user=user),
        Coalesce("stage_date", TruncDate("created_at")),
        first,
        last,
    )
    return [
        {"week": label, "applications": applications.get(label, 0), "stages": stages.get(label, 0)}
        for label in map(_iso_label, mondays)
    ]


def _salary_insights(user: User) -> dict[str, Any]:
    """Expected ranges (applications) and offers, in the user's most used currency only:
    averaging across currencies would mean nothing. `currency` says which one it is."""
    with_salary = Application.objects.filter(user=user).filter(
        Q(salary_min__isnull=False) | Q(salary_max__isnull=False)
    )
    offers = Outcome.objects.filter(application__user=user, status=OutcomeStatus.OFFER, salary__isnull=False)
    usage: Counter[str] = Counter()
    for queryset in (with_salary, offers):
        for row in queryset.values("salary_currency").annotate(n=Count("pk")).order_by():
            usage[row["salary_currency"]] += row["n"]
    currency = min(usage, key=lambda code: (-usage[code], code)) if usage else DEFAULT_CURRENCY

    expected = with_salary.filter(salary_currency=currency).aggregate(
        count=Count("pk"), average_min=Avg("salary_min"), average_max=Avg("salary_max")
    )
    offered = offers.filter(salary_currency=currency).aggregate(count=Count("pk"), average=Avg("salary"), highest=Max("salary"))

    def as_float(value: Decimal | float | None) -> float | None:
        return round(float(value), 2) if value is not None else None

    return {
        "applications_with_salary": expected["count"],
        "average_expected_min": as_float(expected["average_min"]),
        "average_expected_max": as_float(expected["average_max"]),
        "offers_with_salary": offered["count"],
        "average_offered": as_float(offered["average"]),
        "highest_offer": offered["highest"],
        "currency": currency,
    }


def _top_companies(applications: QuerySet[Application]) -> list[dict[str, Any]]:
    """Companies grouped case-insensitively; the name shown is one of the spellings used."""
    rows = (
        applications.annotate(key=Lower("company_name"))
        .values("key")
        .annotate(count=Count("pk"), company=Min("company_name"))
        .order_by("-count", "key")[:TOP_COMPANIES]
    )
    return [{"company": row["company"], "count": row["count"]} for row in rows]


def dashboard_compute(*, user: User, today: date | None = None) -> dict[str, Any]:
    today = today or user_today(user)
    applications = Application.objects.filter(user=user)
    return {
        **_pipeline_and_rates(applications),
        "source_breakdown": _source_breakdown(applications),
        "weekly_trend": _weekly_trend(user, today),
        "salary_insights": _salary_insights(user),
        "top_companies": _top_companies(applications),
    }


def dashboard_get(*, user: User) -> dict[str, Any]:
    """The cached dashboard; a cache outage (or miss) recomputes it."""
    key = dashboard_key(user.pk)
    cached = safe_get(key)
    if cached is not None:
        return cached
    dashboard = dashboard_compute(user=user)
    safe_set(key, dashboard, DASHBOARD_CACHE_SECONDS)
    return dashboard


def question_bank_get(*, user: User) -> dict[str, Any]:
    """Every question asked across the user's stages, most recent stage first.

    Questions live in a JSON list per stage, so the list is flattened here (one query).
    """
    rows = (
        ApplicationStage.objects.filter(application__user=user, questions_asked__isnull=False)
        .order_by("-created_at", "-id")
        .values_list("questions_asked", "stage_type", "application__company_name", "application__role_title")
    )
    questions = [
        {"question": question, "stage_type": stage_type, "company": company, "role": role}
        for asked, stage_type, company, role in rows
        if isinstance(asked, list)
        for question in asked
        if isinstance(question, str) and question.strip()
    ]
    return {"questions": questions, "total": len(questions)}
