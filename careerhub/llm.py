"""The one door to Claude (DESIGN §6), through the official `anthropic` SDK.

* `extract(...)`: structured output. The model must call a tool whose `input_schema` is the
  JSON schema of the result; the tool input is validated against that schema.
* `write(...)`: free text (cover letters, highlights).
* Results are cached by a hash of everything that went into the prompt, per category, with
  the category's TTL; hits and misses are counted per category for the admin statistics.
* Every failure of the API — unreachable, timeout, 429, 5xx, a malformed answer — raises
  `LLMUnavailable` (a 503 with Retry-After). Nothing is cached on failure.
* `is_configured()` is False without ANTHROPIC_API_KEY; every caller then uses its
  deterministic fallback and labels the result `"model": "heuristic"`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jsonschema
from django.conf import settings

from careerhub.api.errors import ServiceUnavailable
from careerhub.cache import safe_get, safe_set

if TYPE_CHECKING:
    import anthropic

logger = logging.getLogger(__name__)

HEURISTIC_MODEL = "heuristic"
DAY = 24 * 60 * 60

# Cache categories (DESIGN §6) and how long their results live.
CV_PARSE = "cv_parse"
JOB_EXTRACT = "job_extract"
COVER_LETTER = "cover_letter"
CV_HIGHLIGHTS = "cv_highlights"
CACHE_TTL = {CV_PARSE: 30 * DAY, JOB_EXTRACT: 7 * DAY, COVER_LETTER: 30 * DAY, CV_HIGHLIGHTS: 30 * DAY}
CATEGORIES = tuple(CACHE_TTL)

# Approximate USD per million tokens (input, output), for the cost accounting.
PRICE_PER_MTOK = {"haiku": (1.0, 5.0), "sonnet": (3.0, 15.0), "opus": (15.0, 75.0)}


class LLMUnavailable(ServiceUnavailable):
    default_detail = "The AI service is unavailable right now. Your input was kept; try again shortly."
    default_code = "llm_unavailable"


@dataclass(frozen=True)
class LLMResult:
    value: Any
    model: str
    cached: bool
    input_tokens: int = 0
    output_tokens: int = 0


def is_configured() -> bool:
    return bool(settings.ANTHROPIC_API_KEY)


def extraction_model() -> str:
    return settings.LLM_EXTRACTION_MODEL


def writing_model() -> str:
    return settings.LLM_WRITING_MODEL


@lru_cache(maxsize=4)
def _client(api_key: str, base_url: str | None, timeout: float, max_retries: int) -> anthropic.Anthropic:
    # The SDK is imported on first use, not at start-up: it is ~3,000 modules and ~50 MB that every
    # gunicorn worker would otherwise carry without ever calling Claude (docs/performance.md).
    import anthropic

    return anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries)


def client() -> anthropic.Anthropic:
    return _client(settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL, settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES)


# --- Metrics -------------------------------------------------------------------------------


def metrics_key(category: str, kind: str) -> str:
    return f"llm-metrics:{category}:{kind}"


def record(category: str, kind: str, amount: int = 1) -> None:
    """Count a cache `hits`/`misses` (or tokens) for a category; never fails the caller."""
    from django.core.cache import cache

    key = metrics_key(category, kind)
    try:
        try:
            cache.incr(key, amount)
        except ValueError:  # first count: incr needs an existing key
            if not cache.add(key, amount, timeout=None):
                cache.incr(key, amount)
    except Exception as exc:
        logger.warning("LLM metric %s not recorded: %r", key, exc)


def record_hit(category: str) -> None:
    record(category, "hits")


def record_miss(category: str) -> None:
    record(category, "misses")


def estimated_cost_usd(model: str, input_tokens: int, output_tokens: int) -> float:
    family = next((name for name in PRICE_PER_MTOK if name in model), "sonnet")
    price_in, price_out = PRICE_PER_MTOK[family]
    return (input_tokens * price_in + output_tokens * price_out) / 1_000_000


# --- Calls ------------------------------------------------------------------------------------


def content_hash(*parts: Any) -> str:
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def result_cache_key(category: str, digest: str) -> str:
    return f"llm:{category}:{digest}"


def _retry_after(exc: anthropic.APIStatusError) -> int:
    try:
        return max(1, int(float(exc.response.headers.get("retry-after", "30"))))
    except (TypeError, ValueError):
        return 30


def _call(**kwargs) -> Any:
    import anthropic

    try:
        return client().messages.create(**kwargs)
    except anthropic.APIStatusError as exc:
        logger.warning("LLM API answered %s: %s", exc.status_code, exc)
        raise LLMUnavailable(retry_after=_retry_after(exc)) from exc
    except anthropic.APIError as exc:  # connection errors, timeouts
        logger.warning("LLM API unreachable: %r", exc)
        raise LLMUnavailable() from exc
    except ValueError as exc:  # a body that is not JSON (the SDK lets the decoder's error through)
        logger.warning("LLM API answered something unreadable: %r", exc)
        raise LLMUnavailable("The AI service returned an unusable answer. Your input was kept; try again.") from exc


def _account(category: str, message: Any) -> tuple[int, int]:
    usage = getattr(message, "usage", None)
    tokens_in = int(getattr(usage, "input_tokens", 0) or 0)
    tokens_out = int(getattr(usage, "output_tokens", 0) or 0)
    record(category, "input_tokens", tokens_in)
    record(category, "output_tokens", tokens_out)
    return tokens_in, tokens_out


def extract(
    *,
    category: str,
    system: str,
    prompt: str,
    schema: dict,
    tool_name: str,
    tool_description: str,
    model: str | None = None,
    max_tokens: int = 2048,
    use_cache: bool = True,
) -> LLMResult:
    """Structured extraction through forced tool use; the result is validated against `schema`."""
    model = model or extraction_model()
    key = result_cache_key(category, content_hash(category, model, system, prompt, schema))
    if use_cache:
        cached = safe_get(key)
        if cached is not None:
            record_hit(category)
            return LLMResult(value=cached, model=model, cached=True)
        record_miss(category)
    message = _call(
        model=model,
        max_tokens=max_tokens,
        system=system,
        messages=[{"role": "user", "content": prompt}],
        tools=[{"name": tool_name, "description": tool_description, "input_schema": schema}],
        tool_choice={"type": "tool", "name": tool_name},
    )
    tokens = _account(category, message)
    value = next(
        (block.input for block in getattr(message, "content", []) or [] if getattr(block, "type", None) == "tool_use"),
        None,
    )
    try:
        jsonschema.validate(value, schema)
    except jsonschema.ValidationError as exc:
        logger.warning("LLM returned output that does not fit the %s schema: %s", tool_name, exc.message)
        raise LLMUnavailable("The AI service returned an unusable answer. Your input was kept; try again.") from exc
    if use_cache:
        safe_set(key, value, CACHE_TTL.get(category, DAY))
    return LLMResult(value=value, model=getattr(message, "model", model) or model, cached=False, input_tokens=tokens[0], output_tokens=tokens[1])


def write(
    *,
    category: str,
    system: str,
    prompt: str,
    model: str | None = None,
    max_tokens: int = 1500,
) -> LLMResult:
    """Free text. Callers cache under their own documented keys (cover letters, highlights)."""
    model = model or writing_model()
    message = _call(model=model, max_tokens=max_tokens, system=system, messages=[{"role": "user", "content": prompt}])
    tokens = _account(category, message)
    text = "".join(
        getattr(block, "text", "") for block in getattr(message, "content", []) or [] if getattr(block, "type", None) == "text"
    ).strip()
    if not text:
        raise LLMUnavailable("The AI service returned an empty answer. Try again shortly.")
    return LLMResult(value=text, model=getattr(message, "model", model) or model, cached=False, input_tokens=tokens[0], output_tokens=tokens[1])


def untrusted(label: str, text: str) -> str:
    """Wrap untrusted text (a job posting, a CV) as data in a prompt.

    The system prompts say that anything inside these tags is material to read, never
    instructions to follow. The text cannot close its own block: anything a model could read
    as the closing tag — any case, spaces or line breaks inside it, anything after the name
    (`</JOB_POSTING >`, `< / job_posting x>`) — has its angle brackets escaped as `&lt;`/`&gt;`.
    """
    safe = _closing_tag(label).sub(lambda found: found.group().replace("<", "&lt;").replace(">", "&gt;"), text or "")
    return f"<{label}>\n{safe}\n</{label}>"


@lru_cache(maxsize=16)
def _closing_tag(label: str) -> re.Pattern[str]:
    return re.compile(rf"<\s*/\s*{re.escape(label)}(?![\w-])[^<>]*>", re.IGNORECASE)
