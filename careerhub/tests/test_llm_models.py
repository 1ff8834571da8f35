"""The default models are current: never retired, never about to be (DESIGN §6).

Anthropic's SDK carries its own list of deprecated models with their end-of-life dates, and
warns on every call to one of them. These tests read that list from the pinned SDK, so a
default that is about to reach its end of life fails here, at least 90 days before users would
notice, and never in production.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import get_args

import pytest
from anthropic.resources.messages import messages as sdk_messages
from anthropic.types.model_param import ModelParam
from django.conf import settings

WARNING_DAYS = 90
DEFAULTS = {"LLM_EXTRACTION_MODEL": "haiku", "LLM_WRITING_MODEL": "sonnet"}


def sdk_models() -> list[str]:
    """The model names the pinned SDK knows, newest first (the SDK's own order)."""
    return [name for name in get_args(get_args(ModelParam)[0])]


def end_of_life(text: str) -> date:
    """'November 30th, 2026' → date(2026, 11, 30)."""
    return datetime.strptime(re.sub(r"(\d)(st|nd|rd|th)", r"\1", text), "%B %d, %Y").date()


def default_model(setting: str) -> str:
    # The default in settings, whatever the environment of this test run says.
    from careerhub.settings import base

    return base.ANTHROPIC_DEFAULT_MODELS[setting]


def test_the_sdk_lists_end_of_life_dates_this_test_can_read():
    assert sdk_messages.DEPRECATED_MODELS, "the pinned SDK no longer exposes DEPRECATED_MODELS: update this test"
    for model, when in sdk_messages.DEPRECATED_MODELS.items():
        assert end_of_life(when).year > 2000, model


@pytest.mark.parametrize("setting", sorted(DEFAULTS))
def test_a_default_model_is_known_to_the_pinned_sdk(setting):
    assert default_model(setting) in sdk_models()


@pytest.mark.parametrize("setting", sorted(DEFAULTS))
def test_a_default_model_is_not_within_90_days_of_its_end_of_life(setting):
    model = default_model(setting)
    when = sdk_messages.DEPRECATED_MODELS.get(model)
    if when is not None:
        days_left = (end_of_life(when) - date.today()).days
        assert days_left > WARNING_DAYS, (
            f"{setting} defaults to {model}, which reaches end of life on {when} ({days_left} days): "
            f"move the default in careerhub/settings/base.py to the newest model of its family"
        )


@pytest.mark.parametrize("setting, family", sorted(DEFAULTS.items()))
def test_a_default_model_is_the_newest_of_its_family_in_the_pinned_sdk(setting, family):
    newest = next(name for name in sdk_models() if name.startswith(f"claude-{family}-"))
    assert default_model(setting) == newest


def test_the_end_of_life_check_fails_for_the_retired_sonnet_4_5():
    # The rule above, applied to the model this test was written to catch.
    assert (end_of_life(sdk_messages.DEPRECATED_MODELS["claude-sonnet-4-5"]) - date(2026, 9, 1)).days <= WARNING_DAYS


def test_the_running_settings_use_the_defaults_unless_overridden():
    running = {"LLM_EXTRACTION_MODEL": settings.LLM_EXTRACTION_MODEL, "LLM_WRITING_MODEL": settings.LLM_WRITING_MODEL}
    assert running == {name: default_model(name) for name in running}
