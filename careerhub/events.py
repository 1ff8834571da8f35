"""Domain events: how a lower app makes a higher one react without importing it (DESIGN §1).

A higher app subscribes a Celery task to an event name in its AppConfig.ready():

    events.subscribe("tracker.application_created", "insights.evaluate_milestones")

A lower app emits the event inside its service, after its writes:

    events.emit("tracker.application_created", user_id=str(user.pk))

Each subscribed task is enqueued with the payload as keyword arguments once the transaction
commits (careerhub.tasks.enqueue_on_commit), so a rolled-back write triggers nothing. The
registry is explicit and greppable: there are no model signals behind it.
"""

from __future__ import annotations

from collections import defaultdict

from careerhub.tasks import enqueue_on_commit

_subscribers: dict[str, list[str]] = defaultdict(list)


def subscribe(event: str, task_name: str) -> None:
    if task_name not in _subscribers[event]:
        _subscribers[event].append(task_name)


def subscribers(event: str) -> list[str]:
    return list(_subscribers.get(event, ()))


def emit(event: str, **payload) -> None:
    """Enqueue every task subscribed to `event` on commit. Payload values must be JSON-able (ids)."""
    for task_name in subscribers(event):
        enqueue_on_commit(task_name, **payload)
