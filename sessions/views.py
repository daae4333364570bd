from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page for visitors; the progress dashboard once logged in."""
    if not request.user.is_authenticated:
        return TemplateResponse(request, "landing.html")
    return TemplateResponse(request, "sessions/dashboard.html")


def start(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "sessions/start.html")


def history(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "sessions/history.html")
