"""Both providers behind the one interface, each through its real SDK against its local stub.

`llm_stub` runs every test once with Claude (Messages API) and once with an OpenAI-compatible
server (Chat Completions, as Ollama, vLLM or LM Studio serve it).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from careerhub import llm

SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "skills": {"type": "array", "items": {"type": "string"}}},
    "required": ["title", "skills"],
}
GOOD = {"title": "Senior Python Developer", "skills": ["Python"]}


def extract(**overrides):
    arguments = dict(
        category=llm.JOB_EXTRACT,
        system="Extract the job.",
        prompt=llm.untrusted("job_posting", "Senior Python Developer at Acme"),
        schema=SCHEMA,
        tool_name="record_job",
        tool_description="Record the extracted job.",
    )
    arguments.update(overrides)
    return llm.extract(**arguments)


def header(request: dict, name: str) -> str | None:
    return {key.lower(): value for key, value in request["headers"].items()}.get(name.lower())


def metric(kind: str, category: str = llm.JOB_EXTRACT) -> int:
    return cache.get(llm.metrics_key(category, kind)) or 0


class TestEitherProvider:
    def test_structured_output_is_validated_and_returned(self, llm_stub):
        llm_stub.queue(llm_stub.structured(GOOD))
        result = extract()
        assert (result.value, result.cached) == (GOOD, False)
        assert result.input_tokens > 0 and result.output_tokens > 0
        assert "<job_posting>" in str(llm_stub.requests[0]["body"]["messages"])

    def test_a_repeated_extraction_is_a_cache_hit_counted_per_category(self, llm_stub):
        llm_stub.queue(llm_stub.structured(GOOD))
        first, second = extract(), extract()
        assert (first.cached, second.cached) == (False, True)
        assert len(llm_stub.requests) == 1
        assert (metric("hits"), metric("misses")) == (1, 1)

    def test_an_answer_outside_the_schema_gets_one_repair_request(self, llm_stub):
        # given a first answer of the wrong type, then a good one
        llm_stub.queue(llm_stub.structured({"title": 42, "skills": []}), llm_stub.structured(GOOD))
        # when
        result = extract()
        # then the second request showed the model its answer and the problem
        assert result.value == GOOD
        assert len(llm_stub.requests) == 2
        repair = str(llm_stub.requests[1]["body"]["messages"])
        assert "could not be used" in repair and "title" in repair and "42" in repair

    def test_two_unusable_answers_are_a_503_and_nothing_is_cached(self, llm_stub):
        llm_stub.queue(llm_stub.structured({"title": 42}), llm_stub.structured({"skills": "no"}))
        with pytest.raises(llm.LLMUnavailable) as failure:
            extract()
        assert failure.value.status_code == 503
        llm_stub.queue(llm_stub.structured(GOOD))
        assert extract().cached is False

    @pytest.mark.parametrize(
        "answer, retry_after",
        [
            ({"kind": "error", "status": 429, "retry_after": 7, "message": "slow down"}, 7),
            ({"kind": "error", "status": 500, "retry_after": None, "message": "boom"}, 30),
            ({"kind": "error", "status": 503, "retry_after": 12, "message": "overloaded"}, 12),
            ({"kind": "malformed"}, 30),
        ],
    )
    def test_provider_failures_become_503_with_retry_after_and_nothing_is_cached(self, llm_stub, answer, retry_after):
        llm_stub.queue(answer)
        with pytest.raises(llm.LLMUnavailable) as failure:
            extract()
        assert (failure.value.status_code, failure.value.retry_after) == (503, retry_after)
        llm_stub.queue(llm_stub.structured(GOOD))
        assert extract().cached is False

    def test_a_timeout_becomes_503(self, llm_stub, settings):
        settings.LLM_TIMEOUT_SECONDS = 0.3
        llm.clear_clients()
        llm_stub.queue(llm_stub.slow(1.5, llm_stub.structured(GOOD)))
        with pytest.raises(llm.LLMUnavailable):
            extract()

    def test_writing_uses_the_writing_model_and_returns_the_text(self, llm_stub, settings):
        llm_stub.queue(llm_stub.text("Dear Hiring Manager,\n..."))
        result = llm.write(category=llm.COVER_LETTER, system="Write.", prompt="Letter please")
        assert result.value.startswith("Dear Hiring Manager")
        assert llm_stub.requests[0]["body"]["model"] == settings.LLM_WRITING_MODEL

    def test_an_empty_text_is_a_503(self, llm_stub):
        llm_stub.queue(llm_stub.text("   "))
        with pytest.raises(llm.LLMUnavailable):
            llm.write(category=llm.COVER_LETTER, system="Write.", prompt="Letter please")

    def test_tokens_and_cost_are_counted_per_category(self, llm_stub, settings):
        settings.LLM_MODEL_PRICES = {**settings.LLM_MODEL_PRICES, settings.LLM_EXTRACTION_MODEL: [2.0, 4.0]}
        llm_stub.queue(llm_stub.structured(GOOD))
        result = extract()
        assert metric("input_tokens") == result.input_tokens and metric("output_tokens") == result.output_tokens
        expected = round(result.input_tokens * 2.0 + result.output_tokens * 4.0)  # micro-USD per token at $/Mtok
        assert metric("cost_microusd") == expected


class TestOpenAICompatible:
    def test_structured_output_asks_for_a_json_schema_response_format(self, openai_stub):
        openai_stub.queue(openai_stub.structured(GOOD))
        extract()
        body = openai_stub.requests[0]["body"]
        assert body["model"] == "llama3.1:8b"
        assert body["response_format"]["type"] == "json_schema"
        assert body["response_format"]["json_schema"]["schema"] == SCHEMA
        assert body["messages"][0] == {"role": "system", "content": "Extract the job."}
        assert openai_stub.requests[0]["path"] == "/v1/chat/completions"

    def test_without_a_key_a_local_server_is_still_reachable(self, openai_stub):
        openai_stub.queue(openai_stub.structured(GOOD))
        extract()
        assert header(openai_stub.requests[0], "Authorization") == "Bearer not-needed"

    def test_with_a_key_it_is_sent_as_a_bearer_token(self, openai_stub, settings):
        settings.OPENAI_API_KEY = "sk-local"
        llm.clear_clients()
        openai_stub.queue(openai_stub.structured(GOOD))
        extract()
        assert header(openai_stub.requests[0], "Authorization") == "Bearer sk-local"

    def test_tools_mode_forces_a_function_call(self, openai_stub, settings):
        settings.OPENAI_STRUCTURED_OUTPUT = "tools"
        openai_stub.queue(openai_stub.structured(GOOD))
        assert extract().value == GOOD
        body = openai_stub.requests[0]["body"]
        assert "response_format" not in body
        assert body["tool_choice"] == {"type": "function", "function": {"name": "record_job"}}
        assert body["tools"][0]["function"]["parameters"] == SCHEMA

    def test_a_server_without_response_format_is_asked_with_a_function_call_and_remembered(self, openai_stub):
        # given a server that answers 400 to response_format
        openai_stub.supports_response_format = False
        openai_stub.queue(openai_stub.structured(GOOD), openai_stub.structured({"title": "B", "skills": []}))
        # when two extractions run
        first = extract()
        second = extract(prompt="another posting")
        # then the first fell back to a function call, and the second asked that way at once
        assert (first.value, second.value["title"]) == (GOOD, "B")
        assert ["response_format" in r["body"] for r in openai_stub.requests] == [True, False, False]

    def test_a_malformed_json_answer_is_repaired(self, openai_stub):
        openai_stub.queue(openai_stub.raw_structured('{"title": "Senior Python Developer", "skills": ["Py'), openai_stub.structured(GOOD))
        assert extract().value == GOOD
        assert "not valid JSON" in str(openai_stub.requests[1]["body"]["messages"][-1])

    def test_a_json_answer_in_a_code_fence_is_read(self, openai_stub):
        openai_stub.queue(openai_stub.raw_structured('```json\n{"title": "A", "skills": []}\n```'))
        assert extract().value == {"title": "A", "skills": []}

    def test_an_unreachable_server_becomes_503(self, openai_stub, settings):
        settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # discard port: nothing listens
        llm.clear_clients()
        with pytest.raises(llm.LLMUnavailable):
            extract()


class TestWhichProvider:
    def test_the_keys_decide_when_no_provider_is_named(self, settings):
        settings.LLM_PROVIDER = ""
        settings.ANTHROPIC_API_KEY, settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "", "", None
        assert (llm.provider_name(), llm.is_configured()) == ("heuristic", False)
        settings.OPENAI_BASE_URL = "http://127.0.0.1:11434/v1"
        assert (llm.provider_name(), llm.is_configured()) == ("openai", True)
        settings.ANTHROPIC_API_KEY = "sk-ant"
        assert llm.provider_name() == "anthropic"

    def test_a_named_provider_wins_over_the_keys(self, settings):
        settings.LLM_PROVIDER = "heuristic"
        settings.ANTHROPIC_API_KEY = "sk-ant"
        assert (llm.provider_name(), llm.is_configured()) == ("heuristic", False)

    def test_the_cache_tells_providers_apart(self, anthropic_stub, settings):
        anthropic_stub.queue(anthropic_stub.structured(GOOD))
        extract()
        from careerhub.testing import ChatCompletionsStub

        other = ChatCompletionsStub().start()
        try:
            settings.LLM_PROVIDER, settings.OPENAI_BASE_URL = "openai", f"{other.url}/v1"
            settings.LLM_EXTRACTION_MODEL = anthropic_stub.requests[0]["body"]["model"]  # even with the same model name
            llm.clear_clients()
            other.queue(other.structured({"title": "from the other one", "skills": []}))
            assert extract().value["title"] == "from the other one"
        finally:
            other.stop()


ROOT = Path(__file__).resolve().parents[2]


def manage_check(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "LLM_", "OPENAI_", "ANTHROPIC_"))}
    environment.update(env, DJANGO_SETTINGS_MODULE="careerhub.settings.base")
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"LLM_PROVIDER": "anthropic"}, "LLM_PROVIDER: 'anthropic' needs ANTHROPIC_API_KEY"),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"}, "LLM_EXTRACTION_MODEL is required"),
        ({"LLM_PROVIDER": "openai", "LLM_EXTRACTION_MODEL": "llama3.1"}, "LLM_WRITING_MODEL is required"),
        ({"LLM_PROVIDER": "gemini"}, "LLM_PROVIDER"),
        ({"LLM_MODEL_PRICES": '{"llama": 3}'}, "LLM_MODEL_PRICES"),
    ],
)
def test_a_provider_that_cannot_work_stops_start_up_naming_the_variable(env, message):
    result = manage_check(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_an_ollama_configuration_starts():
    result = manage_check(OPENAI_BASE_URL="http://127.0.0.1:11434/v1", LLM_EXTRACTION_MODEL="llama3.1", LLM_WRITING_MODEL="llama3.1")
    assert result.returncode == 0, result.stderr
