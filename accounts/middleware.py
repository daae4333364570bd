import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import Profile

# The session holds the user's time zone, so a request need not read the profile for it.
TIME_ZONE_SESSION_KEY = "time_zone"


def remember_time_zone(request, name: str) -> None:
    """Keeps `name` as this log-in's time zone (the settings page calls it on a change)."""
    request.session[TIME_ZONE_SESSION_KEY] = name


class UserTimezoneMiddleware:
    """Shows every date in the signed-in user's own time zone; storage stays UTC. The zone is
    read from the profile once per log-in, on its first request, then kept in the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            name = request.session.get(TIME_ZONE_SESSION_KEY)
            if name is None:
                name = Profile.objects.filter(user=request.user).values_list("time_zone", flat=True).first() or "UTC"
                remember_time_zone(request, name)
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class HtmxLoginRedirectMiddleware:
    """An htmx request from a browser whose log-in has expired would swap the log-in page into a
    fragment; instead it gets HX-Redirect, so htmx loads the log-in page (with `next`) whole."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = resolve_url(settings.LOGIN_URL)

    def __call__(self, request):
        response = self.get_response(request)
        location = response.get("Location", "")
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code == 302
            and urlsplit(location).path == self.login_path
            and not request.user.is_authenticated
        ):
            return HttpResponseClientRedirect(location)
        return response
