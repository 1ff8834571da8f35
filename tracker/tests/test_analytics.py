from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tracker.selectors.analytics import dashboard_compute, trend_weeks
from tracker.tests import factories

pytestmark = pytest.mark.django_db

DASHBOARD = "/api/v1/analytics/dashboard"


def iso(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_an_empty_dashboard_has_every_documented_field_and_no_division_error(auth_client):
    body = auth_client.get(DASHBOARD).json()
    assert set(body) == {
        "pipeline", "response_rate", "interview_rate", "offer_rate", "source_breakdown", "weekly_trend",
        "salary_insights", "top_companies",
    }
    assert body["pipeline"] == [
        {"status": status, "count": 0}
        for status in ("Saved", "Applied", "Interviewing", "Offer", "Accepted", "Rejected", "Withdrawn")
    ]
    assert (body["response_rate"], body["interview_rate"], body["offer_rate"]) == (0.0, 0.0, 0.0)
    assert body["source_breakdown"] == [] and body["top_companies"] == []
    assert len(body["weekly_trend"]) == 12
    assert body["weekly_trend"][-1] == {"week": iso(timezone.localdate()), "applications": 0, "stages": 0}
    assert body["salary_insights"] == {
        "applications_with_salary": 0,
        "average_expected_min": None,
        "average_expected_max": None,
        "offers_with_salary": 0,
        "average_offered": None,
        "highest_offer": None,
        "currency": "USD",
    }


def test_only_saved_applications_make_every_rate_zero(auth_client, user):
    factories.application(user)
    body = auth_client.get(DASHBOARD).json()
    assert (body["response_rate"], body["interview_rate"], body["offer_rate"]) == (0.0, 0.0, 0.0)
    assert body["pipeline"][0] == {"status": "Saved", "count": 1}


def test_the_rates_follow_their_documented_definitions(auth_client, user):
    # given one application of each interesting kind
    factories.application(user, status="Saved")  # not submitted: outside every rate
    factories.application(user, status="Applied")  # submitted, no answer yet
    factories.stage(factories.application(user, status="Interviewing"))  # answered, interviewed
    factories.application(user, status="Rejected")  # a rejection is an answer
    offer = factories.application(user, status="Offer")
    factories.stage(offer)
    factories.outcome(offer, status="Offer")  # answered, interviewed, offered
    factories.outcome(factories.application(user, status="Withdrawn"), status="Withdrawn")  # an outcome is an answer
    factories.application(user, status="Accepted")  # answered, interviewed, offered
    # when
    body = auth_client.get(DASHBOARD).json()
    # then: 6 submitted; 5 answered, 3 interviewed, 2 offered
    assert body["response_rate"] == round(5 / 6, 4)
    assert body["interview_rate"] == 0.5
    assert body["offer_rate"] == round(2 / 6, 4)
    counts = {row["status"]: row["count"] for row in body["pipeline"]}
    assert counts == {"Saved": 1, "Applied": 1, "Interviewing": 1, "Offer": 1, "Accepted": 1, "Rejected": 1, "Withdrawn": 1}


def test_the_source_breakdown_counts_submitted_applications_per_source(auth_client, user):
    factories.stage(factories.application(user, status="Interviewing", applied_source="LinkedIn"))
    factories.application(user, status="Applied", applied_source="LinkedIn")
    factories.application(user, status="Offer", applied_source="Referral")
    factories.application(user, status="Saved", applied_source="Indeed")  # not submitted
    factories.application(user, status="Applied")  # no source
    body = auth_client.get(DASHBOARD).json()
    assert body["source_breakdown"] == [
        {"source": "LinkedIn", "applied": 2, "interviews": 1, "offers": 0},
        {"source": "Referral", "applied": 1, "interviews": 1, "offers": 1},
    ]


def test_the_weekly_trend_covers_twelve_iso_weeks_including_empty_ones(auth_client, user):
    # given
    today = timezone.localdate()
    factories.application(user, status="Applied", applied_date=today)
    factories.application(user, status="Applied", applied_date=today - timedelta(weeks=2))
    factories.application(user, status="Applied", applied_date=today - timedelta(weeks=12))  # outside
    factories.application(user, status="Saved")  # not submitted
    interviewing = factories.application(user, status="Interviewing", applied_date=today - timedelta(weeks=2))
    factories.stage(interviewing, stage_date=today - timedelta(weeks=1))
    factories.stage(interviewing)  # undated: counted on the day it was logged
    # when
    trend = auth_client.get(DASHBOARD).json()["weekly_trend"]
    # then
    expected_weeks = [iso(today - timedelta(weeks=back)) for back in range(11, -1, -1)]
    assert [row["week"] for row in trend] == expected_weeks
    by_week = {row["week"]: (row["applications"], row["stages"]) for row in trend}
    assert by_week[iso(today)] == (1, 1)
    assert by_week[iso(today - timedelta(weeks=1))] == (0, 1)
    assert by_week[iso(today - timedelta(weeks=2))] == (2, 0)
    assert sum(a for a, _ in by_week.values()) == 3


def test_the_weekly_trend_labels_weeks_by_iso_year_across_new_year(user):
    # given 2026-01-07 (ISO 2026-W02); 2025-12-30 belongs to ISO week 2026-W01
    factories.application(user, status="Applied", applied_date=date(2025, 12, 30))
    factories.application(user, status="Applied", applied_date=date(2025, 12, 28))
    # when
    trend = dashboard_compute(user=user, today=date(2026, 1, 7))["weekly_trend"]
    # then
    assert [row["week"] for row in trend][-3:] == ["2025-W52", "2026-W01", "2026-W02"]
    assert trend[0]["week"] == "2025-W43"
    counts = {row["week"]: row["applications"] for row in trend}
    assert counts["2026-W01"] == 1 and counts["2025-W52"] == 1


def test_trend_weeks_are_mondays_oldest_first():
    mondays = trend_weeks(date(2026, 3, 4))
    assert len(mondays) == 12 and all(day.weekday() == 0 for day in mondays)
    assert mondays[-1] == date(2026, 3, 2) and mondays[0] == date(2025, 12, 15)


def test_salary_insights_use_the_most_used_currency_only(auth_client, user):
    # given two USD expectations, one EUR, and offers in both
    factories.application(user, salary_min=100_000, salary_max=120_000)
    factories.application(user, salary_min=80_000)
    factories.application(user, salary_min=70_000, salary_max=75_000, salary_currency="EUR")
    factories.outcome(factories.application(user), salary=110_000)
    factories.outcome(factories.application(user), salary=130_000)
    factories.outcome(factories.application(user), salary=99_000, salary_currency="EUR")
    factories.outcome(factories.application(user), salary=500_000, status="Rejected")  # not an offer
    # when
    insights = auth_client.get(DASHBOARD).json()["salary_insights"]
    # then
    assert insights == {
        "applications_with_salary": 2,
        "average_expected_min": 90_000.0,
        "average_expected_max": 120_000.0,
        "offers_with_salary": 2,
        "average_offered": 120_000.0,
        "highest_offer": 130_000,
        "currency": "USD",
    }


def test_top_companies_group_case_insensitively_and_stop_at_ten(auth_client, user):
    for n in range(12):
        for _ in range(n + 1):
            factories.application(user, company_name=f"Company {n:02d}")
    factories.application(user, company_name="company 00")
    top = auth_client.get(DASHBOARD).json()["top_companies"]
    assert len(top) == 10
    assert top[0] == {"company": "Company 11", "count": 12}
    assert top[-1] == {"company": "Company 02", "count": 3}
    assert all(row["company"] != "Company 00" for row in top)


def test_the_dashboard_is_cached_under_dashboard_user_id(auth_client, user, django_assert_num_queries):
    # given
    factories.application(user)
    first = auth_client.get(DASHBOARD).json()
    assert cache.get(f"dashboard:{user.pk}")["pipeline"] == first["pipeline"]
    # when asked again: only the user is loaded (authentication); the rest comes from the cache
    with django_assert_num_queries(1):
        second = auth_client.get(DASHBOARD).json()
    # then
    assert second == first


def test_a_tracker_write_is_seen_by_the_next_dashboard(auth_client, user):
    auth_client.get(DASHBOARD)
    auth_client.post("/api/v1/applications", {"company_name": "A", "role_title": "B", "status": "Applied"}, format="json")
    pipeline = {row["status"]: row["count"] for row in auth_client.get(DASHBOARD).json()["pipeline"]}
    assert pipeline["Applied"] == 1


def test_the_dashboard_is_recomputed_when_the_cache_is_down(auth_client, user, monkeypatch):
    # given a cache that refuses every call
    from careerhub import cache as cache_helpers

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache_helpers.cache, "get", down)
    monkeypatch.setattr(cache_helpers.cache, "set", down)
    monkeypatch.setattr(cache_helpers.cache, "delete_many", down)
    factories.application(user, status="Applied")
    # when
    response = auth_client.get(DASHBOARD)
    # then
    assert response.status_code == 200
    assert {row["status"]: row["count"] for row in response.json()["pipeline"]}["Applied"] == 1
    assert auth_client.post("/api/v1/tags", {"name": "still writes"}, format="json").status_code == 201


def test_the_dashboard_only_counts_the_users_own_applications(auth_client, other_user):
    factories.application(other_user, status="Applied", salary_min=1)
    body = auth_client.get(DASHBOARD).json()
    assert sum(row["count"] for row in body["pipeline"]) == 0
    assert body["salary_insights"]["applications_with_salary"] == 0


def test_the_question_bank_gathers_every_question_with_its_context(auth_client, user, other_user):
    # given
    acme = factories.application(user, company_name="Acme Corp", role_title="Software Engineer")
    factories.stage(acme, stage_type="Behavioral", questions_asked=["Tell me about a conflict.", "Why Acme?"])
    factories.stage(acme, stage_type=None, questions_asked=[])
    factories.stage(acme, questions_asked=None)
    factories.stage(factories.application(other_user), questions_asked=["Not yours"])
    # when
    body = auth_client.get("/api/v1/analytics/questions").json()
    # then
    assert body["total"] == 2
    assert body["questions"][0] == {
        "question": "Tell me about a conflict.",
        "stage_type": "Behavioral",
        "company": "Acme Corp",
        "role": "Software Engineer",
    }
