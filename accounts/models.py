import zoneinfo
from functools import cache

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Reading tzdata's list scans the disk: once per process is enough."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Profile(models.Model):
    """What we know of a user beyond django.contrib.auth: the time zone dates are shown in, and the
    retention the review schedule aims for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    time_zone = models.CharField(max_length=64, default="UTC")
    # What the scheduler aims for: the share of questions still answered well when they come back.
    desired_retention = models.FloatField(default=0.9, validators=[MinValueValidator(0.8), MaxValueValidator(0.95)])

    def __str__(self) -> str:
        return f"{self.user} ({self.time_zone})"

    @classmethod
    def for_user(cls, user) -> "Profile":
        profile, _ = cls.objects.get_or_create(user=user)
        return profile

    @classmethod
    def retention_of(cls, user_id: int) -> float:
        """The user's desired retention (the default without a profile): one query."""
        found = cls.objects.filter(user_id=user_id).values_list("desired_retention", flat=True).first()
        return found if found is not None else cls._meta.get_field("desired_retention").default
