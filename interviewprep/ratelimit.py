"""Rate limits: how many times one client may do something in a window, counted in the default
cache (shared by every app server with Redis, per process without it)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind our own proxy (BEHIND_PROXY=1) that is the last address the
    proxy appended to X-Forwarded-For; earlier entries come from the client and can be forged."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def axes_client_ip(request: HttpRequest) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address our own limits use, or None when
    there is none (a request built in code), which axes stores as NULL: PostgreSQL's inet
    column refuses any other placeholder."""
    address = client_ip(request)
    return None if address == "unknown" else address


class Limit:
    """At most `times` hits per `seconds` for one key of one action, in fixed windows:
    `Limit("signup", 20, 3600).hit(ip)` is False once the 21st sign-up of the hour arrives."""

    def __init__(self, action: str, times: int, seconds: int):
        self.action, self.times, self.seconds = action, times, seconds

    def _cache_key(self, key: str, now: float) -> str:
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return f"ratelimit:{self.action}:{digest}:{int(now // self.seconds)}"

    def hit(self, key: str) -> bool:
        """Counts one attempt; True while the key is within its limit."""
        cache_key = self._cache_key(key, time.time())
        if cache.add(cache_key, 1, timeout=self.seconds + 1):
            return self.times >= 1
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=self.seconds + 1)
            count = 1
        return count <= self.times

    def retry_after(self) -> int:
        """Seconds until the current window ends (for the Retry-After header and the message)."""
        return max(1, int(self.seconds - time.time() % self.seconds))
