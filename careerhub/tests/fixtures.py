"""The LLM providers as tests drive them: each real SDK against its local stub, or none at all.

Registered in the root conftest, for every app's tests.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def anthropic_stub(settings):
    """The real anthropic SDK pointed at a local Messages API stub (careerhub.testing)."""
    from careerhub import llm
    from careerhub.testing import MessagesApiStub

    stub = MessagesApiStub().start()
    settings.LLM_PROVIDER = "anthropic"
    settings.ANTHROPIC_API_KEY = "sk-test-stub"
    settings.ANTHROPIC_BASE_URL = stub.url
    settings.LLM_MAX_RETRIES = 0
    settings.LLM_TIMEOUT_SECONDS = 2.0
    llm.clear_clients()
    yield stub
    stub.stop()
    llm.clear_clients()


@pytest.fixture
def openai_stub(settings):
    """The real openai SDK pointed at a local Chat Completions stub (careerhub.testing), as for Ollama."""
    from careerhub import llm
    from careerhub.testing import ChatCompletionsStub

    stub = ChatCompletionsStub().start()
    settings.LLM_PROVIDER = "openai"
    settings.ANTHROPIC_API_KEY = ""
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = f"{stub.url}/v1"
    settings.OPENAI_STRUCTURED_OUTPUT = "json_schema"
    settings.LLM_EXTRACTION_MODEL = "llama3.1:8b"
    settings.LLM_WRITING_MODEL = "llama3.1:70b"
    settings.LLM_MAX_RETRIES = 0
    settings.LLM_TIMEOUT_SECONDS = 2.0
    llm.clear_clients()
    yield stub
    stub.stop()
    llm.clear_clients()


@pytest.fixture(params=["anthropic", "openai"])
def llm_stub(request):
    """Each provider in turn, through its real SDK against its local stub."""
    return request.getfixturevalue(f"{request.param}_stub")


@pytest.fixture
def no_llm(settings):
    """The embedded default: no provider configured, deterministic fallbacks."""
    settings.LLM_PROVIDER = ""
    settings.ANTHROPIC_API_KEY = ""
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = None
    return settings
