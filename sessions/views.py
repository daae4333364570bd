from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import Profile
from interviewprep.htmx import partial_or_page
from questions.models import Question
from sessions import charts, services, sql_runs
from sessions.answer_diff import compare
from sessions.calibration import calibration_of, tick_disagreements
from sessions.dashboard import figures_for
from sessions.due import forecast, review_due_context
from sessions.durations import format_duration
from sessions.evidence import bank_weights
from sessions.export import as_csv, cards_of, history_of
from sessions.forms import (
    AnswerForm,
    CompareForm,
    GradingCard,
    HistoryFilterForm,
    RegradeForm,
    StartForm,
    grading_card,
)
from sessions.models import (
    ANSWER_MAX_CHARS,
    FINISHED,
    InterviewSession,
    InterviewSessionQuerySet,
    SessionQuestion,
    regrade_candidates,
)
from sessions.pace import pace_of
from sessions.presets import LOOPS, PRESETS
from sessions.retention import retention_by_month
from sessions.scores import session_result

# ---------------------------------------------------------------------------------------------
# Home: the landing page, and the progress dashboard once logged in.
# ---------------------------------------------------------------------------------------------

# The question a visitor can read on the landing page (any active one if it is retired).
LANDING_SAMPLE = "bias-variance-decomposition"


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The landing page for visitors; the progress dashboard once logged in. A bounded number of
    queries, whatever the length of the history: two beyond the log-in's while nothing changed
    (sessions.dashboard caches the figures)."""
    if not request.user.is_authenticated:
        active = Question.objects.active().select_related("topic")
        sample = active.filter(slug=LANDING_SAMPLE).first() or active.order_by("pk").first()
        return TemplateResponse(request, "landing.html", {"sample": sample, "question_count": active.count()})
    # A session left to run out is expired now, so it shows as one to grade, not to resume.
    in_progress = InterviewSession.objects.for_user(request.user).current()
    figures = figures_for(request.user, timezone.get_current_timezone(), timezone.localdate())
    context = {
        "in_progress": in_progress,
        "seconds_left": in_progress.seconds_left() if in_progress else 0,
        "to_grade": figures.to_grade,
        "more_to_grade": figures.more_to_grade,
        "has_history": in_progress is not None or figures.has_sessions,
        "progress": figures.progress,
        "grade_line": figures.grade_line,
        "topic_bars": figures.topic_bars,
        "heat_map": figures.heat_map,
        # The "Practise <weakest topic>" button starts a Quick session on it.
        "quick": PRESETS["quick"],
        **review_due_context(request.user),
        **_review_schedule(request.user),
        **_pace(request.user),
        **_calibration(request.user),
    }
    return TemplateResponse(request, "sessions/dashboard.html", context)


def _calibration(user) -> dict:
    """The dashboard's calibration: the drift so far and whether an old answer awaits a blind
    re-grade: two queries (the tick-and-hint comparison stays on the re-grade page: it stems
    a hundred answers)."""
    return {"calibration": calibration_of(user), "can_regrade": regrade_candidates(user).exists()}


def _pace(user) -> dict:
    """The dashboard's pace per topic: one query."""
    pace = pace_of(user)
    return {"pace": pace, "pace_chart": charts.pace_bars(pace)}


def _review_schedule(user) -> dict:
    """The dashboard's forecast and retention charts: three queries (cards, due reviews, the
    desired retention)."""
    days, months = forecast(user), retention_by_month(user)
    target = Profile.retention_of(user.pk)
    return {
        "forecast": days,
        "forecast_chart": charts.forecast_bars(days),
        "retention": months,
        "retention_chart": charts.retention_bars(months, target),
        "retention_target_label": f"{target:.0%}",
    }


# ---------------------------------------------------------------------------------------------
# Timed mock interviews: start, the interview page, saving an answer, submit, abandon.
# ---------------------------------------------------------------------------------------------


INTERVIEW_TEMPLATE = "sessions/interview.html"


def session_for(request: HttpRequest, pk: int, sessions: InterviewSessionQuerySet | None = None) -> InterviewSession:
    """The user's own session (another user's is a 404), from `sessions` (all of them by
    default), expired first when its deadline has passed: whoever comes back after closing the
    tab finds it closed at the deadline, and can grade it without a detour."""
    session = get_object_or_404(
        InterviewSession.objects.all() if sessions is None else sessions, pk=pk, owner=request.user
    )
    session.expire_if_overdue()
    return session


def _to_review(request: HttpRequest, session: InterviewSession) -> HttpResponse:
    url = reverse("interviews:review", args=[session.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Presets and a custom form; one session in progress per user, which the page offers to
    resume or abandon instead."""
    mine = InterviewSession.objects.for_user(request.user)
    running = mine.current()
    # ?topics=<id> pre-ticks topics, e.g. from the dashboard's "Practise <weakest topic>" link.
    initial = {"topics": request.GET.getlist("topics")}
    form = StartForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.begin_interview(
                request.user,
                data["questions"],
                data["minutes"],
                format=data["format"],
                topics=data["topics"],
                difficulty=data["difficulty"],
            )
        except services.SessionInProgress:
            # Another tab started one meanwhile: the page offers that one.
            running = mine.in_progress().first()
        else:
            return redirect("interviews:interview", session.pk)
    context = {
        "form": form,
        "presets": PRESETS.values(),
        "loops": LOOPS.values(),
        "running": running,
        "running_clock": format_duration(running.seconds_left(), "clock") if running else "",
        **review_due_context(request.user),
    }
    return TemplateResponse(request, "sessions/start.html", context, status=409 if running and form.is_bound else 200)


def _items(session: InterviewSession) -> list[SessionQuestion]:
    # The question for a SQL question's tables (the snapshot holds what is graded, not the tables).
    return list(session.session_questions.select_related("answer", "topic", "question"))


def _item_at(items: list[SessionQuestion], position) -> SessionQuestion:
    for item in items:
        if str(item.position) == str(position):
            return item
    raise Http404("No such question in this interview.")


def _interview_page(
    request: HttpRequest,
    session: InterviewSession,
    items: list[SessionQuestion],
    item: SessionQuestion,
    form: AnswerForm,
    status: int = 200,
    sql_run: sql_runs.SqlRun | None = None,
) -> HttpResponse:
    now = timezone.now()
    confirm = request.GET.get("confirm", "")
    context = {
        "session": session,
        "items": items,
        "item": item,
        "answer": item.answer,
        "form": form,
        "previous": item.position - 1 if item.position > 1 else None,
        "next": item.position + 1 if item.position < len(items) else None,
        "answered_count": sum(1 for i in items if i.answer.text),
        # The page's live word count starts from what the box holds (the JS counts the same way).
        "word_count": len(str(form["text"].value() or "").split()),
        "ms_left": session.ms_left(now),
        "clock": format_duration(session.seconds_left(now), "clock"),
        "server_ms": session.server_ms(now),
        "max_chars": ANSWER_MAX_CHARS,
        "max_chars_display": f"{ANSWER_MAX_CHARS:,}",
        "confirm": confirm if confirm in ("submit", "abandon") else "",
        "is_sql": sql_runs.is_sql(item),
        "run": sql_run,
    }
    return TemplateResponse(request, INTERVIEW_TEMPLATE, context, status=status)


@require_safe
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    """One question at a time (`?q=N`). The model answer is never in this page: it only shows
    the prompt. A finished (or just expired) session goes to its review."""
    session = session_for(request, pk)
    if not session.is_in_progress:
        return _to_review(request, session)
    items = _items(session)
    item = _item_at(items, request.GET.get("q", "1"))
    return _interview_page(request, session, items, item, AnswerForm(initial={"text": item.answer.text}))


def _after_save_url(session: InterviewSession, position: int, go: str) -> str:
    url = reverse("interviews:interview", args=[session.pk])
    if go in ("submit", "abandon"):
        return f"{url}?q={position}&confirm={go}"
    targets = {"prev": position - 1, "next": position + 1}
    target = targets[go] if go in targets else (int(go) if go else position)
    return f"{url}?q={min(max(target, 1), session.question_count)}"


@require_http_methods(["GET", "POST"])
def save_answer(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """The plain form post of the interview page (no JavaScript; the page's script uses
    api.answer): saves, then goes to the question asked for. A GET goes to the question."""
    session = session_for(request, pk)
    item = get_object_or_404(session.session_questions.select_related("answer"), position=position)
    if request.method == "GET":
        return redirect(_after_save_url(session, position, ""))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        if not session.is_in_progress:
            messages.warning(request, " ".join(message for errors in form.errors.values() for message in errors))
            return _to_review(request, session)
        return _interview_page(request, session, _items(session), item, form, status=422)
    data = form.cleaned_data
    result = services.save_answer(session, item.answer, data["text"], data["revision"], data["time_spent"])
    if result.message:
        messages.warning(request, result.message)
    if not session.is_in_progress:
        return _to_review(request, session)
    return redirect(_after_save_url(session, position, data["go"]))


@require_POST
def run_query(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """Runs the answer box's query of a SQL question on its tables, in the sandbox; the clock
    keeps running. htmx (the Run button) gets the result panel; the page's script autosaves the
    text as usual. A plain form post (no JavaScript) also saves the answer, as Save does, and
    gets the page with the result. A bad query is a message, never an error page."""
    session = session_for(request, pk)
    if not session.is_in_progress:
        return _to_review(request, session)
    items = _items(session)
    item = _item_at(items, position)
    if not sql_runs.is_sql(item):
        raise Http404("This question has no tables to run a query on.")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        message = " ".join(message for errors in form.errors.values() for message in errors)
        outcome = sql_runs.SqlRun(error=message, run_count=item.answer.sql_run_count)
        text = request.POST.get("text", "")
    else:
        data = form.cleaned_data
        text = data["text"]
        if not request.htmx:
            result = services.save_answer(session, item.answer, text, data["revision"], data["time_spent"])
            if result.message:
                messages.warning(request, result.message)
            if not session.is_in_progress:
                return _to_review(request, session)
        outcome = sql_runs.run(request.user, item, text)
    if request.htmx:
        context = {"run": outcome, "session": session, "item": item, "answer": item.answer}
        return TemplateResponse(request, f"{INTERVIEW_TEMPLATE}#sql_result", context)
    status = 429 if outcome.rate_limited else 200
    return _interview_page(request, session, items, item, AnswerForm(initial={"text": text}), status, outcome)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submits the session, or expires it at the deadline when the time is up (the page's own
    submit at zero). Already finished: nothing changes, so a double submit is harmless."""
    session = session_for(request, pk)
    session.submit()
    return _to_review(request, session)


@require_POST
def abandon(request: HttpRequest, pk: int) -> HttpResponse:
    """Stops the session without submitting; its answers stay in the history."""
    session = session_for(request, pk)
    if session.is_done:
        return _to_review(request, session)
    if session.abandon():
        messages.success(request, "Interview abandoned. Its answers are kept in your history.")
    url = reverse("interviews:start")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# ---------------------------------------------------------------------------------------------
# Review and self-grading of a finished session.
# ---------------------------------------------------------------------------------------------


def _questions_to_grade(session: InterviewSession):
    return session.session_questions.select_related("topic", "question", "answer", "self_grade").prefetch_related(
        "key_points"
    )


def _review_context(session: InterviewSession, cards: list[GradingCard], scored: bool = False) -> dict:
    return {"session": session, "cards": cards, "result": session_result(session, scored)}


@require_safe
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """A finished session side by side with the model answers, graded question by question.
    While the session runs, the model answers stay hidden: back to the interview."""
    session = session_for(request, pk, InterviewSession.objects.with_scores())
    if session.is_in_progress:
        return redirect("interviews:interview", pk=session.pk)
    session.lock_answers()
    just_saved = request.GET.get("saved", "")
    items = list(_questions_to_grade(session))
    for item in items:
        # The final query of a SQL question, checked against the expected result (stored).
        sql_runs.check_answer(item)
    weights = cache(bank_weights)  # the bank's hint weights, looked up once for every card
    cards = [grading_card(item, saved=str(item.position) == just_saved, weights=weights) for item in items]
    return TemplateResponse(request, "sessions/review.html", _review_context(session, cards, scored=True))


@require_POST
def grade(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """Saves the ticks, grade and note of one question. Plain posts go back to the question on
    the review page; htmx gets the question's grading panel and the updated progress."""
    session = session_for(request, pk)
    if not session.is_finished:
        raise Http404("The session is still in progress.")
    item = get_object_or_404(_questions_to_grade(session), position=position)
    card = grading_card(item, request.POST)
    if not card.form.is_valid():
        if request.htmx:
            # 200, not 400: htmx swaps only successful responses, and the message must show.
            return TemplateResponse(request, "sessions/review.html#grading_update", _review_context(session, [card]))
        weights = cache(bank_weights)
        cards = [
            card if other.pk == item.pk else grading_card(other, weights=weights)
            for other in _questions_to_grade(session)
        ]
        return TemplateResponse(request, "sessions/review.html", _review_context(session, cards), status=400)
    saved = card.form.save()
    # A note typed before any grade cannot be stored yet (a grade holds it): the ticks are
    # saved, and the note comes back in the form instead of being lost.
    unsaved_note = "" if saved else card.form.cleaned_data["note"]
    fresh = grading_card(_questions_to_grade(session).get(pk=item.pk), saved=True, unsaved_note=unsaved_note)
    if request.htmx:
        return TemplateResponse(request, "sessions/review.html#grading_update", _review_context(session, [fresh]))
    if not unsaved_note:
        return redirect(f"{reverse('interviews:review', args=[session.pk])}?saved={position}#question-{position}")
    weights = cache(bank_weights)
    cards = [
        fresh if other.pk == item.pk else grading_card(other, weights=weights) for other in _questions_to_grade(session)
    ]
    return TemplateResponse(request, "sessions/review.html", _review_context(session, cards))


# ---------------------------------------------------------------------------------------------
# Calibration: an old answer graded again, blind.
# ---------------------------------------------------------------------------------------------


def _regrade_page(request: HttpRequest, item: SessionQuestion | None, form: RegradeForm, status: int = 200):
    context = {
        "item": item,
        "form": form,
        "calibration": calibration_of(request.user),
        "disagreements": tick_disagreements(request.user)[:5],
    }
    return TemplateResponse(request, "sessions/regrade.html", context, status=status)


@require_safe
def regrade(request: HttpRequest) -> HttpResponse:
    """The next old answer (a week or more) to grade again without its first grade, ticks or
    note, and the drift measured so far."""
    item = regrade_candidates(request.user).select_related("answer", "topic").prefetch_related("key_points").first()
    return _regrade_page(request, item, RegradeForm())


@require_POST
def save_regrade(request: HttpRequest, pk: int) -> HttpResponse:
    """Stores a blind grade of one of the user's own old answers (another user's is a 404); a
    bad grade stores nothing and shows the same answer again. Never a review for the schedule."""
    candidates = regrade_candidates(request.user).select_related("answer", "topic", "self_grade")
    item = get_object_or_404(candidates.prefetch_related("key_points"), pk=pk)
    form = RegradeForm(request.POST)
    if not form.is_valid():
        return _regrade_page(request, item, form, status=400)
    regrade = form.save(item)
    messages.success(
        request,
        f"Re-graded {regrade.get_grade_display()}; you first graded it {regrade.get_first_grade_display()}.",
    )
    return redirect("interviews:regrade")


# ---------------------------------------------------------------------------------------------
# History, a past session, a question's own history, export.
# ---------------------------------------------------------------------------------------------


HISTORY_PAGE_SIZE = 20


@require_safe
def history(request: HttpRequest) -> HttpResponse:
    """The user's sessions, newest first, 20 a page: five queries (expiry, filter choices, count,
    page, topics of the page)."""
    filters = HistoryFilterForm(request.GET or None)
    mine = InterviewSession.objects.for_user(request.user)
    mine.current()  # A session left to run out shows as expired, not in progress.
    sessions = filters.filter(mine.with_scores())
    sessions = sessions.prefetch_related(
        Prefetch("session_questions", queryset=SessionQuestion.objects.select_related("topic").only("session", "topic"))
    )
    page = Paginator(sessions, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    for session in page.object_list:
        topics = {item.topic for item in session.session_questions.all()}
        session.asked_topics = [topic.name for topic in sorted(topics, key=lambda topic: (topic.position, topic.name))]
    context = {"filters": filters, "page": page, "has_any": page.paginator.count > 0 or filters.is_filtered}
    if not context["has_any"]:
        context["has_any"] = mine.exists()
    return TemplateResponse(request, partial_or_page(request, "sessions/history.html", "results"), context)


@require_safe
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A finished session, read-only, as it was: four queries whatever its length (and, the
    first time, one UPDATE per SQL question storing the check of its final query)."""
    session = session_for(request, pk, InterviewSession.objects.with_scores())
    if session.is_in_progress:
        return redirect("interviews:interview", pk=session.pk)
    session.lock_answers()
    items = list(
        session.session_questions.select_related("topic", "question", "answer", "self_grade").prefetch_related(
            "key_points"
        )
    )
    for item in items:
        sql_runs.check_answer(item)
    context = {"session": session, "items": items}
    return TemplateResponse(request, "sessions/session_detail.html", context)


@require_safe
def question_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every answer the user gave to one question in a finished session, newest first, 20 a
    page. With htmx (the question's page loads it) only the list."""
    question = get_object_or_404(Question, slug=slug)
    page = Paginator(_attempts_at(request.user, question), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.covered_count = sum(point.covered for point in item.key_points.all())
    context = {"question": question, "page": page}
    return TemplateResponse(request, partial_or_page(request, "sessions/question_history.html", "attempts"), context)


def _attempts_at(user, question: Question):
    """The user's answers to `question` in finished sessions, newest first (one query, with the
    key points a second)."""
    return (
        SessionQuestion.objects.filter(question=question, session__owner=user, session__status__in=FINISHED)
        .select_related("session", "answer", "self_grade")
        .prefetch_related("key_points")
        .order_by("-session__started_at", "-pk")
    )


@require_safe
def compare_answers(request: HttpRequest, slug: str) -> HttpResponse:
    """Two of the user's answers to one question: a word-level diff, the grade change and the
    key points newly ticked. Without a choice, the two latest; ids not of the user's own
    answers are refused as invalid choices, never shown."""
    question = get_object_or_404(Question, slug=slug)
    attempts = _attempts_at(request.user, question)
    form = CompareForm(request.GET or None, attempts=attempts)
    comparison = None
    if form.is_bound and form.is_valid():
        comparison = compare(*form.chosen())
    elif not form.is_bound and form.latest_two:
        comparison = compare(*form.latest_two)
    context = {"question": question, "form": form, "comparison": comparison, "attempt_count": len(form.attempts)}
    return TemplateResponse(request, "sessions/compare_answers.html", context)


@require_safe
def export(request: HttpRequest, format: str) -> HttpResponse:
    """All the user's sessions, answers, ticked key points, grades and notes, and the review
    schedule of each question, as a download."""
    if format not in ("csv", "json"):
        raise Http404("Export as csv or json.")
    history, cards = history_of(request.user), cards_of(request.user)
    filename = f"interviewprep-history-{timezone.localdate():%Y-%m-%d}.{format}"
    if format == "csv":
        response = HttpResponse(as_csv(history, cards), content_type="text/csv; charset=utf-8")
    else:
        document = {
            "exported_at": timezone.localtime().isoformat(),
            "user": request.user.username,
            "sessions": history,
            "cards": cards,
        }
        response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
