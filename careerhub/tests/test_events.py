import pytest
from celery import shared_task
from django.db import transaction

from careerhub import events

RECEIVED: list = []


@shared_task(name="careerhub.tests.on_event")
def on_event(user_id):
    RECEIVED.append(user_id)


@pytest.mark.django_db(transaction=True)
def test_subscribed_tasks_run_after_the_emitting_transaction_commits():
    RECEIVED.clear()
    events.subscribe("tests.something_happened", "careerhub.tests.on_event")
    events.subscribe("tests.something_happened", "careerhub.tests.on_event")  # once only
    with transaction.atomic():
        events.emit("tests.something_happened", user_id="u1")
        assert RECEIVED == []
    assert RECEIVED == ["u1"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_emits_nothing():
    RECEIVED.clear()
    events.subscribe("tests.rolled_back", "careerhub.tests.on_event")
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit("tests.rolled_back", user_id="u2")
        raise RuntimeError("rollback")
    assert RECEIVED == []


def test_an_event_nobody_subscribes_to_is_a_no_op():
    events.emit("tests.nobody_listens", user_id="u3")
