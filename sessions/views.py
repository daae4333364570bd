from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

# ---------------------------------------------------------------------------------------------
# Home: the landing page, and the progress dashboard once logged in (issue 6).
# ---------------------------------------------------------------------------------------------


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page for visitors; the progress dashboard once logged in."""
    if not request.user.is_authenticated:
        return TemplateResponse(request, "landing.html")
    return TemplateResponse(request, "sessions/dashboard.html")


# ---------------------------------------------------------------------------------------------
# Timed mock interviews: start, the interview page, autosave, submit, abandon (issue 4).
# ---------------------------------------------------------------------------------------------


def start(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "sessions/start.html")


def interview(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Not built yet")


def save_answer(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    raise Http404("Not built yet")


def submit(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Not built yet")


def abandon(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Not built yet")


# ---------------------------------------------------------------------------------------------
# Review and self-grading of a finished session (issue 5).
# ---------------------------------------------------------------------------------------------


def review(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Not built yet")


def grade(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    raise Http404("Not built yet")


# ---------------------------------------------------------------------------------------------
# History, a past session, a question's own history, export (issue 6).
# ---------------------------------------------------------------------------------------------


def history(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "sessions/history.html")


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Not built yet")


def question_history(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("")


def export(request: HttpRequest, format: str) -> HttpResponse:
    raise Http404("Not built yet")
