"""Career-impact invalidation (DESIGN §3): profile writes mark the user's matches stale and emit
profiles.scoring_inputs_changed, on which the owners of the caches delete exactly that user's keys
(with SCAN on the real Redis in .ci/test)."""

import pytest
from celery import shared_task
from django.core.cache import cache

from careerhub import events
from careerhub.cache import is_redis
from profiles import services
from profiles.events import SCORING_INPUTS_CHANGED
from profiles.models import Profile

pytestmark = pytest.mark.django_db

recorded_user_ids: list = []


@shared_task(name="profiles.tests.record_scoring_change")
def record_scoring_change(user_id):
    recorded_user_ids.append(user_id)


def keys_for(user_id) -> list[str]:
    return [
        f"career-impact:v2:{user_id}:event-1",
        f"career-impact:v2:{user_id}:job-42",
        f"recommendations:{user_id}:events",
        f"recommendations:{user_id}:jobs:page-1",
        f"dashboard:{user_id}",
    ]


def scoring_inputs_changed(user_id, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        events.emit(SCORING_INPUTS_CHANGED, user_id=str(user_id))


def test_the_event_has_the_owners_of_every_cache_as_subscribers():
    assert sorted(events.subscribers(SCORING_INPUTS_CHANGED)) == [
        "insights.forget_recommendations",
        "jobs.forget_career_impact",
        "tracker.forget_dashboard",
    ]


def test_the_subscribers_delete_exactly_that_users_keys(user, other_user, django_capture_on_commit_callbacks):
    # given cached scores for two users, and unrelated keys that merely look alike
    mine, theirs = keys_for(user.pk), keys_for(other_user.pk)
    lookalikes = [f"career-impact:v1:{user.pk}:event-1", f"dashboard:{user.pk}:old", f"career-impact:v2:{user.pk}"]
    cache.set_many({key: 1 for key in mine + theirs + lookalikes}, timeout=600)

    # when the event is emitted for one of them (twice: its tasks are idempotent)
    scoring_inputs_changed(user.pk, django_capture_on_commit_callbacks)
    scoring_inputs_changed(user.pk, django_capture_on_commit_callbacks)

    # then only that user's keys are gone
    assert cache.get_many(mine) == {}
    assert cache.get_many(theirs) == {key: 1 for key in theirs}
    assert cache.get_many(lookalikes) == {key: 1 for key in lookalikes}


def test_it_scans_the_real_redis_when_redis_is_the_cache(user, other_user, django_capture_on_commit_callbacks):
    """In .ci/test the cache is the throwaway Redis: the keys really live there and SCAN finds them."""
    cache.set_many({key: 1 for key in keys_for(user.pk) + keys_for(other_user.pk)}, timeout=600)
    if is_redis():
        from django_redis import get_redis_connection

        raw = get_redis_connection("default")
        assert len(list(raw.scan_iter(match=cache.make_key(f"*{user.pk}*")))) == 5
    scoring_inputs_changed(user.pk, django_capture_on_commit_callbacks)
    if is_redis():
        assert list(raw.scan_iter(match=cache.make_key(f"*{user.pk}*"))) == []
        assert len(list(raw.scan_iter(match=cache.make_key(f"*{other_user.pk}*")))) == 5
    assert cache.get_many(keys_for(other_user.pk)) == {key: 1 for key in keys_for(other_user.pk)}


@pytest.mark.parametrize(
    ("url", "method", "body"),
    [
        ("/api/v1/profile/skills", "post", {"skills": ["Python"]}),
        ("/api/v1/profile/job-preferences", "post", {"preferred_job_types": ["remote"]}),
        ("/api/v1/profile", "put", {"preferences": {"min_salary": 100000}}),
        ("/api/v1/profile", "put", {"experience_years": 4}),
        ("/api/v1/profile/career", "put", {"currentRole": "Engineer", "seniority": "junior", "industry": "Software"}),
        ("/api/v1/me/industry-profile", "put", {"industry_years_json": {"fintech": 1}}),
        # where they live: a move or a commute (docs/matching.md, the relocation caveat)
        ("/api/v1/profile/contact-information", "post", {"location": {"city": "Austin", "region": "TX", "country": "US"}}),
    ],
)
def test_a_write_that_can_change_a_score_marks_matches_stale_and_clears_caches(
    auth_client, user, other_user, url, method, body, django_capture_on_commit_callbacks
):
    cache.set_many({key: 1 for key in keys_for(user.pk) + keys_for(other_user.pk)}, timeout=600)

    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(auth_client, method)(url, body, format="json")

    assert response.status_code == 200, response.json()
    profile = Profile.objects.get(user=user)
    assert profile.scoring_version == 1 and profile.scoring_inputs_changed_at is not None
    assert cache.get_many(keys_for(user.pk)) == {}
    assert len(cache.get_many(keys_for(other_user.pk))) == 5


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/profile/contact-information", {"email": "ada@example.com"}),
        ("/api/v1/profile/availability", {"status": "ready_to_join"}),
        ("/api/v1/profile/summary", {"summary": "Hello"}),
        ("/api/v1/profile/social-links", {"social_links": [{"platform": "github", "url": "https://github.com/ada"}]}),
    ],
)
def test_a_write_that_cannot_change_a_score_leaves_scores_alone(auth_client, user, url, body, django_capture_on_commit_callbacks):
    cache.set_many({key: 1 for key in keys_for(user.pk)}, timeout=600)
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.post(url, body, format="json").status_code == 200
    assert len(cache.get_many(keys_for(user.pk))) == 5
    assert Profile.objects.get(user=user).scoring_version == 0


def test_nothing_is_invalidated_when_the_transaction_rolls_back(user):
    from django.db import transaction

    cache.set_many({key: 1 for key in keys_for(user.pk)}, timeout=600)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.profile_update(user=user, data={"skills": ["Python"]})
        raise RuntimeError("the request failed after the write")
    assert len(cache.get_many(keys_for(user.pk))) == 5
    assert not Profile.objects.filter(user=user, scoring_version__gt=0).exists()


def test_higher_apps_can_react_to_the_change_through_an_event(auth_client, user, monkeypatch, django_capture_on_commit_callbacks):
    recorded_user_ids.clear()
    monkeypatch.setitem(events._subscribers, SCORING_INPUTS_CHANGED, ["profiles.tests.record_scoring_change"])
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post("/api/v1/profile/skills", {"skills": ["Go"]}, format="json")
    assert recorded_user_ids == [str(user.pk)]
