"""Domain events: how one app makes another react without importing its code (DESIGN §1).

The app whose write something happened in declares the event, once, in its `events.py`:

    APPLICATION_CREATED = events.declare("tracker.application_created", "A user added an application.")

Apps that react subscribe a Celery task to that constant in their AppConfig.ready():

    events.subscribe(tracker_events.APPLICATION_CREATED, "insights.evaluate_milestones")

and the emitting service emits it after its writes:

    events.emit(APPLICATION_CREATED, user_id=str(user.pk))

Each subscribed task is enqueued with the payload as keyword arguments once the transaction
commits (careerhub.tasks.enqueue_on_commit), so a rolled-back write triggers nothing. Emitting
or subscribing to a name nobody declared is an error, and a test checks that every declared
event has a subscriber or says why it has none (`unsubscribed_reason`). The registry is explicit
and greppable: there are no model signals behind it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from careerhub.tasks import enqueue_on_commit


class UndeclaredEvent(LookupError):
    """An event name no app declared: a typo, or an event that was removed."""


@dataclass(frozen=True)
class Event:
    name: str
    description: str
    # Why no app reacts to it yet (it is part of the emitting app's contract all the same).
    unsubscribed_reason: str = ""


_declared: dict[str, Event] = {}
_subscribers: dict[str, list[str]] = defaultdict(list)


def declare(name: str, description: str, *, unsubscribed_reason: str = "") -> str:
    """Declare an event of the calling app; returns its name, for a module constant."""
    app = name.split(".", 1)[0]
    if "." not in name or not app:
        raise ValueError(f"An event name is '<app>.<what_happened>', not {name!r}")
    _declared[name] = Event(name=name, description=description, unsubscribed_reason=unsubscribed_reason)
    return name


def declared() -> list[Event]:
    return sorted(_declared.values(), key=lambda event: event.name)


def _require(event: str) -> None:
    if event not in _declared:
        raise UndeclaredEvent(f"No app declares the event {event!r} (see careerhub.events)")


def subscribe(event: str, task_name: str) -> None:
    _require(event)
    if task_name not in _subscribers[event]:
        _subscribers[event].append(task_name)


def subscribers(event: str) -> list[str]:
    return list(_subscribers.get(event, ()))


def emit(event: str, **payload: Any) -> None:
    """Enqueue every task subscribed to `event` on commit. Payload values must be JSON-able (ids)."""
    _require(event)
    for task_name in subscribers(event):
        enqueue_on_commit(task_name, **payload)
