"""Any server speaking the Chat Completions API, through the official `openai` SDK.

OpenAI itself, Azure OpenAI, OpenRouter and local servers (Ollama, vLLM, LM Studio) at
`OPENAI_BASE_URL`; `OPENAI_API_KEY` is optional for servers that do not check it.

Structured output is asked for as `response_format: json_schema` (OPENAI_STRUCTURED_OUTPUT=
json_schema, the default) or as a forced function call whose parameters are the schema
(`tools`). A server that refuses `response_format` with a 400 is asked again with a function
call, and remembered, so a server that supports only one of the two works either way.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings

from careerhub.llm import UNUSABLE_ANSWER, Completion, LLMUnavailable, Repair, retry_after_seconds

if TYPE_CHECKING:
    import openai

logger = logging.getLogger(__name__)

JSON_SCHEMA, TOOLS = "json_schema", "tools"
# The SDK refuses to build a client without a key; local servers ignore the Authorization header.
NO_KEY = "not-needed"
# (base URL, model) pairs whose server refused response_format: asked with a function call from then on.
_tools_only: set[tuple[str | None, str]] = set()


@lru_cache(maxsize=4)
def client_for(api_key: str, base_url: str | None, timeout: float, max_retries: int) -> openai.OpenAI:
    import openai

    return openai.OpenAI(api_key=api_key or NO_KEY, base_url=base_url, timeout=timeout, max_retries=max_retries)


def forget_refusals() -> None:
    _tools_only.clear()


def _client() -> openai.OpenAI:
    return client_for(settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES)


class _ResponseFormatRefused(Exception):
    """The server answered 400 to a request carrying response_format."""


def _call(**kwargs: Any) -> Any:
    import openai

    try:
        return _client().chat.completions.create(**kwargs)
    except openai.BadRequestError as exc:
        if "response_format" in kwargs:
            raise _ResponseFormatRefused() from exc
        logger.warning("Chat Completions API refused the request: %s", exc)
        raise LLMUnavailable(retry_after=retry_after_seconds(exc.response.headers)) from exc
    except openai.APIStatusError as exc:
        logger.warning("Chat Completions API answered %s: %s", exc.status_code, exc)
        raise LLMUnavailable(retry_after=retry_after_seconds(exc.response.headers)) from exc
    except openai.APIError as exc:  # connection errors, timeouts, bodies that are not JSON
        logger.warning("Chat Completions API unreachable or unreadable: %r", exc)
        raise LLMUnavailable() from exc
    except ValueError as exc:  # a body the SDK could not decode
        logger.warning("Chat Completions API answered something unreadable: %r", exc)
        raise LLMUnavailable(UNUSABLE_ANSWER) from exc


def _messages(system: str, prompt: str, repair: Repair | None) -> list[dict[str, Any]]:
    messages = [{"role": "system", "content": system}, {"role": "user", "content": prompt}]
    if repair is not None:
        messages += [
            {"role": "assistant", "content": repair.previous_answer or "(no answer)"},
            {"role": "user", "content": repair.instruction()},
        ]
    return messages


def _first_message(completion: Any) -> Any:
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        logger.warning("Chat Completions API answered without a choice: %r", completion)
        raise LLMUnavailable(UNUSABLE_ANSWER)
    return choices[0].message


def _parsed(raw: str | None) -> Any:
    """The JSON in a model's answer, or None. Tolerates a Markdown code fence around it."""
    text = (raw or "").strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        return json.loads(text)
    except ValueError:
        return None


def _completion(completion: Any, model: str, **content: Any) -> Completion:
    usage = getattr(completion, "usage", None)
    return Completion(
        model=getattr(completion, "model", None) or model,
        input_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        **content,
    )


class OpenAICompatibleProvider:
    name = "openai"

    def structured(
        self, *, model: str, system: str, prompt: str, schema: dict, tool_name: str, tool_description: str,
        max_tokens: int, repair: Repair | None,
    ) -> Completion:
        messages = _messages(system, prompt, repair)
        server = (settings.OPENAI_BASE_URL, model)
        if settings.OPENAI_STRUCTURED_OUTPUT == JSON_SCHEMA and server not in _tools_only:
            response_format = {
                "type": "json_schema",
                "json_schema": {"name": tool_name, "description": tool_description, "schema": schema, "strict": False},
            }
            try:
                completion = _call(model=model, messages=messages, max_tokens=max_tokens, response_format=response_format)
            except _ResponseFormatRefused:
                logger.warning("%s refused response_format for %s: asking with a function call instead", server[0], model)
                _tools_only.add(server)
            else:
                raw = _first_message(completion).content or ""
                return _completion(completion, model, data=_parsed(raw), raw=raw)
        return self._by_function_call(model, messages, schema, tool_name, tool_description, max_tokens)

    def _by_function_call(
        self, model: str, messages: list[dict[str, Any]], schema: dict, tool_name: str, tool_description: str, max_tokens: int
    ) -> Completion:
        completion = _call(
            model=model,
            messages=messages,
            max_tokens=max_tokens,
            tools=[{"type": "function", "function": {"name": tool_name, "description": tool_description, "parameters": schema}}],
            tool_choice={"type": "function", "function": {"name": tool_name}},
        )
        message = _first_message(completion)
        calls = getattr(message, "tool_calls", None) or []
        raw = calls[0].function.arguments if calls else (message.content or "")
        return _completion(completion, model, data=_parsed(raw), raw=raw)

    def text(self, *, model: str, system: str, prompt: str, max_tokens: int) -> Completion:
        completion = _call(model=model, messages=_messages(system, prompt, None), max_tokens=max_tokens)
        return _completion(completion, model, text=_first_message(completion).content or "")
