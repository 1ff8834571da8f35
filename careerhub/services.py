"""Writes every app shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models


def model_update(*, instance: models.Model, fields: Iterable[str], data: Mapping[str, Any], save: bool = True) -> list[str]:
    """Set each of `fields` that `data` carries and that differs from the instance; save only those.

    The partial update of every service (a PUT/PATCH changes what was sent and nothing else):
    the names in `data` outside `fields` are ignored, a foreign key may be given as an instance
    or None, and fields with `auto_now` (`updated_at`) are saved along when anything changed.
    Returns the names of the fields that changed, in the order of `fields` (empty: nothing saved).
    """
    changed = []
    for name in fields:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            raise ValueError(f"model_update sets plain fields and foreign keys, not {name!r}")
        value = data[name]
        if field.many_to_one or field.one_to_one:
            current = getattr(instance, field.attname)
            new = value.pk if isinstance(value, models.Model) else value
        else:
            current, new = getattr(instance, name), value
        if current != new:
            setattr(instance, name, value)
            changed.append(name)
    if changed and save:
        automatic = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*changed, *(name for name in automatic if name not in changed)])
    return changed
