import zoneinfo
from functools import cache

from django.conf import settings
from django.db import models


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Reading tzdata's list scans the disk: once per process is enough."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Profile(models.Model):
    """What we know of a user beyond django.contrib.auth: the time zone dates are shown in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    time_zone = models.CharField(max_length=64, default="UTC")

    def __str__(self) -> str:
        return f"{self.user} ({self.time_zone})"

    @classmethod
    def for_user(cls, user) -> "Profile":
        profile, _ = cls.objects.get_or_create(user=user)
        return profile
