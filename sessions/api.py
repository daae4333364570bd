"""The JSON protocol the interview page's script speaks (static/js/interview/): autosave, the
stored answer (checked when the text box gets the focus), and the submit at zero. The HTML
views in views.py serve the same actions to plain forms."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sessions import services
from sessions.forms import AnswerForm
from sessions.models import Answer, InterviewSession
from sessions.views import session_for


def _payload(session: InterviewSession, answer: Answer, state: str, message: str = "") -> dict:
    now = timezone.now()
    saved_at = timezone.localtime(answer.saved_at) if answer.saved_at else None
    payload = {
        "state": state,
        "message": message,
        "revision": answer.revision,
        "answered": bool(answer.text),
        "saved_at": saved_at.isoformat() if saved_at else None,
        "saved_at_display": f"{saved_at:%H:%M:%S}" if saved_at else "",
        "seconds_left": session.seconds_left(now),
        "ms_left": session.ms_left(now),
        "server_ms": session.server_ms(now),
        "in_progress": session.is_in_progress,
        "review_url": reverse("interviews:review", args=[session.pk]),
    }
    if state in ("stale", "current"):
        payload["text"] = answer.text
    return payload


def _answer_for(request: HttpRequest, pk: int, position: int) -> Answer:
    """The answer at `position` of the user's own session pk (else a 404), with its session: one
    query, so that an autosave is this read and one UPDATE. The question's texts stay unread."""
    answers = Answer.objects.select_related("session_question__session").defer(
        *(
            f"session_question__{name}"
            for name in ("prompt", "headline", "model_answer", "common_mistakes", "follow_ups")
        )
    )
    return get_object_or_404(
        answers,
        session_question__session_id=pk,
        session_question__session__owner=request.user,
        session_question__position=position,
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int, position: int) -> JsonResponse:
    """GET: the stored answer (another tab may have saved a newer one). POST: an autosave with
    the page's revision; a refused one (too long) is a 422 with the message, the text untouched."""
    answer = _answer_for(request, pk, position)
    session = answer.session_question.session
    session.expire_if_overdue()
    if request.method == "GET":
        return JsonResponse(_payload(session, answer, "current"))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        message = " ".join(message for errors in form.errors.values() for message in errors)
        return JsonResponse(_payload(session, answer, "invalid", message), status=422)
    data = form.cleaned_data
    result = services.save_answer(session, answer, data["text"], data["revision"], data["time_spent"])
    return JsonResponse(_payload(session, result.answer, result.state, result.message))


@require_POST
def submit(request: HttpRequest, pk: int) -> JsonResponse:
    """The page's own submit, also at zero (then the session is expired at its deadline)."""
    session = session_for(request, pk)
    session.submit()
    return JsonResponse({"state": session.status, "review_url": reverse("interviews:review", args=[session.pk])})
