"""Fixtures every app's tests share. App-specific fixtures live in <app>/tests/conftest.py."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

_counter = itertools.count(1)
DEFAULT_PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle histories and cached results never leak from one test into the next."""
    with contextlib.suppress(Exception):  # a fault-injection test may have stopped Redis
        cache.clear()
    yield


@pytest.fixture
def make_user(db):
    from accounts.models import User

    def make(**fields) -> User:
        n = next(_counter)
        fields.setdefault("email", f"user{n}@example.com")
        fields.setdefault("username", f"user{n}")
        password = fields.pop("password", DEFAULT_PASSWORD)
        return User.objects.create_user(password=password, **fields)

    return make


@pytest.fixture
def user(make_user):
    return make_user(email="ada@example.com", username="ada", display_name="Ada Lovelace")


@pytest.fixture
def other_user(make_user):
    return make_user(email="grace@example.com", username="grace", display_name="Grace Hopper")


@pytest.fixture
def staff_user(make_user):
    return make_user(email="root@example.com", username="root", is_staff=True, is_superuser=True)


def bearer(user) -> str:
    return f"Bearer {RefreshToken.for_user(user).access_token}"


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def client_for():
    """client_for(user) → an APIClient sending that user's access token."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=bearer(user))
        return client

    return make


@pytest.fixture
def auth_client(client_for, user):
    return client_for(user)


@pytest.fixture
def other_client(client_for, other_user):
    return client_for(other_user)


@pytest.fixture
def staff_client(client_for, staff_user):
    return client_for(staff_user)


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
