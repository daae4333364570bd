"""The app's URLs plus the benchmark's yardstick: a view that does nothing but answer "ok". Only
bench/settings.py selects this module; the app's own URLs never include it."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    # Behind every middleware, logged in: the floor every page stands on.
    path("bench/bare/", bare),
    # The same view served by bench.wsgi without any middleware: the floor's own yardstick.
    path("bench/raw/", bare),
    path("", include("interviewprep.urls")),
]
