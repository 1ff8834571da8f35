"""Admin cache statistics (seed 004 "Get Cache Statistics", "Reset Cache Metrics") on a real Redis:
the one .ci/test starts, or — in the fast SQLite loop — a throwaway redis-server started here."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from careerhub import llm
from careerhub.cache import is_redis
from jobs.models import Match
from jobs.tests.test_generation import HIGHLIGHTS, LETTER, PARSED_CV

STATS = "/api/v1/admin/cache/stats"
RESET = "/api/v1/admin/cache/reset-metrics"
LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stats-test"}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_caches(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient", "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


@pytest.fixture(scope="module")
def redis_location(tmp_path_factory):
    """The suite's Redis when there is one, else a redis-server of our own (stopped by its pid)."""
    if django_settings.REDIS_URL:
        yield django_settings.CACHES["default"]["LOCATION"]
        return
    if shutil.which("redis-server") is None:
        raise RuntimeError("redis-server is not installed: apt-get install -y redis-server")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def on_redis(settings, redis_location):
    settings.CACHES = _redis_caches(redis_location)
    cache.clear()
    assert is_redis()
    yield
    cache.clear()


def expected_category(hits: int, misses: int, cost: float) -> dict:
    total = hits + misses
    return {
        "hits": hits,
        "misses": misses,
        "total_requests": total,
        "hit_rate_percent": round(100 * hits / total, 1) if total else 0.0,
        "cost_per_miss_usd": cost,
        "savings_usd": round(hits * cost, 2),
    }


@pytest.fixture
def match(user, make_job):
    from profiles.models import Profile

    Profile.objects.create(user=user, skills=["Python", "PostgreSQL"], parsed_cv=PARSED_CV)
    return Match.objects.create(user=user, job=make_job(title="Backend Developer", tags=["Python"]), score=70)


def test_it_counts_hits_misses_savings_and_stored_keys_per_category(staff_client, auth_client, match, anthropic_stub, on_redis):
    # given a cover letter generated once and served from the cache twice ...
    anthropic_stub.queue(anthropic_stub.text(LETTER), anthropic_stub.tool_use({"highlights": HIGHLIGHTS}))
    for _ in range(3):
        assert auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter").status_code == 200
    # ... highlights generated once ...
    assert auth_client.post(f"/api/v1/matches/{match.pk}/generate-highlights").status_code == 200
    # ... and a CV parse extracted once and then served from llm.extract's content-hash cache
    anthropic_stub.queue(anthropic_stub.tool_use({"name": "Ada"}))
    for _ in range(2):
        llm.extract(
            category=llm.CV_PARSE, system="Parse.", prompt="Ada Lovelace", schema={"type": "object"},
            tool_name="record_cv", tool_description="Record the CV.",
        )

    response = staff_client.get(STATS)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["available"] is True
    assert body["breakdown"] == {
        "cover_letter": expected_category(2, 1, 0.15),
        "cv_highlights": expected_category(0, 1, 0.01),
        "cv_parse": expected_category(1, 1, 0.01),
        "job_extract": expected_category(0, 0, 0.005),
        "resume_tailor": expected_category(0, 0, 0.02),
        "inbox_classify": expected_category(0, 0, 0.002),
    }
    assert body["summary"] == {
        "total_hits": 3,
        "total_misses": 3,
        "total_requests": 6,
        "hit_rate_percent": 50.0,
        "total_savings_usd": 0.31,
    }
    assert body["storage"]["key_counts"] == {"cover_letters": 1, "cv_highlights": 1, "cv_parses": 1, "job_extracts": 0, "resume_tailors": 0, "inbox_classifications": 0}
    assert body["storage"]["total_keys"] == 3
    assert re.fullmatch(r"\d+(\.\d+)?[BKMGT]", body["storage"]["memory_used"])


def test_tailored_resumes_are_counted_in_their_own_category(staff_client, auth_client, match, anthropic_stub, on_redis):
    # given a resume tailored once by the provider, then asked for twice more (cache hits)
    anthropic_stub.queue(anthropic_stub.tool_use({"summary": "Backend engineer.", "skills": ["Python"], "work": [], "education": []}))
    for _ in range(3):
        assert auth_client.post(f"/api/v1/matches/{match.pk}/tailor-resume").status_code == 200

    body = staff_client.get(STATS).json()

    assert body["breakdown"]["resume_tailor"] == expected_category(2, 1, 0.02)
    assert body["storage"]["key_counts"]["resume_tailors"] == 1
    assert body["summary"]["total_savings_usd"] == 0.04


def test_the_cost_per_miss_is_a_setting(staff_client, on_redis, settings):
    settings.LLM_COST_PER_MISS_USD = {**settings.LLM_COST_PER_MISS_USD, "job_extract": 0.25}
    for _ in range(4):
        llm.record_hit(llm.JOB_EXTRACT)

    breakdown = staff_client.get(STATS).json()["breakdown"]

    assert breakdown["job_extract"] == expected_category(4, 0, 0.25)


def test_key_counts_use_scan_and_ignore_other_keys(staff_client, on_redis):
    for n in range(1200):  # more than one SCAN batch
        cache.set(f"cover_letter:user-{n}:1", {"value": "x"}, timeout=60)
    cache.set("career-impact:v2:someone:1", 1, timeout=60)
    cache.set("llm:job_extract:abc", {}, timeout=60)

    storage = staff_client.get(STATS).json()["storage"]

    assert storage["key_counts"] == {"cover_letters": 1200, "cv_highlights": 0, "cv_parses": 0, "job_extracts": 1, "resume_tailors": 0, "inbox_classifications": 0}
    assert storage["total_keys"] == 1201


def test_reset_clears_the_counters_but_not_the_cached_material(staff_client, auth_client, match, no_llm, on_redis):
    llm.record_hit(llm.COVER_LETTER)
    llm.record_miss(llm.CV_PARSE)
    auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter")

    response = staff_client.post(RESET)

    assert response.status_code == 200
    assert response.json() == {"message": "Cache metrics reset successfully"}
    body = staff_client.get(STATS).json()
    assert body["summary"]["total_requests"] == 0
    assert body["storage"]["key_counts"]["cover_letters"] == 1
    assert auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter").json()["cached"] is True


def test_an_empty_cache_reports_zeros(staff_client, on_redis):
    body = staff_client.get(STATS).json()

    assert body["summary"] == {"total_hits": 0, "total_misses": 0, "total_requests": 0, "hit_rate_percent": 0.0, "total_savings_usd": 0.0}
    assert body["storage"]["total_keys"] == 0


@pytest.mark.parametrize("method, path", [("get", STATS), ("post", RESET)])
def test_it_is_for_staff_only(auth_client, api_client, method, path, on_redis):
    assert getattr(auth_client, method)(path).status_code == 403
    assert getattr(api_client, method)(path).status_code == 401


@pytest.fixture
def on_local_memory(settings):
    settings.CACHES = LOCAL_MEMORY
    cache.clear()
    assert not is_redis()
    yield
    cache.clear()


def test_on_the_local_memory_cache_it_shows_what_that_cache_can_tell(
    staff_client, auth_client, match, anthropic_stub, on_local_memory
):
    # given the embedded default's cache: a cover letter generated once, then served from the cache
    anthropic_stub.queue(anthropic_stub.text(LETTER))
    for _ in range(2):
        assert auth_client.post(f"/api/v1/matches/{match.pk}/generate-cover-letter").status_code == 200

    # when
    response = staff_client.get(STATS)

    # then the counters and key counts are there, and the memory figure it cannot know is null
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["available"], body["backend"]) == (True, "locmem")
    assert body["breakdown"]["cover_letter"] == expected_category(1, 1, 0.15)
    assert body["storage"] == {
        "memory_used": None,
        "key_counts": {"cover_letters": 1, "cv_highlights": 0, "cv_parses": 0, "job_extracts": 0, "resume_tailors": 0, "inbox_classifications": 0},
        "total_keys": 1,
    }


def test_on_the_local_memory_cache_reset_clears_the_counters(staff_client, on_local_memory):
    llm.record_hit(llm.COVER_LETTER)
    cache.set("cover_letter:someone:1", {"value": "x"}, timeout=60)

    response = staff_client.post(RESET)

    assert response.status_code == 200
    body = staff_client.get(STATS).json()
    assert body["summary"]["total_requests"] == 0
    assert body["storage"]["key_counts"]["cover_letters"] == 1


def test_on_redis_it_names_its_backend_and_the_memory_used(staff_client, on_redis):
    body = staff_client.get(STATS).json()

    assert body["backend"] == "redis"
    assert body["storage"]["memory_used"]


@pytest.mark.parametrize("method, path", [("get", STATS), ("post", RESET)])
def test_it_answers_503_when_redis_is_unreachable(staff_client, settings, method, path):
    settings.CACHES = _redis_caches(f"redis://127.0.0.1:{_free_port()}/0")

    response = getattr(staff_client, method)(path)

    assert response.status_code == 503 and "Retry-After" in response
