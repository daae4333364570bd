"""The shared cache: Redis when REDIS_URL is set, this process's memory otherwise; rate limits
counted in Redis hold across app servers (here: separate processes)."""

import os
import socket

import pytest
from django.core.cache import cache

from tests.conftest import run_manage

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"


def redis_is_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") and not os.environ.get("CI") and not redis_is_reachable(),
    reason="no Redis on 127.0.0.1:6379 (CI always has one)",
)


def in_app_process(code: str, **env: str) -> str:
    """Runs Python in a fresh process with the project's settings, as another app server would
    (without Redis unless `env` names one)."""
    result = run_manage(
        "shell", "--no-imports", "-c", code, SECRET_KEY="test-only", DEBUG="0", **({"REDIS_URL": ""} | env)
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_url_the_cache_is_this_process_memory():
    printed = in_app_process('from django.core.cache import caches; print(type(caches["default"]).__name__)')
    assert printed == "LocMemCache"


@needs_redis
def test_with_redis_url_the_cache_is_redis():
    printed = in_app_process(
        'from django.core.cache import caches; print(type(caches["default"]).__name__)', REDIS_URL=REDIS_URL
    )
    assert printed == "RedisCache"


@needs_redis
def test_with_redis_a_rate_limit_counts_across_app_servers():
    env = {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": "interviewprep-test-shared"}
    in_app_process("from django.core.cache import cache; cache.clear()", **env)
    hit = "from interviewprep.ratelimit import Limit; print(Limit('shared-test', 2, 3600).hit('203.0.113.9'))"
    answers = [in_app_process(hit, **env) for _ in range(3)]
    assert answers == ["True", "True", "False"]


def test_the_configured_cache_keeps_and_forgets_values():
    cache.set("greeting", "hello", timeout=30)
    assert cache.get("greeting") == "hello"
    assert cache.add("counter", 1)
    assert cache.incr("counter") == 2
    cache.delete("greeting")
    assert cache.get("greeting") is None
