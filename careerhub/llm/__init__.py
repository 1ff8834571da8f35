"""The one door to the LLM (DESIGN §6, docs/ai.md). Feature code never knows which provider runs.

* `extract(...)`: structured output. The provider is asked for JSON matching `schema` (Claude:
  forced tool use; OpenAI-compatible servers: `response_format` JSON schema or a forced function
  call). The answer is validated against the schema; an answer that is not valid JSON or does not
  fit gets one repair request (the model sees its answer and the error), and a second failure is a 503.
* `write(...)`: free text (cover letters).
* Results of `extract` are cached by a hash of everything that went into the prompt (provider and
  model included), per category, with the category's TTL; hits and misses, tokens and the estimated
  cost (settings.LLM_MODEL_PRICES) are counted per category for the admin statistics.
* Every failure of the provider — unreachable, timeout, 429, 5xx, an unusable answer — raises
  `LLMUnavailable` (a 503 with Retry-After). Nothing is cached on failure; callers keep the
  user's input.
* `is_configured()` is False on the heuristic provider; every caller then uses its deterministic
  fallback and labels the result `"model": "heuristic"`.

The providers (one module each: `careerhub.llm.claude`, `careerhub.llm.openai_compatible`)
implement `Provider`; `settings.LLM_PROVIDER` picks one, or the keys decide when it is unset.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import jsonschema
from django.conf import settings

from careerhub.api.errors import ServiceUnavailable
from careerhub.cache import safe_get, safe_set

logger = logging.getLogger(__name__)

HEURISTIC_MODEL = "heuristic"
ANTHROPIC, OPENAI, HEURISTIC = "anthropic", "openai", "heuristic"
DAY = 24 * 60 * 60

# Cache categories (DESIGN §6) and how long their results live.
CV_PARSE = "cv_parse"
JOB_EXTRACT = "job_extract"
COVER_LETTER = "cover_letter"
CV_HIGHLIGHTS = "cv_highlights"
RESUME_TAILOR = "resume_tailor"
# An employer email's kind (tracker.inbox.classification), by content hash.
INBOX_CLASSIFY = "inbox_classify"
CACHE_TTL = {
    CV_PARSE: 30 * DAY,
    JOB_EXTRACT: 7 * DAY,
    COVER_LETTER: 30 * DAY,
    CV_HIGHLIGHTS: 30 * DAY,
    RESUME_TAILOR: 30 * DAY,
    INBOX_CLASSIFY: 30 * DAY,
}
CATEGORIES = tuple(CACHE_TTL)

UNUSABLE_ANSWER = "The AI service returned an unusable answer. Your input was kept; try again."


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


@dataclass(frozen=True)
class Completion:
    """What a provider answered: `text` for free text, `data` for structured output (None when the
    answer was not JSON), `raw` the answer as the model wrote it (for a repair request)."""

    model: str
    input_tokens: int
    output_tokens: int
    text: str = ""
    data: Any = None
    raw: str = ""


@dataclass(frozen=True)
class Repair:
    """A second chance for a structured answer that did not fit: the model sees both."""

    previous_answer: str
    problem: str

    def instruction(self) -> str:
        return (
            f"Your previous answer could not be used: {self.problem}. Answer again with only the corrected "
            "JSON that matches the schema exactly."
        )


class Provider(Protocol):
    name: str

    def structured(
        self, *, model: str, system: str, prompt: str, schema: dict, tool_name: str, tool_description: str,
        max_tokens: int, repair: Repair | None,
    ) -> Completion:
        """Ask for JSON matching `schema`; raise LLMUnavailable on any failure of the service."""

    def text(self, *, model: str, system: str, prompt: str, max_tokens: int) -> Completion:
        """Ask for free text; raise LLMUnavailable on any failure of the service."""


# --- Which provider ------------------------------------------------------------------------------


def provider_name() -> str:
    """`anthropic`, `openai` or `heuristic`: LLM_PROVIDER, or what the configured keys say."""
    if settings.LLM_PROVIDER:
        return settings.LLM_PROVIDER
    if settings.ANTHROPIC_API_KEY:
        return ANTHROPIC
    if settings.OPENAI_BASE_URL or settings.OPENAI_API_KEY:
        return OPENAI
    return HEURISTIC


def is_configured() -> bool:
    name = provider_name()
    return name == OPENAI or (name == ANTHROPIC and bool(settings.ANTHROPIC_API_KEY))


def provider() -> Provider:
    name = provider_name()
    if name == ANTHROPIC:
        from careerhub.llm.claude import ClaudeProvider

        return ClaudeProvider()
    if name == OPENAI:
        from careerhub.llm.openai_compatible import OpenAICompatibleProvider

        return OpenAICompatibleProvider()
    raise LLMUnavailable("No AI provider is configured.")


def extraction_model() -> str:
    return settings.LLM_EXTRACTION_MODEL


def writing_model() -> str:
    return settings.LLM_WRITING_MODEL


def clear_clients() -> None:
    """Forget the SDK clients (tests that change the provider's settings call this)."""
    from careerhub.llm import claude, openai_compatible

    claude.client_for.cache_clear()
    openai_compatible.client_for.cache_clear()
    openai_compatible.forget_refusals()


# --- Metrics -------------------------------------------------------------------------------


def metrics_key(category: str, kind: str) -> str:
    return f"llm-metrics:{category}:{kind}"


def record(category: str, kind: str, amount: int = 1) -> None:
    """Count a cache `hits`/`misses` (or tokens, or cost) for a category; never fails the caller."""
    from django.core.cache import cache

    key = metrics_key(category, kind)
    try:
        try:
            cache.incr(key, amount)
        except ValueError:  # first count: incr needs an existing key
            if not cache.add(key, amount, timeout=None):
                cache.incr(key, amount)
    except Exception as exc:  # noqa: BLE001 - metrics are best effort: any cache failure is logged, never raised
        logger.warning("LLM metric %s not recorded: %r", key, exc)


def record_hit(category: str) -> None:
    record(category, "hits")


def record_miss(category: str) -> None:
    record(category, "misses")


@lru_cache(maxsize=256)
def _price_of(model: str, prices: tuple[tuple[str, tuple[float, float]], ...]) -> tuple[float, float]:
    matches = [(len(name), price) for name, price in prices if name == model or name in model]
    if not matches:
        logger.info("No price configured for model %r: counted as free (LLM_MODEL_PRICES)", model)
        return (0.0, 0.0)
    return max(matches)[1]


def estimated_cost_usd(model: str, input_tokens: int, output_tokens: int) -> float:
    """USD for one call, from settings.LLM_MODEL_PRICES (per million tokens; the longest matching name wins)."""
    prices = tuple(sorted((name, (float(pair[0]), float(pair[1]))) for name, pair in settings.LLM_MODEL_PRICES.items()))
    price_in, price_out = _price_of(model, prices)
    return (input_tokens * price_in + output_tokens * price_out) / 1_000_000


def _account(category: str, completion: Completion) -> None:
    record(category, "input_tokens", completion.input_tokens)
    record(category, "output_tokens", completion.output_tokens)
    cost = estimated_cost_usd(completion.model, completion.input_tokens, completion.output_tokens)
    record(category, "cost_microusd", round(cost * 1_000_000))


# --- Calls ------------------------------------------------------------------------------------


def content_hash(*parts: Any) -> str:
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def result_cache_key(category: str, digest: str) -> str:
    return f"llm:{category}:{digest}"


def _problem_with(completion: Completion, schema: dict) -> str | None:
    """Why a structured answer cannot be used, or None when it fits the schema."""
    if completion.data is None:
        return "it was not valid JSON"
    try:
        jsonschema.validate(completion.data, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "the top level"
        return f"at {where}: {exc.message}"
    return None


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
    """Structured extraction validated against `schema`, with one repair request; cached by content."""
    chosen = provider()
    model = model or extraction_model()
    key = result_cache_key(category, content_hash(category, chosen.name, model, system, prompt, schema))
    if use_cache:
        cached = safe_get(key)
        if cached is not None:
            record_hit(category)
            return LLMResult(value=cached, model=model, cached=True)
        record_miss(category)
    ask = dict(model=model, system=system, prompt=prompt, schema=schema, tool_name=tool_name,
               tool_description=tool_description, max_tokens=max_tokens)
    completion = chosen.structured(**ask, repair=None)
    _account(category, completion)
    tokens_in, tokens_out = completion.input_tokens, completion.output_tokens
    problem = _problem_with(completion, schema)
    if problem is not None:
        logger.warning("LLM answer for %s did not fit its schema (%s); asking once more", tool_name, problem)
        completion = chosen.structured(**ask, repair=Repair(previous_answer=completion.raw, problem=problem))
        _account(category, completion)
        tokens_in, tokens_out = tokens_in + completion.input_tokens, tokens_out + completion.output_tokens
        problem = _problem_with(completion, schema)
        if problem is not None:
            logger.warning("LLM answer for %s still did not fit its schema: %s", tool_name, problem)
            raise LLMUnavailable(UNUSABLE_ANSWER)
    if use_cache:
        safe_set(key, completion.data, CACHE_TTL.get(category, DAY))
    return LLMResult(value=completion.data, model=completion.model or model, cached=False,
                     input_tokens=tokens_in, output_tokens=tokens_out)


def write(*, category: str, system: str, prompt: str, model: str | None = None, max_tokens: int = 1500) -> LLMResult:
    """Free text. Callers cache under their own documented keys (cover letters, highlights)."""
    model = model or writing_model()
    completion = provider().text(model=model, system=system, prompt=prompt, max_tokens=max_tokens)
    _account(category, completion)
    text = completion.text.strip()
    if not text:
        raise LLMUnavailable("The AI service returned an empty answer. Try again shortly.")
    return LLMResult(value=text, model=completion.model or model, cached=False,
                     input_tokens=completion.input_tokens, output_tokens=completion.output_tokens)


def retry_after_seconds(headers: Any, default: int = 30) -> int:
    """A provider's Retry-After header as whole seconds (at least 1), else `default`."""
    try:
        return max(1, int(float((headers or {}).get("retry-after", default))))
    except (TypeError, ValueError):
        return default


def untrusted(label: str, text: str) -> str:
    """Wrap untrusted text (a job posting, a CV, an email) as data in a prompt.

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
