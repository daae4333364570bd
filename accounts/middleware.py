import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import Profile


class UserTimezoneMiddleware:
    """Shows every date in the signed-in user's own time zone; storage stays UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            name = Profile.objects.filter(user=request.user).values_list("time_zone", flat=True).first()
            try:
                timezone.activate(zoneinfo.ZoneInfo(name or "UTC"))
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
