import pytest
from celery import shared_task
from django.core.cache import cache
from kombu.exceptions import OperationalError

from careerhub import cache as cache_helpers
from careerhub import tasks
from careerhub.models import DeferredTask

CALLS: list = []


@shared_task(name="careerhub.tests.record_call")
def record_call(value):
    CALLS.append(value)


def test_delete_pattern_removes_exactly_the_matching_keys():
    cache.set("career-impact:v2:u1:1", 1)
    cache.set("career-impact:v2:u1:2", 2)
    cache.set("career-impact:v2:u2:1", 3)
    cache.set("dashboard:u1", 4)
    assert cache_helpers.delete_pattern("career-impact:v2:u1:*") == 2
    assert cache.get("career-impact:v2:u1:1") is None
    assert cache.get("career-impact:v2:u2:1") == 3
    assert cache.get("dashboard:u1") == 4


def test_safe_reads_degrade_to_a_miss_when_the_cache_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("down")

    monkeypatch.setattr(cache_helpers.cache, "get", broken)
    monkeypatch.setattr(cache_helpers.cache, "set", broken)
    assert cache_helpers.safe_get("anything", "fallback") == "fallback"
    assert cache_helpers.safe_set("anything", 1, 10) is False


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_while_the_broker_is_down_is_kept_and_sent_later(monkeypatch):
    # given a broker that refuses connections
    CALLS.clear()
    real_apply_async = record_call.apply_async

    def refuse(*args, **kwargs):
        raise OperationalError("broker down")

    monkeypatch.setattr(record_call, "apply_async", refuse)
    # when a task is published
    assert tasks.publish("careerhub.tests.record_call", ["hello"]) is False
    # then it is stored, not lost
    deferred = DeferredTask.objects.get()
    assert (deferred.task_name, deferred.args) == ("careerhub.tests.record_call", ["hello"])

    # and once the broker is back the resend task publishes it
    monkeypatch.setattr(record_call, "apply_async", real_apply_async)
    monkeypatch.setattr(tasks.current_app, "send_task", lambda name, args, kwargs: record_call.apply(args, kwargs))
    assert tasks.resend_deferred_tasks() == 1
    assert CALLS == ["hello"]
    assert not DeferredTask.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_waits_for_the_transaction():
    from django.db import transaction

    CALLS.clear()
    with transaction.atomic():
        tasks.enqueue_on_commit(record_call, "after-commit")
        assert CALLS == []
    assert CALLS == ["after-commit"]
