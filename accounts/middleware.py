import zoneinfo

from django.utils import timezone

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
