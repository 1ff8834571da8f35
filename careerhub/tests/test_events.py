import ast
import pathlib

import pytest
from celery import shared_task
from django.conf import settings
from django.db import transaction

from careerhub import events

RECEIVED: list = []
SOMETHING_HAPPENED = events.declare("tests.something_happened", "A test event.", unsubscribed_reason="tests only")
ROLLED_BACK = events.declare("tests.rolled_back", "A test event.", unsubscribed_reason="tests only")
NOBODY_LISTENS = events.declare("tests.nobody_listens", "A test event.", unsubscribed_reason="tests only")


@shared_task(name="careerhub.tests.on_event")
def on_event(user_id):
    RECEIVED.append(user_id)


@pytest.mark.django_db(transaction=True)
def test_subscribed_tasks_run_after_the_emitting_transaction_commits():
    RECEIVED.clear()
    events.subscribe(SOMETHING_HAPPENED, "careerhub.tests.on_event")
    events.subscribe(SOMETHING_HAPPENED, "careerhub.tests.on_event")  # once only
    with transaction.atomic():
        events.emit(SOMETHING_HAPPENED, user_id="u1")
        assert RECEIVED == []
    assert RECEIVED == ["u1"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_emits_nothing():
    RECEIVED.clear()
    events.subscribe(ROLLED_BACK, "careerhub.tests.on_event")
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit(ROLLED_BACK, user_id="u2")
        raise RuntimeError("rollback")
    assert RECEIVED == []


def test_an_event_nobody_subscribes_to_is_a_no_op():
    events.emit(NOBODY_LISTENS, user_id="u3")


def test_emitting_an_undeclared_event_fails():
    with pytest.raises(events.UndeclaredEvent):
        events.emit("tracker.application_creatd", user_id="u4")


def test_subscribing_to_an_undeclared_event_fails():
    with pytest.raises(events.UndeclaredEvent):
        events.subscribe("profiles.no_such_thing", "careerhub.tests.on_event")


def test_an_event_name_names_its_app():
    with pytest.raises(ValueError):
        events.declare("something_happened", "No app.")


def project_event_constants() -> dict[str, str]:
    """constant -> event name, for every `events.declare(...)` in an app's events.py."""
    found = {}
    for app in ("accounts", "profiles", "tracker", "jobs", "social", "insights"):
        path = pathlib.Path(settings.BASE_DIR) / app / "events.py"
        if not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                call = node.value
                if getattr(call.func, "attr", "") == "declare" and call.args and isinstance(call.args[0], ast.Constant):
                    found[f"{app}.events.{node.targets[0].id}"] = call.args[0].value
    return found


def test_every_event_an_app_declares_lives_in_its_events_module_under_its_own_name():
    declared = project_event_constants()
    assert declared, "no events found"
    for constant, name in declared.items():
        assert name.split(".")[0] == constant.split(".")[0], f"{constant} declares {name}, another app's name"


def test_every_declared_event_has_a_subscriber_or_says_why_not():
    for event in events.declared():
        if event.name.startswith("tests."):
            continue
        assert events.subscribers(event.name) or event.unsubscribed_reason, (
            f"{event.name} is emitted but nothing reacts to it: subscribe a task or declare unsubscribed_reason"
        )


def test_every_emit_in_the_code_uses_a_declared_constant_not_a_string():
    for app in ("accounts", "profiles", "tracker", "jobs", "social", "insights"):
        for path in (pathlib.Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {"emit", "subscribe"}
                    and getattr(node.func.value, "id", "") == "events" and node.args
                ):
                    assert not isinstance(node.args[0], ast.Constant), f"{path}: events.{node.func.attr} with a string literal"
