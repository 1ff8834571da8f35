"""Claude through the official `anthropic` SDK (the Messages API).

Structured output is forced tool use: the model must call a tool whose `input_schema` is the
result's JSON schema, and the tool's input is the answer.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings

from careerhub.llm import UNUSABLE_ANSWER, Completion, LLMUnavailable, Repair, retry_after_seconds

if TYPE_CHECKING:
    import anthropic

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def client_for(api_key: str, base_url: str | None, timeout: float, max_retries: int) -> anthropic.Anthropic:
    # The SDK is imported on first use, not at start-up: it is ~3,000 modules and ~50 MB that every
    # gunicorn worker would otherwise carry without ever calling Claude (docs/performance.md).
    import anthropic

    return anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries)


def _client() -> anthropic.Anthropic:
    return client_for(settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL, settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES)


def _messages(prompt: str, repair: Repair | None) -> list[dict[str, Any]]:
    messages = [{"role": "user", "content": prompt}]
    if repair is not None:
        messages += [
            {"role": "assistant", "content": repair.previous_answer or "(no answer)"},
            {"role": "user", "content": repair.instruction()},
        ]
    return messages


def _call(**kwargs: Any) -> Any:
    import anthropic

    try:
        return _client().messages.create(**kwargs)
    except anthropic.APIStatusError as exc:
        logger.warning("Anthropic API answered %s: %s", exc.status_code, exc)
        raise LLMUnavailable(retry_after=retry_after_seconds(exc.response.headers)) from exc
    except anthropic.APIError as exc:  # connection errors, timeouts
        logger.warning("Anthropic API unreachable: %r", exc)
        raise LLMUnavailable() from exc
    except ValueError as exc:  # a body that is not JSON (the SDK lets the decoder's error through)
        logger.warning("Anthropic API answered something unreadable: %r", exc)
        raise LLMUnavailable(UNUSABLE_ANSWER) from exc


def _completion(message: Any, model: str, **content: Any) -> Completion:
    usage = getattr(message, "usage", None)
    return Completion(
        model=getattr(message, "model", None) or model,
        input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
        **content,
    )


class ClaudeProvider:
    name = "anthropic"

    def structured(
        self, *, model: str, system: str, prompt: str, schema: dict, tool_name: str, tool_description: str,
        max_tokens: int, repair: Repair | None,
    ) -> Completion:
        message = _call(
            model=model,
            max_tokens=max_tokens,
            system=system,
            messages=_messages(prompt, repair),
            tools=[{"name": tool_name, "description": tool_description, "input_schema": schema}],
            tool_choice={"type": "tool", "name": tool_name},
        )
        blocks = getattr(message, "content", None) or []
        data = next((block.input for block in blocks if getattr(block, "type", None) == "tool_use"), None)
        raw = json.dumps(data) if data is not None else "".join(getattr(block, "text", "") for block in blocks)
        return _completion(message, model, data=data, raw=raw)

    def text(self, *, model: str, system: str, prompt: str, max_tokens: int) -> Completion:
        message = _call(model=model, max_tokens=max_tokens, system=system, messages=[{"role": "user", "content": prompt}])
        blocks = getattr(message, "content", None) or []
        text = "".join(getattr(block, "text", "") for block in blocks if getattr(block, "type", None) == "text")
        return _completion(message, model, text=text)
